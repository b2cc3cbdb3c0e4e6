from django import forms
from django.utils.translation import gettext_lazy as _

from backend.letters.sandbox import MAX_SUBJECT, MAX_TEXT


class LetterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=MAX_SUBJECT, required=False)
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "letter-text", "spellcheck": "true"}),
    )
    plan = forms.TypedChoiceField(label=_("Preview with plan"), coerce=int, required=False)

    def __init__(
        self, *args: object, is_email: bool, plans: list[tuple[int, str]], **kw: object
    ) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        if not is_email:
            del self.fields["subject"]
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.TypedChoiceField)
        plan_field.choices = [("", "–"), *plans]

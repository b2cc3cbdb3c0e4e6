"""The thread section of the plan page: the form and what the user may read (imported by
the plan page's context, so it imports no view)."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from backend.clarifications.models import Audience, ThreadRead
from backend.clarifications.selectors import message_audiences_for, message_list_for_plan
from backend.core.free_text import SHORT_TEXT
from backend.plans.forms import Form
from backend.plans.models import DevelopmentPlan


class MessageForm(Form):
    id_prefix = "message"
    audience = forms.ChoiceField(choices=Audience.choices, label=gettext_lazy("Who sees it"))
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    file = forms.FileField(label=gettext_lazy("Attachment (optional)"), required=False)

    def __init__(self, *args: Any, audiences: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["audience"]
        # Every audience validates (the service refuses one the user may not write to, with
        # 403); the select offers only the user's own.
        if len(audiences) == 1:
            field.widget = forms.HiddenInput()
            field.initial = audiences[0]
        else:
            field.widget.choices = [(a, Audience(a).label) for a in audiences]
            field.initial = Audience.PROVIDER if Audience.PROVIDER in audiences else None


def thread_context(
    request: HttpRequest, plan: DevelopmentPlan, form: MessageForm | None = None
) -> dict[str, Any]:
    """What the plan page's thread section shows to this user."""
    audiences = message_audiences_for(user=request.user, plan=plan)
    messages = list(message_list_for_plan(user=request.user, plan=plan))
    mark = (
        ThreadRead.objects.filter(plan=plan, user_id=request.user.pk or 0)
        .values_list("last_read_id", flat=True)
        .first()
        or 0
    )
    unread = [m.pk for m in messages if m.pk > mark and m.author_id != request.user.pk]
    return {
        "thread_messages": messages,
        "thread_unread": set(unread),
        "thread_unread_count": len(unread),
        "message_form": form
        if form is not None
        else (MessageForm(audiences=audiences) if audiences else None),
        "thread_audiences": audiences,
    }

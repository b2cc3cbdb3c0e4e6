"""The one-time code form (login second step and device set-up)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class OtpTokenForm(forms.Form):
    """A six-digit code from the authenticator app, checked by `verify` (a device's check)."""

    token = forms.CharField(
        label=_("Code from the authenticator app"),
        help_text=_("Six digits; the app shows a new code every 30 seconds."),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, verify: Callable[[str], bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verify = verify

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or not self._verify(token):
            raise forms.ValidationError(
                _("The code is not right or has expired. Enter the current code from the app."),
                code="invalid_token",
            )
        return token

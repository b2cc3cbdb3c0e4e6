"""The forms of two-factor login: the one-time code (device set-up), the login's second step
(the app's code or a backup code) and the re-authentication before a change of the second
factor (the password and a code)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

CODE_ATTRS = {"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}


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


class SecondFactorForm(forms.Form):
    """The login's second step: the app's current code or one unused backup code; `verify`
    answers the device it is valid for (a backup code is used up by it) or None."""

    token = forms.CharField(
        label=_("Code from the authenticator app or a backup code"),
        help_text=_(
            "Six digits from the app; without the phone, one of your backup codes "
            "(eight characters, each works once)."
        ),
        max_length=20,
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def __init__(self, *args: Any, verify: Callable[[str], Device | None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verify = verify
        self.device: Device | None = None

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        self.device = self._verify(token)
        if self.device is None:
            raise forms.ValidationError(
                _(
                    "The code is not right or has expired. Enter the current code from the "
                    "app or an unused backup code."
                ),
                code="invalid_token",
            )
        return token


class ReauthenticationForm(forms.Form):
    """The password and a second-factor code again, before the second factor changes.

    `verify_code` checks (and uses up) the code; it runs only after a right password, so a
    wrong password costs no backup code. `failed` tells the view the credentials were wrong
    (a failed login for the lockout), not merely missing."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(max_length=20, widget=forms.TextInput(attrs=CODE_ATTRS))

    def __init__(
        self,
        *args: Any,
        user: Any,
        verify_code: Callable[[str], bool],
        code_label: str,
        code_help: str,
        refusal: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._user = user
        self._verify_code = verify_code
        self._refusal = refusal
        self.fields["code"].label = code_label
        self.fields["code"].help_text = code_help
        self.failed = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, code = cleaned.get("password"), cleaned.get("code")
        if password is None or code is None:
            return cleaned
        if not self._user.check_password(password) or not self._verify_code(code):
            self.failed = True
            raise forms.ValidationError(self._refusal, code="reauthentication_failed")
        return cleaned

"""Login (password, then the TOTP code or a backup code for users with a device), the
two-factor set-up, new backup codes and the removal of a lost phone."""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from backend.accounts.forms import OtpTokenForm, ReauthenticationForm, SecondFactorForm
from backend.accounts.lockout import lockout_response
from backend.accounts.login_steps import (
    pending_login_clear,
    pending_login_start,
    pending_login_user,
)
from backend.accounts.rules import is_regional_officer
from backend.accounts.selectors import (
    BACKUP_CODES_LOW,
    backup_codes_left,
    totp_device_get_confirmed,
)
from backend.accounts.services import (
    backup_code_use,
    backup_codes_generate,
    second_factor_verify,
    totp_device_confirm,
    totp_device_for_setup,
    totp_device_remove_lost,
    totp_qr_svg,
    totp_secret_text,
)

BACKUP_CODES_TEMPLATE = "registration/otp_backup_codes.html"


def _backup_codes_left_message(request: HttpRequest, *, left: int) -> None:
    """After a backup code was used: how many are left, a warning when few."""
    text = ngettext(
        "You used a backup code; %(left)d backup code is left.",
        "You used a backup code; %(left)d backup codes are left.",
        left,
    ) % {"left": left}
    if left > BACKUP_CODES_LOW:
        messages.info(request, text)
        return
    messages.warning(
        request,
        text + " " + _("Generate new backup codes on the Two-factor login page."),
    )


class LoginView(auth_views.LoginView):
    """Django's login; a user with a confirmed TOTP device goes on to the code step."""

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if totp_device_get_confirmed(user=user) is None:
            return super().form_valid(form)
        pending_login_start(self.request, user)
        query = urlencode({"next": self.get_redirect_url()}) if self.get_redirect_url() else ""
        return HttpResponseRedirect(f"{reverse('otp_verify')}{'?' + query if query else ''}")


@method_decorator(never_cache, name="dispatch")
class OtpVerifyView(FormView):
    """Second step: the code from the app or a backup code. A wrong code of either kind counts
    as a failed login (lockout)."""

    template_name = "registration/otp_verify.html"
    form_class = SecondFactorForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = pending_login_user(request)
        device = user and totp_device_get_confirmed(user=user)
        if user is None or device is None:
            messages.warning(request, _("Log in again, please."))
            return redirect("login")
        self.user, self.device = user, device
        credentials = {"username": self.user.get_username()}
        if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
            # Locked out meanwhile (wrong codes count as failed logins): start again later.
            pending_login_clear(request)
            return lockout_response(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.user
        return {
            **super().get_form_kwargs(),
            "verify": lambda token: second_factor_verify(user=user, token=token),
        }

    def form_valid(self, form: SecondFactorForm) -> HttpResponse:
        pending_login_clear(self.request)
        self.user.otp_device = form.device  # django_otp marks the session verified on login
        auth_login(self.request, self.user)
        if isinstance(form.device, StaticDevice):
            _backup_codes_left_message(self.request, left=backup_codes_left(user=self.user))
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: SecondFactorForm) -> HttpResponse:
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.user.get_username()},
            request=self.request,
        )
        return super().form_invalid(form)

    def get_success_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return target if safe else reverse("web:home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        return {**super().get_context_data(**kwargs), "next": target}


@method_decorator(never_cache, name="dispatch")  # the page shows the secret
class TotpSetupView(LoginRequiredMixin, FormView):
    """A regional officer sets up the authenticator app: QR code, then a first code."""

    template_name = "registration/otp_setup.html"
    form_class = OtpTokenForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_regional_officer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if totp_device_get_confirmed(user=request.user) is not None:
            left = backup_codes_left(user=request.user)
            context = {"confirmed": True, "codes_left": left, "codes_low": left <= BACKUP_CODES_LOW}
            return self.render_to_response(context)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if totp_device_get_confirmed(user=request.user) is not None:
            return redirect("otp_setup")
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        self.device = totp_device_for_setup(user=self.request.user)
        device = self.device
        return {
            **super().get_form_kwargs(),
            "verify": lambda token: totp_device_confirm(device=device, token=token),
        }

    def form_valid(self, form: OtpTokenForm) -> HttpResponse:
        otp_login(self.request, self.device)
        codes = backup_codes_generate(user=self.request.user)
        messages.success(self.request, _("Two-factor login is on for your account."))
        # Shown in this answer only (never stored in the session, never cached).
        return render(self.request, BACKUP_CODES_TEMPLATE, {"codes": codes, "after_setup": True})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["qr_svg"] = totp_qr_svg(self.device)
        context["secret"] = totp_secret_text(self.device)
        return context


class _ReauthenticationView(LoginRequiredMixin, FormView):
    """A change of the second factor, for a signed-in user with a confirmed TOTP device, after
    the password and a code again. Wrong credentials count as a failed login of the user
    (django-axes, as on the login's second step); the lockout ends the session."""

    form_class = ReauthenticationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if totp_device_get_confirmed(user=request.user) is None:
            return redirect("otp_setup")
        credentials = {"username": request.user.get_username()}
        if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
            auth_logout(request)
            return lockout_response(request)
        return super().dispatch(request, *args, **kwargs)

    def code_check(self, code: str) -> bool:
        raise NotImplementedError

    def form_texts(self) -> dict[str, str]:
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            **self.form_texts(),
            "user": self.request.user,
            "verify_code": self.code_check,
        }

    def form_invalid(self, form: ReauthenticationForm) -> HttpResponse:
        if form.failed:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.request.user.get_username()},
                request=self.request,
            )
            if getattr(self.request, "axes_locked_out", False):
                auth_logout(self.request)
                return lockout_response(self.request)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        left = backup_codes_left(user=self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "codes_left": left,
            "codes_low": left <= BACKUP_CODES_LOW,
        }


@method_decorator(never_cache, name="dispatch")  # the answer shows the new codes
class BackupCodesView(_ReauthenticationView):
    """New backup codes (the old ones stop working), after the password and the app's code or
    a backup code."""

    template_name = "registration/otp_backup_codes_form.html"

    def code_check(self, code: str) -> bool:
        return second_factor_verify(user=self.request.user, token=code) is not None

    def form_texts(self) -> dict[str, str]:
        return {
            "code_label": _("Code from the authenticator app or a backup code"),
            "code_help": _("Six digits from the app, or one of your unused backup codes."),
            "refusal": _(
                "The password or the code is not right. Your backup codes have not changed."
            ),
        }

    def form_valid(self, form: ReauthenticationForm) -> HttpResponse:
        codes = backup_codes_generate(user=self.request.user)
        messages.success(
            self.request, _("New backup codes are ready; the old ones no longer work.")
        )
        return render(self.request, BACKUP_CODES_TEMPLATE, {"codes": codes})


@method_decorator(never_cache, name="dispatch")
class LostDeviceView(_ReauthenticationView):
    """ "I lost my phone": the password and a backup code remove the TOTP device (and its backup
    codes); the user may set up the app on a new phone right after."""

    template_name = "registration/otp_device_lost.html"

    def code_check(self, code: str) -> bool:
        return backup_code_use(user=self.request.user, token=code) is not None

    def form_texts(self) -> dict[str, str]:
        return {
            "code_label": _("Backup code"),
            "code_help": _("One of the backup codes you were given with two-factor login."),
            "refusal": _(
                "The password or the backup code is not right, so the phone stays set up. "
                "Without a valid backup code, ask the administrator at the regional office to "
                "remove the device."
            ),
        }

    def form_valid(self, form: ReauthenticationForm) -> HttpResponse:
        totp_device_remove_lost(user=self.request.user)
        messages.success(
            self.request,
            _(
                "The lost phone is removed and two-factor login is off. Set up the app on "
                "your new phone now."
            ),
        )
        return redirect("otp_setup")

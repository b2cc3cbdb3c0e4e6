"""Login (password, then the TOTP code for users with a device) and the two-factor set-up."""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login

from backend.accounts.forms import OtpTokenForm
from backend.accounts.lockout import lockout_response
from backend.accounts.login_steps import (
    pending_login_clear,
    pending_login_start,
    pending_login_user,
)
from backend.accounts.rules import is_regional_officer
from backend.accounts.selectors import totp_device_get_confirmed
from backend.accounts.services import (
    totp_device_confirm,
    totp_device_for_setup,
    totp_qr_svg,
    totp_secret_text,
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
    """Second step: the code from the app. A wrong code counts as a failed login (lockout)."""

    template_name = "registration/otp_verify.html"
    form_class = OtpTokenForm

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
        return {**super().get_form_kwargs(), "verify": self.device.verify_token}

    def form_valid(self, form: OtpTokenForm) -> HttpResponse:
        pending_login_clear(self.request)
        self.user.otp_device = self.device  # django_otp marks the session verified on login
        auth_login(self.request, self.user)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: OtpTokenForm) -> HttpResponse:
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
            return self.render_to_response({"confirmed": True})
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
        messages.success(self.request, _("Two-factor login is on for your account."))
        return redirect("web:home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["qr_svg"] = totp_qr_svg(self.device)
        context["secret"] = totp_secret_text(self.device)
        return context

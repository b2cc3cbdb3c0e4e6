"""The admin site: every login goes through the site's login page (lockout, second step), and
a user with a confirmed TOTP device is let in only when this session passed the second step."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from backend.accounts.selectors import otp_is_satisfied


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and otp_is_satisfied(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # The admin's own login form would skip the second step: use the site's instead.
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target, reverse("login"))

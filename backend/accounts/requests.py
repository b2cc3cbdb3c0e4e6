"""The request of a signed-in user, for the type checker: behind `login_required` (and in
the admin), and in the API's views that require authentication, `request.user` is a `User`,
never the anonymous one. At run time these are Django's and DRF's request classes."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from rest_framework.request import Request

if TYPE_CHECKING:
    from backend.accounts.models import User

    class AuthenticatedHttpRequest(HttpRequest):
        user: User

    class AuthenticatedRequest(Request):
        @property
        def user(self) -> User: ...
        @user.setter
        def user(self, value: User) -> None: ...

else:
    AuthenticatedHttpRequest = HttpRequest
    AuthenticatedRequest = Request

"""The request of a signed-in user, for the type checker: behind `login_required` (and in
the admin) `request.user` is a `User`, never the anonymous one. At run time it is Django's
`HttpRequest` itself."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from backend.accounts.models import User

    class AuthenticatedHttpRequest(HttpRequest):
        user: User

else:
    AuthenticatedHttpRequest = HttpRequest

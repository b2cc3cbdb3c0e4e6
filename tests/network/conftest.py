"""Fixtures of the register tests: the API client and the logged-in web client."""

from tests.api.conftest import client_for  # noqa: F401
from tests.web.conftest import client_as  # noqa: F401

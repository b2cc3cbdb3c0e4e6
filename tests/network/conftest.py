"""Fixtures of the register tests: the API client."""

from tests.api.conftest import client_for  # noqa: F401

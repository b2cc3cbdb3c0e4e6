"""Fixtures of the timeline tests: the web and API clients and plan makers."""

from tests.api.conftest import client_for  # noqa: F401
from tests.web.conftest import client_as, make_opinion, make_plan  # noqa: F401

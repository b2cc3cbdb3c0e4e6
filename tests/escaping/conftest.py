"""The web and API client fixtures (shared with the web tests)."""

from tests.api.conftest import client_for  # noqa: F401
from tests.web.conftest import client_as, make_opinion, make_plan  # noqa: F401

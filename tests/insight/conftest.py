from tests.web.conftest import client_as  # noqa: F401  (shared fixture)

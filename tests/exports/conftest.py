from tests.web.conftest import client_as, make_plan  # noqa: F401  (shared fixtures)

from tests.web.conftest import make_plan  # noqa: F401  (shared fixture)

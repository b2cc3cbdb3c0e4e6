from tests.api.conftest import client_for  # noqa: F401  (shared fixture)
from tests.web.conftest import client_as  # noqa: F401  (shared fixture)

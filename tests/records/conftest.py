from tests.documents.test_documents import tulipan_extension  # noqa: F401  (shared fixture)
from tests.web.conftest import make_plan  # noqa: F401  (shared fixture)

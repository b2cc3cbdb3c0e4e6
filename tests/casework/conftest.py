from typing import Any

import pytest

from backend.accounts.models import Role
from tests import factories


@pytest.fixture
def colleague(region: Any) -> Any:
    """A second regional officer of the same region."""
    return factories.user_with_role(
        Role.REGIONAL_OFFICER, region, username="kraj2", first_name="Petra", last_name="Dvořáková"
    )


@pytest.fixture
def liberec_colleague(liberec: Any) -> Any:
    return factories.user_with_role(Role.MUNICIPAL_OFFICER, liberec, username="liberec2")

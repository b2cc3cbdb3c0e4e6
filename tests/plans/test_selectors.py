"""The plans a user may see, each once; the scopes that join only foreign keys (providers,
the region's officers) filter the plans directly, so the list's count does not re-run a
visibility subquery; the municipalities' scope (opinions, territory) keeps it."""

from typing import Any

import pytest

from backend.plans.selectors import plan_list_for_user
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "subquery"),
    [("regional_officer", False), ("provider_user", False), ("municipal_officer", True)],
)
def test_only_the_municipalities_scope_filters_through_a_subquery(
    role: str, subquery: bool, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    sql = str(plan_list_for_user(user=user).query).upper()
    assert ("IN (SELECT" in sql) is subquery


def test_each_plan_is_listed_once_in_every_scope(
    service: Any,
    liberec_orp: Any,
    tanvald_orp: Any,
    liberec: Any,
    provider_user: Any,
    municipal_officer: Any,
    regional_officer: Any,
    other_provider_user: Any,
) -> None:
    """A plan in two ORPs, touching Liberec twice over (territory and its opinion)."""
    plan = factories.plan_in_state("awaiting_opinion", service=service)
    plan.orps.set([liberec_orp, tanvald_orp])
    plan.municipalities.set([liberec])
    factories.opinion_in_state("requested", plan=plan, municipality=liberec)
    for user in (provider_user, municipal_officer, regional_officer):
        plans = plan_list_for_user(user=user)
        assert list(plans.values_list("pk", flat=True)) == [plan.pk]
        assert plans.count() == 1
    assert not plan_list_for_user(user=other_provider_user).exists()

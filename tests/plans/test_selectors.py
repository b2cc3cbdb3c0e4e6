"""The plans a user may see, each once; the scopes that join only foreign keys (providers,
the region's officers) filter the plans directly, so the list's count does not re-run a
visibility subquery; the municipalities' scope probes the concerns kept for it
(backend/plans/concerns.py)."""

from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS

from backend.plans import selectors
from backend.plans.selectors import plan_list_for_user, plan_relation_keys_set
from backend.registry.models import ActivityCard, Municipality
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
    # The municipalities' concerns are a semi-join (no join that repeats plans), read from
    # the table kept for them, not from the three relations they are derived from.
    assert ('"PLANS_PLANCONCERN"' in sql) is subquery
    assert " UNION " not in sql
    assert "LEFT OUTER JOIN" not in sql


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


def test_the_relation_keys_of_several_plans_are_read_in_one_query_in_their_order(
    service: Any,
    liberec_orp: Any,
    tanvald_orp: Any,
    django_assert_num_queries: Any,
) -> None:
    """Codes sorted as text, municipalities by name, then id as a number (ids 9 and 10 of
    one name: 10 would come first as text); a plan with no relation gets empty lists."""
    twins = [
        Municipality(pk=pk, orp=orp, name="Nová Ves")
        for pk, orp in [(910, liberec_orp), (9100, tanvald_orp)]
    ]
    Municipality.objects.bulk_create(twins)
    alpha = Municipality.objects.create(pk=99999, orp=liberec_orp, name="Albrechtice")
    cards = [ActivityCard.objects.create(code=code, name=code) for code in ["Z10", "Z9", "Z1"]]
    plan, bare = (factories.DevelopmentPlanFactory(service=service) for _ in range(2))
    plan.orps.set([tanvald_orp, liberec_orp])
    plan.municipalities.set([twins[1], alpha, twins[0]])
    plan.activity_cards.set(cards)
    bare.orps.clear()

    with django_assert_num_queries(1):
        plan_relation_keys_set([plan, bare])

    assert plan.orp_codes == sorted([liberec_orp.code, tanvald_orp.code])
    assert plan.municipality_ids == [99999, 910, 9100]
    assert plan.activity_card_codes == ["Z1", "Z10", "Z9"]
    assert (bare.orp_codes, bare.municipality_ids, bare.activity_card_codes) == ([], [], [])


def test_the_keys_compiled_once_read_what_the_query_reads(
    service: Any, liberec_orp: Any, tanvald_orp: Any
) -> None:
    """The statement compiled once per number of plans (`_relation_keys_statement`) reads the
    rows the ORM's query of the same plans reads, with the plans' ids in its parameters,
    for each number of plans and any id (repeated ids count once)."""
    plans = [factories.DevelopmentPlanFactory(service=service) for _ in range(3)]
    plans[1].orps.set([tanvald_orp, liberec_orp])
    plans[2].municipalities.set(Municipality.objects.order_by("pk")[:3])
    ids = [plan.pk for plan in plans]
    for chosen in ([ids[0]], ids, [ids[2], ids[1]], [ids[1], ids[1], ids[2]], [-1, ids[2]]):
        unique = list(dict.fromkeys(chosen))
        assert selectors._relation_keys_statement(DEFAULT_DB_ALIAS, len(unique)) is not None
        compiled = [tuple(row) for row in selectors._relation_keys_rows(unique)]
        assert compiled == list(selectors._relation_keys_query(unique))
    assert selectors.plan_relation_keys([]) == {}

"""The plan list's search (`q`): accents and case ignored in names and text, a Czech ending
ignored, IČ and registration number whole, every word must match; and the database keeps
the folded columns current whatever wrote the row."""

from typing import Any

import pytest
from django.test import RequestFactory

from backend.plans import filters
from backend.plans.filters import PlanFilter
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_list_for_user
from backend.registry.models import Provider
from tests import factories


@pytest.fixture
def plans(open_call: Any) -> dict[str, DevelopmentPlan]:
    care = factories.SocialServiceFactory(
        provider=factories.ProviderFactory(name="Česká pečovatelská, o. p. s.", ico="25401726"),
        name="Pečovatelská služba Česká Lípa",
        registration_number="1234567",
    )
    housing = factories.SocialServiceFactory(name="Chráněné bydlení Harmonie")
    return {
        "care": factories.DevelopmentPlanFactory(
            call=open_call, service=care, justification="Žádost obcí z Českolipska."
        ),
        "housing": factories.DevelopmentPlanFactory(
            call=open_call, service=housing, justification="Dlouhá ČEKACÍ listina."
        ),
    }


def _found(user: Any, q: str, plans: dict[str, DevelopmentPlan]) -> set[str]:
    request = RequestFactory().get("/", {"q": q})
    request.user = user
    filtered = PlanFilter(request.GET, queryset=plan_list_for_user(user=user), request=request)
    names = {plan.pk: name for name, plan in plans.items()}
    return {names[pk] for pk in filtered.qs.values_list("pk", flat=True)}


SEARCHES = [
    ("cesky", {"care"}),  # "Česká": accents, case and the ending ignored
    ("pecovatelska", {"care"}),
    ("PECOVATELSKA", {"care"}),
    ("Pečovatelská", {"care"}),
    ("pečovatelSKÝ", {"care"}),
    ("chranene", {"housing"}),  # the service's name
    ("cekaci", {"housing"}),  # the justification
    ("ceska harmonie", set()),  # every word must match
    ("pecovatelska  lipa", {"care"}),
    ("25401726", {"care"}),  # IČ whole
    ("2540172", set()),  # not in part
    ("1234567", {"care"}),  # registration number whole
    ("123456", set()),
    ("Jablonec", set()),
]


@pytest.mark.parametrize(("q", "found"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search(
    regional_officer: Any, plans: dict[str, DevelopmentPlan], q: str, found: set[str]
) -> None:
    assert _found(regional_officer, q, plans) == found


def test_search_keeps_the_users_scope(
    provider_user: Any, plans: dict[str, DevelopmentPlan]
) -> None:
    """TULIPAN's user does not find the other providers' plans, whatever matches."""
    assert _found(provider_user, "pecovatelska", plans) == set()


def test_rows_written_in_bulk_or_by_update_are_found(
    regional_officer: Any, plans: dict[str, DevelopmentPlan], open_call: Any
) -> None:
    """The database computes the folded columns: `bulk_create` (the seed, the imports) and
    `update()` bypass `save()` and are found all the same."""
    service = plans["housing"].service
    built = factories.DevelopmentPlanFactory.build(
        call=open_call,
        service=service,
        provider=service.provider,
        justification="Tlumočení do znakového jazyka.",
    )
    (bulk,) = DevelopmentPlan.objects.bulk_create([built])
    Provider.objects.filter(pk=service.provider_id).update(name="Žlutý kůň, z. ú.")
    plans["bulk"] = bulk
    assert _found(regional_officer, "tlumoceni ZNAKOVEHO", plans) == {"bulk"}
    assert _found(regional_officer, "zluty kun", plans) == {"housing", "bulk"}


def test_many_matching_providers_and_services_are_left_to_the_database(
    regional_officer: Any, plans: dict[str, DevelopmentPlan], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over `LISTED_IDS` matches the ids are a subquery (`= ANY(ARRAY(…))` on PostgreSQL)."""
    monkeypatch.setattr(filters, "LISTED_IDS", 0)
    assert _found(regional_officer, "pecovatelska", plans) == {"care"}
    assert _found(regional_officer, "25401726 CHRANENE", plans) == set()
    assert _found(regional_officer, "chranene cekaci", plans) == {"housing"}

"""The API's cached lists and token look-ups (backend/api/caching.py) are served from each
process's memory under the data version (backend/core/dataversion.py), and every committed
write shows at once.

These tests commit (the version is raised after a commit), so they run in transactional
test cases; everywhere else the cache is off (tests/conftest.py)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from backend.api.services import token_create, token_revoke
from backend.core.dataversion import ACCESS, CACHE_ALIAS, DOMAIN, data_version
from backend.registry.models import SocialService
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLANS = "/api/v1/plans/"
REGISTER = "/api/v1/register/"


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> Iterator[None]:
    settings.VERSIONED_CACHE_SECONDS = 60
    caches[CACHE_ALIAS].clear()
    yield
    caches[CACHE_ALIAS].clear()


def token_client(user: Any, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=user, name='t')[1]}")
    return client


def get(client: APIClient, url: str) -> tuple[Any, int]:
    """The response and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response, len(queries)


def test_a_repeated_list_is_answered_from_the_cache_with_one_query(
    plan_in: Any, regional_officer: Any
) -> None:
    plan_in("awaiting_decision")
    client = token_client(regional_officer)
    first, first_queries = get(client, PLANS)
    again, queries = get(client, PLANS)
    assert first_queries > 1
    assert queries == 1  # the data version; the token and the list come from the cache
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"
    assert again.json()["count"] == 1


def test_a_committed_write_shows_in_the_next_request(plan_in: Any, provider_user: Any) -> None:
    plan = plan_in("draft")
    client = token_client(provider_user)
    assert get(client, PLANS)[0].json()["results"][0]["justification"] != "Nová kapacita"
    version = data_version()
    changed = client.patch(
        f"{PLANS}{plan.pk}/", {"version": plan.version, "justification": "Nová kapacita"}
    )
    assert changed.status_code == 200, changed.content
    assert data_version() == version + 1  # one raise for the whole request
    assert get(client, PLANS)[0].json()["results"][0]["justification"] == "Nová kapacita"


def test_each_user_has_cached_lists_of_their_own_scope(
    plan_in: Any, provider_user: Any, other_provider_user: Any
) -> None:
    plan_in("draft")
    assert get(token_client(provider_user), PLANS)[0].json()["count"] == 1
    assert get(token_client(other_provider_user), PLANS)[0].json()["count"] == 0


def test_language_and_query_have_entries_of_their_own(plan_in: Any, regional_officer: Any) -> None:
    plan_in("awaiting_decision")
    english = get(token_client(regional_officer), PLANS)[0].json()["results"][0]
    czech = get(token_client(regional_officer, "cs"), PLANS)[0].json()["results"][0]
    assert (english["state_label"], czech["state_label"]) == (
        "awaiting regional decision",
        "čeká na rozhodnutí kraje",
    )
    client = token_client(regional_officer)
    assert get(client, f"{PLANS}?state=draft")[0].json()["count"] == 0
    assert get(client, f"{PLANS}?state=awaiting_decision")[0].json()["count"] == 1


def test_a_revoked_token_is_refused_at_once(regional_officer: Any) -> None:
    token, key = token_create(user=regional_officer, name="t")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {key}")
    get(client, PLANS)
    assert get(client, PLANS)[1] == 1  # the look-up is cached
    token_revoke(token=token, by=regional_officer)
    assert client.get(PLANS).status_code == 401


def test_domain_writes_leave_the_token_look_up_cached(plan_in: Any, regional_officer: Any) -> None:
    """The access version (users, memberships, tokens) alone keys the token: a stream of
    transitions does not make every request read its token and roles again."""
    plan = plan_in("awaiting_decision")
    client = token_client(regional_officer)
    get(client, PLANS)
    access, domain = data_version(ACCESS), data_version(DOMAIN)
    plan.justification = "Doplněno."
    plan.save()
    assert (data_version(ACCESS), data_version(DOMAIN)) == (access, domain + 1)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{PLANS}{plan.pk}/").json()["justification"] == "Doplněno."
    tables = " ".join(query["sql"] for query in queries)
    assert "api_apitoken" not in tables and "accounts_membership" not in tables
    regional_officer.first_name = "Jana"
    regional_officer.save()
    assert (data_version(ACCESS), data_version(DOMAIN)) == (access + 1, domain + 1)


def test_a_deactivated_users_token_is_refused_at_once(regional_officer: Any) -> None:
    client = token_client(regional_officer)
    get(client, PLANS)
    regional_officer.is_active = False
    regional_officer.save()
    assert client.get(PLANS).status_code == 401


def test_a_lost_membership_narrows_the_cached_list_at_once(
    plan_in: Any, provider_user: Any
) -> None:
    plan_in("draft")
    client = token_client(provider_user)
    assert get(client, PLANS)[0].json()["count"] == 1
    provider_user.memberships.get().delete()
    assert get(client, PLANS)[0].json()["count"] == 0


def test_the_public_register_is_cached_and_follows_a_renamed_service(
    service: SocialService,
) -> None:
    factories.NetworkEntryFactory(service=service)
    anonymous = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    get(anonymous, REGISTER)
    assert get(anonymous, REGISTER)[1] == 1
    service.name = "Chráněné bydlení Nový Tulipán"
    service.save()
    names = [row["service"]["name"] for row in get(anonymous, REGISTER)[0].json()["results"]]
    assert names == ["Chráněné bydlení Nový Tulipán"]


def test_the_version_is_raised_once_per_commit_and_never_for_a_rollback(
    service: SocialService,
) -> None:
    version = data_version()
    with transaction.atomic():
        service.name = "A"
        service.save()
        service.orps.clear()
        assert data_version() == version  # not before the commit
    assert data_version() == version + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        service.name = "B"
        service.save()
        raise RuntimeError
    assert data_version() == version + 1
    with transaction.atomic():
        try:
            with transaction.atomic():
                service.name = "C"
                service.save()
                raise RuntimeError
        except RuntimeError:
            pass
        service.name = "D"
        service.save()  # registers the raise again after the savepoint dropped it
    assert data_version() == version + 2


def test_with_the_cache_off_nothing_is_cached(
    settings: Any, plan_in: Any, regional_officer: Any
) -> None:
    settings.VERSIONED_CACHE_SECONDS = 0
    plan_in("awaiting_decision")
    client = token_client(regional_officer)
    get(client, PLANS)
    assert get(client, PLANS)[1] > 2  # the token, the count, the page…

"""Searches of the API lists fold accents and case: the plans' `q`, the registry's `name`."""

from typing import Any

from tests import factories


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_plan_list_q_folds_accents(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    draft = plan_in("draft", justification="Pečovatelská služba pro Českolipsko.")
    plan_in("awaiting_opinion", justification="Jiný text.")
    client = client_for(regional_officer)
    assert _ids(client.get("/api/v1/plans/", {"q": "pecovatelska"})) == {draft.pk}
    assert _ids(client.get("/api/v1/plans/", {"q": "ČESKOLIPSKO pečovatelská"})) == {draft.pk}
    assert _ids(client.get("/api/v1/plans/", {"q": "pecovatelska nikde"})) == set()


def test_municipalities_by_name_without_accents(api: Any, db: None) -> None:
    names = {
        row["name"]
        for row in api.get("/api/v1/municipalities/", {"name": "ceska", "page_size": 100}).json()[
            "results"
        ]
    }
    assert "Česká Lípa" in names
    assert all("česk" in name.lower() for name in names)


def test_providers_by_name_without_accents(client_for: Any, regional_officer: Any) -> None:
    wanted = factories.ProviderFactory(name="Diakonie ČCE – středisko Světlo")
    factories.ProviderFactory(name="Spolek Naděje")
    client = client_for(regional_officer)
    assert _ids(client.get("/api/v1/providers/", {"name": "stredisko SVETLO"})) == {wanted.pk}
    assert _ids(client.get("/api/v1/providers/", {"name": "Středisko"})) == {wanted.pk}

"""The SLA overview on a replayed call: four plans through the actions on known dates in
autumn 2017, over St Wenceslas Day (Thursday 28 Sep 2017, a Czech public holiday)."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from backend.calls.models import Call
from backend.casework.services import plan_assign
from backend.core.deadlines import end_of_day
from backend.insight.sla import SlaOverview, sla_overview
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import DecidingBody
from backend.plans.models import MunicipalOpinion
from backend.plans.services import plan_create
from backend.registry.choices import ServiceForm
from backend.registry.models import Provider
from tests import factories
from tests.helpers import prague, reload
from workflows.call_lifecycle.actions import call_open
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_send_to_council,
)
from workflows.plan_review.actions import plan_decide, plan_submit

pytestmark = pytest.mark.django_db

P = PlanState


def at(moment: dt.datetime) -> Any:
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def replayed(
    provider: Provider,
    liberec: Any,
    liberec_orp: Any,
    provider_user: Any,
    municipal_officer: Any,
    regional_officer: Any,
) -> dict[str, Any]:
    """Plans A–D of one call, as they went (A and C owned by the regional officer):

    A submitted Wed 20 Sep, opinion issued Mon 2 Oct, included Fri 13 Oct;
    B submitted Thu 21 Sep, opinion issued Fri 29 Sep 14:00, awaits the decision;
    C submitted Fri 22 Sep, opinion with co-financing sent to the council Tue 3 Oct;
    D submitted Fri 22 Sep, its opinion (due Fri 6 Oct) never came.
    """
    call = factories.CallFactory(
        name="Výzva SLA 2017",
        period=factories.NetworkPeriodFactory(start_year=2018, end_year=2020),
        opens_at=prague(2017, 9, 11),
        closes_at=end_of_day(dt.date(2017, 9, 22)),
        opinion_deadline_date=dt.date(2017, 10, 6),
        opinion_deadline_days=None,
        council_deadline_date=dt.date(2017, 10, 20),
        council_deadline_days=None,
        decision_date_fixed=dt.date(2017, 10, 31),
        decision_date_days=None,
    )
    with at(prague(2017, 9, 11, 0, 1)):
        call_open(call=call, by=regional_officer)
    plans = {}
    for name, day in (("A", 20), ("B", 21), ("C", 22), ("D", 22)):
        service = factories.SocialServiceFactory(
            provider=provider,
            name=f"Služba {name}",
            service_type=factories.service_type("51"),
            form=ServiceForm.RESIDENTIAL,
            orps=[liberec_orp],
        )
        with at(prague(2017, 9, day, 10)):
            plan = plan_create(
                by=provider_user,
                call=call,
                service=service,
                kind=PlanKind.INCLUSION,
                capacity_current=Decimal(0),
                capacity_requested=Decimal(3),
                justification="Chráněné bydlení.",
                orps=[factories.orp("5105")],
            )
            plans[name] = plan_submit(plan=plan, by=provider_user)
    for name in ("A", "C"):
        plan_assign(plan=reload(plans[name]), assignee=regional_officer, by=regional_officer)

    def opinion_of(name: str) -> Any:
        # Read afresh: the plan submitted above is stale (its owner was set since).
        return MunicipalOpinion.objects.get(plan_id=plans[name].pk)

    with at(prague(2017, 9, 29, 14)):
        opinion = opinion_draft(opinion=opinion_of("B"), by=municipal_officer, verdict="supports")
        opinion_issue(opinion=opinion, by=municipal_officer)
    with at(prague(2017, 10, 2, 10)):
        opinion = opinion_draft(opinion=opinion_of("A"), by=municipal_officer, verdict="supports")
        opinion_issue(opinion=opinion, by=municipal_officer)
    with at(prague(2017, 10, 3, 10)):
        opinion = opinion_draft(
            opinion=opinion_of("C"),
            by=municipal_officer,
            verdict=Verdict.SUPPORTS,
            cofinancing_amount=Decimal(100000),
        )
        opinion_send_to_council(opinion=opinion, by=municipal_officer)
    with at(prague(2017, 10, 13, 10)):
        plan_decide(
            plan=reload(plans["A"]),
            by=regional_officer,
            outcome=P.INCLUDED,
            body=DecidingBody.REGIONAL_ASSEMBLY,
            resolution_number="1/17/ZK",
            resolution_date=dt.date(2017, 10, 13),
        )
    states = {name: reload(plan).state for name, plan in plans.items()}
    assert states == {
        "A": P.INCLUDED,
        "B": P.AWAITING_DECISION,
        "C": P.AWAITING_COUNCIL,
        "D": P.AWAITING_OPINION,
    }
    return {"call": call, "plans": plans, "officer": regional_officer}


def _stages(overview: SlaOverview) -> dict[tuple[str, str], tuple[int, int]]:
    return {(r.stage, r.owner_name): (r.open, r.overdue) for r in overview.stages if r.open}


def _durations(overview: SlaOverview) -> dict[tuple[str, str], tuple[int, Any, Any]]:
    return {(r.stage, r.owner_name): (r.stays, r.median, r.p90) for r in overview.durations}


def test_the_numbers_of_a_replayed_call(replayed: dict[str, Any]) -> None:
    call: Call = replayed["call"]
    officer = replayed["officer"].get_full_name()
    overview = sla_overview(call=call, as_of=prague(2017, 10, 16, 12))
    assert _stages(overview) == {
        (P.AWAITING_OPINION, "all officers"): (1, 1),  # D: its opinion was due 6 Oct
        (P.AWAITING_OPINION, "unassigned"): (1, 1),
        (P.AWAITING_COUNCIL, "all officers"): (1, 0),  # C: the council has until 20 Oct
        (P.AWAITING_COUNCIL, officer): (1, 0),
        (P.AWAITING_DECISION, "all officers"): (1, 0),  # B: the decision is due 31 Oct
        (P.AWAITING_DECISION, "unassigned"): (1, 0),
    }
    # Working days awaiting the opinion: A 20 Sep → 2 Oct is 7 (28 Sep is a holiday),
    # B 21 → 29 Sep is 5, C 22 Sep → 3 Oct is 6; A awaited the decision 2 → 13 Oct: 9.
    assert _durations(overview) == {
        (P.AWAITING_OPINION, "all officers"): (3, Decimal("6.0"), 7),
        (P.AWAITING_OPINION, officer): (2, Decimal("6.5"), 7),
        (P.AWAITING_OPINION, "unassigned"): (1, Decimal("5.0"), 5),
        (P.AWAITING_COUNCIL, "all officers"): (0, None, None),
        (P.AWAITING_DECISION, "all officers"): (1, Decimal("9.0"), 9),
        (P.AWAITING_DECISION, officer): (1, Decimal("9.0"), 9),
        (P.RETURNED, "all officers"): (0, None, None),
    }
    ((liberec),) = overview.municipalities
    assert (liberec.municipality, liberec.open, liberec.overdue, liberec.oldest_due) == (
        "Liberec",
        2,  # C's awaiting the council, D's requested
        1,
        dt.date(2017, 10, 6),
    )


def test_as_of_turns_the_clock_back_and_forward(replayed: dict[str, Any]) -> None:
    call: Call = replayed["call"]
    # Friday 29 Sep at noon, before B's opinion came: all four await opinions, none late.
    before = sla_overview(call=call, as_of=prague(2017, 9, 29, 12))
    assert _stages(before) == {
        (P.AWAITING_OPINION, "all officers"): (4, 0),
        (P.AWAITING_OPINION, replayed["officer"].get_full_name()): (2, 0),
        (P.AWAITING_OPINION, "unassigned"): (2, 0),
    }
    assert all(row.stays == 0 for row in before.durations)
    assert [(m.open, m.overdue) for m in before.municipalities] == [(4, 0)]
    # Before the call opened nothing was filed.
    early = sla_overview(call=call, as_of=prague(2017, 9, 1))
    assert (_stages(early), early.municipalities) == ({}, [])
    # 1 Nov: the council's deadline (20 Oct) and the decision date (31 Oct) have passed.
    after = sla_overview(call=call, as_of=prague(2017, 11, 1, 9))
    assert _stages(after)[P.AWAITING_COUNCIL, "all officers"] == (1, 1)
    assert _stages(after)[P.AWAITING_DECISION, "all officers"] == (1, 1)
    assert [(m.open, m.overdue) for m in after.municipalities] == [(2, 2)]
    # The same data and instant give the same numbers.
    assert sla_overview(call=call, as_of=prague(2017, 11, 1, 9)) == after


def _other_region_call() -> Call:
    from backend.registry.models import Region

    other = Region.objects.create(code="CZ099", name="Jiný kraj")
    return factories.CallFactory(region=other, open=True)


def test_the_page_shows_the_tables_of_the_region_s_open_call(
    replayed: dict[str, Any], client_as: Any
) -> None:
    page = client_as("regional_officer").get(reverse("insight:sla"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Výzva SLA 2017" in html and 'id="stages-table"' in html
    assert 'class="bar-chart"' in html and 'aria-describedby="stages-table"' in html
    # Now (long after 2017) every open stage is overdue: the opinion, the council, the decision.
    assert html.count('<td class="num">1</td><td class="num">1</td>') == 6
    row = html.split('<th scope="row">Liberec</th>')[1].split("</tr>")[0]
    assert '<td class="num">2</td><td class="num">2</td>' in row and "2017" in row


def test_each_table_downloads_as_czech_excel_csv(replayed: dict[str, Any], client_as: Any) -> None:
    client = client_as("regional_officer")
    call = replayed["call"]
    officer = replayed["officer"].get_full_name()
    url = reverse("insight:sla_export", args=["durations"])
    response = client.get(url, {"call": call.pk})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Stage;Officer;Finished stays;Median (working days);90th percentile (working days)"
    )
    assert lines[1:4] == [
        "awaiting municipal opinion;all officers;3;6;7",
        f"awaiting municipal opinion;{officer};2;6,5;7",
        "awaiting municipal opinion;unassigned;1;5;5",
    ]
    response = client.get(reverse("insight:sla_export", args=["municipalities"]))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == ["Municipality;Open opinions;Overdue;Oldest deadline", "Liberec;2;2;06.10.2017"]
    assert client.get(reverse("insight:sla_export", args=["nothing"])).status_code == 404
    assert client.get(url, {"dialect": "pipe"}).status_code == 400


def test_the_api_gives_the_same_numbers_as_of_an_instant(
    replayed: dict[str, Any], client_for: Any
) -> None:
    client = client_for(replayed["officer"])
    call = replayed["call"]
    body = client.get(
        "/api/v1/insight/sla/", {"call": call.pk, "as_of": "2017-10-16T12:00:00+02:00"}
    ).json()
    assert body["call"] == {"id": call.pk, "name": "Výzva SLA 2017"}
    totals = {r["stage"]: (r["open"], r["overdue"]) for r in body["stages"] if r["owner"] == "all"}
    assert totals == {
        "awaiting_opinion": (1, 1),
        "awaiting_council": (1, 0),
        "awaiting_decision": (1, 0),
        "returned": (0, 0),
    }
    first = body["durations"][0]
    assert (first["owner"], first["stays"], first["median"], first["p90"]) == ("all", 3, "6.0", 7)
    assert body["municipalities"] == [
        {
            "municipality_id": replayed["plans"]["D"].opinions.get().municipality_id,
            "municipality": "Liberec",
            "open": 2,
            "overdue": 1,
            "oldest_due": "2017-10-06",
        }
    ]


def test_only_the_region_s_own_calls_and_valid_input(
    replayed: dict[str, Any], client_for: Any, provider_user: Any, client_as: Any
) -> None:
    client = client_for(replayed["officer"])
    other = _other_region_call()
    response = client.get("/api/v1/insight/sla/", {"call": other.pk})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = client.get("/api/v1/insight/sla/", {"call": "x", "as_of": "yesterday"})
    assert response.status_code == 400
    assert response.status_code == 400 and "as_of" in response.content.decode()
    # Prague's 18th-century local mean time has no ISO 8601 offset: refused, not mis-written.
    ancient = client.get("/api/v1/insight/sla/", {"as_of": "1753-11-06T10:27:14-14:46"})
    assert ancient.status_code == 400 and "as_of" in ancient.json()["errors"]
    assert client_for(provider_user).get("/api/v1/insight/sla/").status_code == 403
    # The page's chooser refuses another region's call and shows the region's own.
    page = client_as("regional_officer").get(reverse("insight:sla"), {"call": other.pk})
    html = page.content.decode()
    assert "Výzva SLA 2017" in html and other.name not in html.split("</form>")[1]
    assert client_as("provider_user").get(reverse("insight:sla")).status_code == 403


def test_a_case_made_outside_the_workflow_counts_in_its_stored_state(open_call: Call) -> None:
    """No StateLog row at all (imported, or made by a factory): its stored state counts; a
    returned plan is overdue once its completion date has passed."""
    today = dt.date(2026, 3, 2)
    factories.plan_in_state("returned", call=open_call, completion_due=dt.date(2026, 2, 27))
    factories.plan_in_state("returned", call=open_call, completion_due=dt.date(2026, 3, 2))
    factories.plan_in_state("draft", call=open_call)
    overview = sla_overview(call=open_call, as_of=prague(today.year, today.month, today.day, 8))
    assert _stages(overview) == {
        (P.RETURNED, "all officers"): (2, 1),  # the one due on Friday 27 Feb
        (P.RETURNED, "unassigned"): (2, 1),
    }
    assert sla_overview(call=None).stages == []

"""Every workflow action of the plan page, posted by the role allowed to run it, by a role
that sees the plan but may not act (403), by a user outside the plan's scope (404) and in a
state that does not allow it (409 with the reason on the page). A refusal changes nothing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from tests import factories
from tests.helpers import reload, state_logs
from tests.web.pages import text

NOT_POSSIBLE = "This action is not possible while the {object} is in the state “{state}”."


def _resolution() -> dict[str, Any]:
    return {
        "number": "827/2017",
        "meeting_date": "2017-08-29",
        "outcome": "approved",
        "document": SimpleUploadedFile("usneseni-827-2017.pdf", b"%PDF-1.4 usneseni"),
    }


@dataclass(frozen=True)
class Action:
    url: str
    subject: str  # "plan" or "opinion": the object the URL names and whose state changes
    start: str  # the state the action starts from
    actor: str  # the role that may run it
    after: str  # the state it leads to
    forbidden: str  # a role that sees the plan but may not run the action
    wrong_state: str  # a state that refuses the action
    done: str  # the message after success
    data: Callable[[], dict[str, Any]] = field(default=dict)


ACTIONS = {
    "submit": Action(
        url="plans:submit",
        subject="plan",
        start="draft",
        actor="provider_user",
        after="awaiting_opinion",
        forbidden="regional_officer",
        wrong_state="awaiting_decision",
        done="The plan was submitted.",
    ),
    "withdraw": Action(
        url="plans:withdraw",
        subject="plan",
        start="awaiting_opinion",
        actor="provider_user",
        after="withdrawn",
        forbidden="municipal_officer",
        wrong_state="included",
        done="The plan was withdrawn.",
        data=lambda: {"comment": "Služba se stěhuje."},
    ),
    "resubmit": Action(
        url="plans:resubmit",
        subject="plan",
        start="returned",
        actor="provider_user",
        after="awaiting_opinion",
        forbidden="regional_officer",
        wrong_state="draft",
        done="The completed plan was resubmitted.",
        data=lambda: {"comment": "Rozpočet doložen."},
    ),
    "return for completion": Action(
        url="plans:return",
        subject="plan",
        start="awaiting_decision",
        actor="regional_officer",
        after="returned",
        forbidden="provider_user",
        wrong_state="draft",
        done="The plan was returned for completion.",
        data=lambda: {"reason": "Doložte rozpočet.", "due": ""},
    ),
    "decide": Action(
        url="plans:decide",
        subject="plan",
        start="awaiting_decision",
        actor="regional_officer",
        after="included",
        forbidden="municipal_officer",
        wrong_state="awaiting_opinion",
        done="The decision was recorded.",
        data=lambda: {
            "outcome": "included",
            "body": "regional_council",
            "resolution_number": "402/17/ZK",
            "resolution_date": "2017-09-12",
        },
    ),
    "draft the opinion": Action(
        url="plans:opinion_draft",
        subject="opinion",
        start="requested",
        actor="municipal_officer",
        after="drafted",
        forbidden="council_secretary",
        wrong_state="issued",
        done="The draft opinion was saved.",
        data=lambda: {"verdict": "supports", "conditions": "", "cofinancing_amount": ""},
    ),
    "issue the opinion": Action(
        url="plans:opinion_issue",
        subject="opinion",
        start="drafted",
        actor="municipal_officer",
        after="issued",
        forbidden="regional_officer",
        wrong_state="requested",
        done="The opinion was issued.",
    ),
    "send to the council": Action(
        url="plans:opinion_send_to_council",
        subject="opinion",
        start="drafted",
        actor="municipal_officer",
        after="awaiting_council",
        forbidden="council_secretary",
        wrong_state="requested",
        done="The opinion was sent to the council.",
    ),
    "record the resolution": Action(
        url="plans:opinion_resolution",
        subject="opinion",
        start="awaiting_council",
        actor="council_secretary",
        after="issued",
        forbidden="municipal_officer",
        wrong_state="drafted",
        done="The council resolution was recorded.",
        data=_resolution,
    ),
}

PLAN_STATE_LABELS = {
    "draft": "draft",
    "awaiting_opinion": "awaiting municipal opinion",
    "awaiting_decision": "awaiting regional decision",
    "included": "included",
}
OPINION_STATE_LABELS = {"requested": "requested", "drafted": "drafted", "issued": "issued"}


@pytest.fixture
def subject_in(
    make_plan: Callable[..., DevelopmentPlan], make_opinion: Callable[..., MunicipalOpinion]
) -> Callable[[Action, str], Any]:
    """The action's subject in a state; an opinion sent to the council needs one."""

    def make(action: Action, state: str) -> Any:
        if action.subject == "plan":
            return make_plan(state)
        needs_council = action.url == "plans:opinion_send_to_council"
        return make_opinion(state, needs_council=needs_council)

    return make


def _plan_of(subject: Any) -> DevelopmentPlan:
    return subject if isinstance(subject, DevelopmentPlan) else subject.plan


def _post(client: Client, action: Action, subject: Any) -> Any:
    return client.post(reverse(action.url, args=[subject.pk]), action.data())


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_the_allowed_role_runs_the_action(
    request: pytest.FixtureRequest,
    client_as: Callable[[str], Client],
    subject_in: Callable[[Action, str], Any],
    action: Action,
) -> None:
    subject = subject_in(action, action.start)
    client = client_as(action.actor)
    response = _post(client, action, subject)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[_plan_of(subject).pk])
    assert reload(subject).state == action.after
    assert state_logs(subject).last().by == request.getfixturevalue(action.actor)
    assert action.done in text(client.get(response["Location"]))


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_a_role_that_may_not_act_gets_403_and_nothing_changes(
    client_as: Callable[[str], Client], subject_in: Callable[[Action, str], Any], action: Action
) -> None:
    subject = subject_in(action, action.start)
    response = _post(client_as(action.forbidden), action, subject)
    assert response.status_code == 403
    assert reload(subject).state == action.start
    assert not state_logs(subject).exists()


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_a_user_outside_the_scope_gets_404(
    client_as: Callable[[str], Client], subject_in: Callable[[Action, str], Any], action: Action
) -> None:
    subject = subject_in(action, action.start)
    response = _post(client_as("other_provider_user"), action, subject)
    assert response.status_code == 404
    assert reload(subject).state == action.start


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_in_a_wrong_state_409_shows_the_reason_and_nothing_changes(
    client_as: Callable[[str], Client], subject_in: Callable[[Action, str], Any], action: Action
) -> None:
    subject = subject_in(action, action.wrong_state)
    response = _post(client_as(action.actor), action, subject)
    assert response.status_code == 409
    labels = PLAN_STATE_LABELS if action.subject == "plan" else OPINION_STATE_LABELS
    reason = NOT_POSSIBLE.format(
        object="development plan" if action.subject == "plan" else "municipal opinion",
        state=labels[action.wrong_state],
    )
    assert reason in text(response)
    assert reload(subject).state == action.wrong_state
    assert not state_logs(subject).exists()


BUTTONS = (
    "Edit",
    "Submit…",
    "Resubmit the completed plan",
    "Withdraw…",
    "Attach",
    "Download as PDF",
    "Save the draft",
    "Issue the opinion",
    "Send to the council",
    "Record the resolution",
    "Return to the provider",
    "Record the decision",
)
OFFERED = [
    # plan state, its opinion's state, role, the buttons the role gets on the plan page
    ("draft", None, "provider_user", {"Edit", "Submit…", "Withdraw…", "Attach"}),
    ("draft", None, "regional_officer", set()),
    ("awaiting_opinion", "requested", "provider_user", {"Withdraw…", "Download as PDF"}),
    ("awaiting_opinion", "requested", "municipal_officer", {"Save the draft", "Download as PDF"}),
    ("awaiting_opinion", "requested", "council_secretary", {"Download as PDF"}),
    ("awaiting_opinion", "requested", "regional_officer", {"Return to the provider", "Download as PDF"}),
    ("awaiting_opinion", "drafted", "municipal_officer", {"Save the draft", "Issue the opinion", "Download as PDF"}),
    ("awaiting_council", "awaiting_council", "council_secretary", {"Record the resolution", "Download as PDF"}),
    ("awaiting_council", "awaiting_council", "municipal_officer", {"Download as PDF"}),
    ("awaiting_decision", "issued", "regional_officer", {"Record the decision", "Return to the provider", "Download as PDF"}),
    ("awaiting_decision", "issued", "provider_user", {"Withdraw…", "Download as PDF"}),
    ("returned", None, "provider_user", {"Edit", "Resubmit the completed plan", "Withdraw…", "Attach", "Download as PDF"}),
    ("included", "issued", "provider_user", {"Download as PDF"}),
]  # fmt: skip


@pytest.mark.parametrize(("plan_state", "opinion_state", "role", "buttons"), OFFERED)
def test_the_plan_page_offers_each_role_exactly_its_actions(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    plan_state: str,
    opinion_state: str | None,
    role: str,
    buttons: set[str],
) -> None:
    plan = make_plan(plan_state)
    if opinion_state:
        factories.opinion_in_state(opinion_state, plan=plan)
    page = text(client_as(role).get(reverse("plans:detail", args=[plan.pk])))
    offered = {label for label in BUTTONS if re.search(rf">{re.escape(label)}</(a|button)>", page)}
    assert offered == buttons

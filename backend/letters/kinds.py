"""The kinds of letters a call's office may edit, and the variables each may use.

Two PDF letters (the region's decision, the municipality's opinion) and three e-mails that
carry a decision or a deadline (a plan decided, a plan returned for completion, an opinion
requested). The editable part is the letter's body; the header, the tables, the signature
and the seal stay in the shipped layout (`templates/documents/`, the e-mail's greeting and
footer). Each kind documents its variables: the editor shows them, and a text naming any
other variable is refused when saved.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    DECISION = "decision", _("decision letter")
    OPINION = "opinion", _("opinion letter")
    PLAN_DECIDED = "plan_decided", _("e-mail: the region decided on a plan")
    PLAN_RETURNED = "plan_returned", _("e-mail: a plan was returned for completion")
    OPINION_REQUESTED = "opinion_requested", _("e-mail: an opinion is requested")


EMAIL_KINDS = frozenset(
    {LetterKind.PLAN_DECIDED, LetterKind.PLAN_RETURNED, LetterKind.OPINION_REQUESTED}
)
PDF_KINDS = frozenset({LetterKind.DECISION, LetterKind.OPINION})


@dataclass(frozen=True)
class Variable:
    name: str
    description: str | Promise
    is_list: bool = False


PLAN_VARIABLES = (
    Variable("plan_number", _("the plan's number")),
    Variable("plan_kind", _("kind of change (e.g. capacity increase)")),
    Variable("provider_name", _("the provider's name")),
    Variable("provider_ico", _("the provider's IČ")),
    Variable("provider_address", _("the provider's address")),
    Variable("service_name", _("the social service's name")),
    Variable("service_type", _("the service type (§)")),
    Variable("registration_number", _("the service's registration number")),
    Variable("capacity_current", _("current capacity (a number)")),
    Variable("capacity_requested", _("requested capacity (a number)")),
    Variable("capacity_unit", _("unit of capacity")),
    Variable("orps", _("ORPs the plan touches (a list: use {% for orp in orps %})"), is_list=True),
    Variable("call_name", _("the call's name")),
    Variable("period", _("the network period (e.g. 2018–2020)")),
    Variable("region_name", _("the region's name")),
    Variable("office_name", _("the regional office's name")),
)
DECISION_VARIABLES = (
    Variable("outcome", _("the decision's outcome")),
    Variable("deciding_body", _("the deciding body")),
    Variable("resolution_number", _("the resolution's number")),
    Variable("resolution_date", _("the resolution's date (a date: 26. 9. 2017)")),
    Variable("approved_capacity", _("approved capacity (a number)")),
    Variable("decision_conditions", _("the decision's conditions (may be empty)")),
    Variable("level", _("level in the network (may be empty)")),
    Variable("remedy_due", _("remedy by (a date, may be empty)")),
    Variable("decided_at", _("when the decision was recorded (a date)")),
)
OPINION_VARIABLES = (
    Variable("municipality_name", _("the municipality's name")),
    Variable("verdict", _("the opinion's verdict")),
    Variable("reasoning", _("the opinion's reasoning")),
    Variable("opinion_conditions", _("the opinion's conditions (may be empty)")),
    Variable("cofinancing_amount", _("co-financing committed in CZK (a number, may be empty)")),
    Variable("issued_at", _("date of issue (a date)")),
)
URL_VARIABLE = Variable("url", _("link to the plan in the application"))
DUE_VARIABLE = Variable("due", _("the deadline (a date)"))

VARIABLES: dict[str, tuple[Variable, ...]] = {
    LetterKind.DECISION: (*PLAN_VARIABLES, *DECISION_VARIABLES),
    LetterKind.OPINION: (*PLAN_VARIABLES, *OPINION_VARIABLES),
    LetterKind.PLAN_DECIDED: (*PLAN_VARIABLES, *DECISION_VARIABLES, URL_VARIABLE),
    LetterKind.PLAN_RETURNED: (
        *PLAN_VARIABLES,
        Variable("comment", _("what to complete (the office's comment)")),
        DUE_VARIABLE,
        URL_VARIABLE,
    ),
    LetterKind.OPINION_REQUESTED: (
        *PLAN_VARIABLES,
        Variable("municipality_name", _("the municipality asked for the opinion")),
        DUE_VARIABLE,
        URL_VARIABLE,
    ),
}


def variable_names(kind: str) -> frozenset[str]:
    """The names a text of `kind` may use."""
    return frozenset(variable.name for variable in VARIABLES[LetterKind(kind)])


def is_email(kind: str) -> bool:
    """Whether the letter is an e-mail (it has a subject)."""
    return kind in EMAIL_KINDS

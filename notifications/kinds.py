"""Every kind of notification, whom it is for and whether its e-mail may be turned off.

Each kind has its templates in `templates/notifications/<kind>/` (subject.txt, body.txt,
body.html). The legally relevant kinds (a submission confirmed, a deadline set or passed,
a decision, an escalation) are always e-mailed; the others the recipient may turn off.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Reminders before a deadline (5 and 1 working days before, by default).
    DRAFT_REMINDER = "draft_reminder", _("reminder: submit a draft before the call closes")
    COMPLETION_REMINDER = "completion_reminder", _("reminder: complete a returned plan")
    OPINION_REMINDER = "opinion_reminder", _("reminder: give the municipality's opinion")
    COUNCIL_REMINDER = "council_reminder", _("reminder: record the council resolution")
    REMEDY_REMINDER = "remedy_reminder", _("reminder: remedy a reservation of your service")
    # Notices of what happened to a plan (from the domain-event outbox).
    SUBMISSION_CONFIRMED = "submission_confirmed", _("confirmation: your plan was submitted")
    PLAN_CHANGED = "plan_changed", _("a plan you are involved in moved on")
    OPINION_REQUESTED = "opinion_requested", _("an opinion of your municipality is requested")
    PLAN_RETURNED = "plan_returned", _("a plan was returned for completion")
    PLAN_LAPSED = "plan_lapsed", _("a plan lapsed")
    PLAN_DECIDED = "plan_decided", _("the region decided on a plan")
    OPINION_NOT_GIVEN = "opinion_not_given", _("an opinion was not given by the deadline")
    DEADLINE_CHANGED = "deadline_changed", _("a deadline moved")
    CASE_ASSIGNED = "case_assigned", _("a case was assigned to you")
    MESSAGE_POSTED = "message_posted", _("a new message about a plan")
    # For the subscribers of calls (backend/announcements).
    CALL_ANNOUNCED = "call_announced", _("a call for your service types was announced")
    CALL_OPENED = "call_opened", _("a call for your service types opened")
    # For the regional office.
    ESCALATION = "escalation", _("escalation: a deadline passed without an answer")
    REMEDY_OVERDUE = "remedy_overdue", _("a reservation's remedy date passed")
    REMEDY_STATEMENT = "remedy_statement", _("a provider sent a statement on a reservation")
    # For the provider: the region's finding on a reservation (remedied or not).
    REMEDY_DECIDED = "remedy_decided", _("the region decided on a reservation's remedy")
    DAILY_DIGEST = "daily_digest", _("daily digest for the regional office")


REMINDER_KINDS = frozenset(
    {
        Kind.DRAFT_REMINDER,
        Kind.COMPLETION_REMINDER,
        Kind.OPINION_REMINDER,
        Kind.COUNCIL_REMINDER,
        Kind.REMEDY_REMINDER,
    }
)

# The recipient may turn the e-mail of these off (the inbox always keeps them).
OPTIONAL_EMAIL_KINDS = frozenset(
    {
        *REMINDER_KINDS,
        Kind.PLAN_CHANGED,
        Kind.MESSAGE_POSTED,
        Kind.DAILY_DIGEST,
        Kind.CASE_ASSIGNED,
        Kind.CALL_ANNOUNCED,
        Kind.CALL_OPENED,
    }
)

# Legally relevant: a deadline is set, moved or passed, or the region decided.
LEGAL_KINDS = frozenset(set(Kind) - OPTIONAL_EMAIL_KINDS)


# Confirmations: told to whoever caused the event too (every other notice skips the actor).
CONFIRMATION_KINDS = frozenset({Kind.SUBMISSION_CONFIRMED})


def is_optional(kind: str) -> bool:
    """Whether a user may turn off the e-mail of `kind`."""
    return kind in OPTIONAL_EMAIL_KINDS

"""Messages from notifications: subject, plain text and HTML, in the recipient's language.

Templates live in `templates/notifications/<kind>/` (subject.txt, body.txt, body.html); the
inbox shows the same subject and text as the e-mail.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext

from backend.calls.models import Call
from backend.clarifications.models import Audience
from backend.core.deadlines import deadline_info
from backend.letters.kinds import EMAIL_KINDS
from backend.letters.selectors import letter_version_in_force
from backend.letters.services import LETTER_LANGUAGE, letter_render
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.registry.models import Region
from notifications.kinds import REMINDER_KINDS, Kind, is_optional
from notifications.models import Notification
from workflows.models import DeadlineField


@dataclass(frozen=True)
class RenderedNotification:
    subject: str
    text: str
    html: str
    url: str


def _first_url(*candidates: tuple[str, list[Any]]) -> str:
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return "/"


def notification_path(notification: Notification) -> str:
    """Where the notification leads in the application (the plan it concerns)."""
    if isinstance(notification.subject, NetworkEntry):
        return _first_url(("network:entry", [notification.subject.pk]))
    if isinstance(notification.subject, Call):
        return _first_url(("calls:public", [notification.subject.pk]))
    plan = _plan_of(notification.subject)
    if plan is not None:
        return _first_url(
            ("plans:detail", [plan.pk]), ("admin:plans_developmentplan_change", [plan.pk])
        )
    return _first_url(("plans:list", []), ("admin:plans_developmentplan_changelist", []))


def _plan_of(subject: Any) -> DevelopmentPlan | None:
    if isinstance(subject, DevelopmentPlan):
        return subject
    if isinstance(subject, MunicipalOpinion):
        return subject.plan
    return None


def plan_reference(plan: DevelopmentPlan) -> str:
    """The plan without the noun, for sentences that name it already ("decided on plan
    no. 7 – …"; the plan's own name begins with "Plan #7", in Czech "Rozvojový záměr č. 7")."""
    return gettext("no. %(id)s – %(service)s (%(kind)s)") % {
        "id": plan.pk,
        "service": plan.service.name,
        "kind": plan.get_kind_display(),
    }


def _region_of(subject: Any, plan: DevelopmentPlan | None) -> Region | None:
    """The region whose office sends the notice: the plan's call's, or the digest's."""
    if isinstance(subject, Region):
        return subject
    if isinstance(subject, Call):
        return subject.region
    if isinstance(subject, NetworkEntry):
        orp = subject.orps.select_related("region").first()
        return orp.region if orp is not None else None
    return plan.call.region if plan is not None else None


def _sender(region: Region | None) -> dict[str, str]:
    """Who signs the letter: the regional office named in the region's data."""
    if region is None:
        return {"office": gettext("The regional office"), "region_name": ""}
    return {"office": region.office_name or region.name, "region_name": region.name}


def _next_steps(details: dict[str, Any]) -> dict[str, Any]:
    """A submission confirmation's facts (recorded when the plan arrived) as dates."""
    at = details.get("at")
    return {
        "submitted_at": dt.datetime.fromisoformat(at) if at else None,
        "opinions": [
            {**opinion, "due": _date(opinion.get("due"))} for opinion in details.get("opinions", [])
        ],
        "decision_date": _date(details.get("decision_date")),
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _label(choices: Any, value: str | None) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return value or ""


def _digest_plans(ids: list[int]) -> list[DevelopmentPlan]:
    plans = DevelopmentPlan.objects.select_related("provider", "service", "call")
    return list(plans.filter(pk__in=ids).order_by("pk"))


def _context(notification: Notification) -> dict[str, Any]:
    subject = notification.subject
    details = dict(notification.context or {})
    plan = _plan_of(subject)
    path = notification_path(notification)
    context: dict[str, Any] = {
        "notification": notification,
        "kind": notification.kind,
        "recipient": notification.recipient,
        "details": details,
        "plan": plan,
        "opinion": subject if isinstance(subject, MunicipalOpinion) else None,
        "region": subject if isinstance(subject, Region) else None,
        "entry": subject if isinstance(subject, NetworkEntry) else None,
        "call": subject if isinstance(subject, Call) else None,
        "deadline": notification.deadline,
        "url": settings.SITE_URL.rstrip("/") + path,
        "path": path,
        "optional": is_optional(notification.kind),
        "comment": details.get("comment", ""),
        "target_label": _label(PlanState, details.get("target")),
        "verdict_label": _label(Verdict, details.get("verdict")),
        "audience_label": _label(Audience, details.get("audience")),
        "opinion_state_label": _label(OpinionState, details.get("target")),
        "due": _date(details.get("due")),
        "council_due": _date(details.get("council_due")),
        "old_date": _date(details.get("old")),
        "new_date": _date(details.get("new")),
        "resolution_date": _date(details.get("resolution_date")),
        "plan_ref": plan_reference(plan) if plan is not None else "",
        **_sender(_region_of(subject, plan)),
    }
    for key, value in (("due_info", context["due"]), ("new_info", context["new_date"])):
        context[key] = deadline_info(value) if value else None
    context["field_label"] = _label(DeadlineField, details.get("field"))
    if notification.kind in REMINDER_KINDS:
        context["remaining"] = deadline_info(notification.deadline)
    if notification.kind == Kind.DAILY_DIGEST:
        for key in ("arrived", "overdue", "due_this_week"):
            context[key] = _digest_plans(details.get(key, []))
            context[f"{key}_count"] = details.get(f"{key}_count", 0)
        context["not_given_count"] = details.get("not_given_count", 0)
    if notification.kind == Kind.SUBMISSION_CONFIRMED:
        context.update(_next_steps(details))
    if plan is not None and notification.kind == Kind.PLAN_DECIDED:
        context["decision"] = getattr(plan, "decision", None)
    return context


def _edited_letter(notification: Notification, context: dict[str, Any], language: str) -> None:
    """The call's edited text of the e-mail (`backend/letters`), when there is one: its
    subject and message replace the shipped ones (greeting and footer stay). The office
    writes in Czech, so it applies to messages in Czech; other languages keep the shipped,
    translated text."""
    plan = context["plan"]
    if (
        language != LETTER_LANGUAGE
        or plan is None
        or notification.kind not in EMAIL_KINDS
        or letter_version_in_force(call=plan.call_id, kind=notification.kind) is None
    ):
        return
    extra = {"url": context["url"], "due": context["due"], "comment": context["comment"]}
    if notification.kind == Kind.PLAN_RETURNED:
        extra["due"] = context["due"] or plan.completion_due
    letter = letter_render(
        kind=notification.kind, plan=plan, opinion=context["opinion"], extra=extra
    )
    context["letter_subject"], context["letter_message"] = letter.subject, letter.text


def notification_render(
    notification: Notification, *, language: str | None = None
) -> RenderedNotification:
    """Subject, plain text and HTML of a notification, in `language` (default: the
    recipient's)."""
    language = language or notification.recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = _context(notification)
        context["LANGUAGE_CODE"] = language
        _edited_letter(notification, context, language)
        folder = f"notifications/{notification.kind}"
        subject = " ".join(render_to_string(f"{folder}/subject.txt", context).split())
        text = render_to_string(f"{folder}/body.txt", context).strip() + "\n"
        html = render_to_string(f"{folder}/body.html", context)
    return RenderedNotification(subject=subject, text=text, html=html, url=context["url"])


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of a notification (plain text with an HTML alternative)."""
    rendered = notification_render(notification)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "zsss.local"
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        headers={
            # Stable: a message re-sent after a crash is recognisably the same one.
            "Message-ID": f"<notification-{notification.pk}@{domain}>",
            "X-ZSSS-Notification": f"{notification.kind} {notification.pk}",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    return message

"""Reads of the threads, always scoped to what the user may see.

- the regional office (officers of the plan's call's region) sees every message;
- the provider's users see the messages shared with the provider on their own plans;
- the municipalities (officers and council secretaries) see the messages shared with the
  municipalities on the plans that concern them (`plan_municipal_q`).

An internal note therefore reaches no one outside the regional office, whatever asks:
every page, API answer and notice that shows messages reads them through here.
"""

from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from backend.accounts.rules import roles_of
from backend.clarifications.models import Audience, Message, MessageAttachment, ThreadRead
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_municipal_q


def _municipality_ids(user: Any) -> frozenset[int]:
    roles = roles_of(user)
    return roles.officer_municipality_ids | roles.secretary_municipality_ids


def message_visibility_q(user: Any) -> Q:
    """The messages `user` may read (none for anonymous users and users without a role)."""
    roles = roles_of(user)
    scope = Q(pk__in=[])
    if roles.region_ids:
        scope |= Q(plan__call__region_id__in=roles.region_ids)
    if roles.provider_ids:
        scope |= Q(audience=Audience.PROVIDER, plan__provider_id__in=roles.provider_ids)
    municipality_ids = _municipality_ids(user)
    if municipality_ids:
        concerned = DevelopmentPlan.objects.filter(plan_municipal_q(municipality_ids))
        scope |= Q(audience=Audience.MUNICIPALITY, plan_id__in=concerned.values("pk"))
    return scope


def message_list_for_user(*, user: Any) -> QuerySet[Message]:
    """Every message the user may read, oldest first."""
    return Message.objects.filter(message_visibility_q(user)).order_by("id")


def message_list_for_plan(*, user: Any, plan: DevelopmentPlan) -> QuerySet[Message]:
    """The plan's thread as the user may read it, oldest first, with authors and
    attachments (two queries)."""
    return (
        message_list_for_user(user=user)
        .filter(plan=plan)
        .select_related("author")
        .prefetch_related("attachments")
    )


def message_attachment_get_for_user(
    *, user: Any, plan: DevelopmentPlan, attachment_id: int
) -> MessageAttachment:
    """An attachment of a message of the plan the user may read (DoesNotExist otherwise:
    an internal note's file is as missing to a provider as a file that never existed)."""
    visible = message_list_for_plan(user=user, plan=plan)
    return MessageAttachment.objects.select_related("message").get(
        pk=attachment_id, message__in=visible.values("pk")
    )


def message_audiences_for(*, user: Any, plan: DevelopmentPlan) -> list[str]:
    """The audiences `user` may post to on the plan: the regional office any (the
    municipalities only once the plan was submitted: before, none sees it); the plan's
    provider "shared with the provider"; the officers of a municipality the plan concerns
    "shared with the municipalities". Council secretaries read, they do not post."""
    roles = roles_of(user)
    audiences: list[str] = []
    if plan.call.region_id in roles.region_ids:
        audiences += [Audience.INTERNAL, Audience.PROVIDER]
        if plan.submitted_at is not None:
            audiences.append(Audience.MUNICIPALITY)
        return audiences
    if plan.provider_id in roles.provider_ids:
        audiences.append(Audience.PROVIDER)
    if roles.officer_municipality_ids and (
        DevelopmentPlan.objects.filter(pk=plan.pk)
        .filter(plan_municipal_q(roles.officer_municipality_ids))
        .exists()
    ):
        audiences.append(Audience.MUNICIPALITY)
    return audiences


def message_unread_counts(*, user: Any, plan_ids: list[int] | None = None) -> dict[int, int]:
    """{plan id: messages the user may read, written by others, newer than the user's read
    mark} for the plans with any (one query; `plan_ids` narrows it to a page of plans)."""
    if user is None or not user.is_authenticated:
        return {}
    mark = ThreadRead.objects.filter(plan_id=OuterRef("plan_id"), user_id=user.pk).values(
        "last_read_id"
    )[:1]
    messages = message_list_for_user(user=user).exclude(author_id=user.pk)
    if plan_ids is not None:
        messages = messages.filter(plan_id__in=plan_ids)
    rows = (
        messages.alias(read_up_to=Coalesce(Subquery(mark, output_field=IntegerField()), Value(0)))
        .filter(id__gt=F("read_up_to"))
        .order_by()
        .values("plan_id")
        .annotate(unread=Count("id"))
    )
    return {row["plan_id"]: row["unread"] for row in rows}


def message_unread_total(*, user: Any) -> int:
    """How many messages, over every plan, the user has not read (one query)."""
    return sum(message_unread_counts(user=user).values())


def plan_concerned_municipality_ids(*, plan: DevelopmentPlan) -> set[int]:
    """The municipalities a submitted plan concerns (whose staff read the messages shared
    with the municipalities): those asked for an opinion, its territory, the ORPs' seats."""
    if plan.submitted_at is None:
        return set()
    return (
        set(plan.opinions.values_list("municipality_id", flat=True))
        | set(plan.municipalities.values_list("id", flat=True))
        | set(plan.orps.values_list("seat_id", flat=True))
    ) - {None}

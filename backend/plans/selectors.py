"""Reads of plans and opinions, always scoped to what the user may see, and of what plans
lead to: the providers and services a user sees through them, and the register's entries
with the plans that changed them.

The same scope backs the permission rules (`rules.py`), so the UI, the API and the admin
agree on who sees what.
"""

import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    CharField,
    F,
    Model,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, LPad

from backend.accounts.rules import roles_of
from backend.assessment.selectors import plan_list_with_score
from backend.network.models import CapacityChange, NetworkEntry
from backend.network.selectors import entry_list_public
from backend.plans.choices import ResolutionOutcome
from backend.plans.models import (
    CouncilResolution,
    DevelopmentPlan,
    MunicipalOpinion,
    PlanAttachment,
    PlanConcern,
)
from backend.registry.models import Provider, SocialService


def plan_visibility_q(user: Any) -> Q:
    """Providers see their own plans; municipalities the submitted plans touching their
    territory; regional officers the plans of their region's calls."""
    roles = roles_of(user)
    municipality_ids = roles.officer_municipality_ids | roles.secretary_municipality_ids
    scope = Q(pk__in=[])
    if roles.provider_ids:
        scope |= Q(provider_id__in=roles.provider_ids)
    if municipality_ids:
        scope |= plan_municipal_q(municipality_ids)
    if roles.region_ids:
        scope |= Q(call__region_id__in=roles.region_ids)
    return scope


def plan_municipal_q(municipality_ids: Iterable[int]) -> Q:
    """The plans that concern these municipalities: submitted at least once (neither a
    draft nor a draft that was withdrawn unseen) and touching them (an opinion, the
    territory, or an ORP they seat), as kept in `PlanConcern` (backend/plans/concerns.py).

    A semi-join (`pk IN (…)`), so no plan repeats, and one index probe per plan: a page
    walks the plans in its order and stops when it is full, where the UNION of the three
    relations had to be read whole first (issue 23, EXPLAIN ANALYZE at 1 000 000 plans:
    page 3 of an ORP seat's 108 000 plans sorted by state, 4 ms instead of 710 ms)."""
    concerned = PlanConcern.objects.filter(municipality_id__in=list(municipality_ids))
    return Q(submitted_at__isnull=False, pk__in=concerned.values("plan_id"))


# What a plan is shown with wherever it is listed or shown: one join each.
PLAN_ROW_RELATIONS = ("call", "provider", "service__service_type")


def plan_list_for_user(*, user: Any) -> QuerySet[DevelopmentPlan]:
    """The plans the user may see, each once: every scope joins foreign keys only or is a
    semi-join (`plan_municipal_q`), so the plans are filtered directly."""
    plans = DevelopmentPlan.objects.filter(plan_visibility_q(user))
    return plans.select_related(*PLAN_ROW_RELATIONS)


class RelationKeys(NamedTuple):
    """One relation a plan is listed with as plain keys (`plan_relation_keys_set`)."""

    attribute: str  # set on the plan
    links: type[Model]  # the table of links
    key: str
    order: str  # as `plan.<relation>.all()` lists them
    parse: Callable[[str], Any]  # the key was read as text


# A municipality's key is its id, read as zero-padded text like the codes (so that two
# municipalities of one name sort by id, as a number) and turned back.
PLAN_RELATION_KEYS = (
    RelationKeys("orp_codes", DevelopmentPlan.orps.through, "orp__code", "orp__code", str),
    RelationKeys(
        "municipality_ids",
        DevelopmentPlan.municipalities.through,
        "municipality_id",
        "municipality__name",
        int,
    ),
    RelationKeys(
        "activity_card_codes",
        DevelopmentPlan.activity_cards.through,
        "activitycard__code",
        "activitycard__code",
        str,
    ),
)


def _as_text(relation: RelationKeys) -> Any:
    if relation.parse is int:
        return LPad(Cast(relation.key, CharField()), 12, Value("0"))
    return F(relation.key)


def _relation_keys_query(plan_ids: Collection[int]) -> QuerySet[Any]:
    """The plans' relation keys as rows (plan id, relation number, sort, key): one query over
    the three tables of links (UNION ALL)."""
    parts = [
        relation.links._default_manager.filter(developmentplan_id__in=plan_ids)
        .annotate(relation=Value(number), sort=F(relation.order), key=_as_text(relation))
        .values_list("developmentplan_id", "relation", "sort", "key")
        for number, relation in enumerate(PLAN_RELATION_KEYS)
    ]
    return parts[0].union(*parts[1:], all=True).order_by("relation", "sort", "key")


class _KeysStatement(NamedTuple):
    sql: str
    params: list[Any]
    slots: list[tuple[int, int]]  # (position in params, index of the plan id it takes)


# Statements are kept for up to this many plans (the API's largest page); more are compiled.
_COMPILED_UP_TO = 100


@functools.lru_cache(maxsize=_COMPILED_UP_TO)
def _relation_keys_statement(alias: str, count: int) -> _KeysStatement | None:
    """The SQL the ORM writes for `_relation_keys_query` of `count` plans, compiled once per
    database and count: it differs only in the plan ids, which are put in its parameters'
    places. Compiling the three-part union (for the query, ~1.5 ms) was the largest part of
    a plan detail's or a transition's answer after the writes; reading it ~0.1 ms. The ids
    are found as negative stand-ins, which no other parameter is (None: not found as
    expected, the caller compiles the query itself)."""
    stand_ins = {-(index + 1): index for index in range(count)}
    query = _relation_keys_query(list(stand_ins)).query
    sql, params = query.get_compiler(using=alias).as_sql()
    slots = [
        (position, stand_ins[param])
        for position, param in enumerate(params)
        if isinstance(param, int) and param in stand_ins
    ]
    if len(slots) != count * len(PLAN_RELATION_KEYS):
        return None
    return _KeysStatement(sql, list(params), slots)


def _relation_keys_rows(plan_ids: list[int]) -> Iterable[tuple[int, int, Any, Any]]:
    statement = None
    if len(plan_ids) <= _COMPILED_UP_TO:
        statement = _relation_keys_statement(DEFAULT_DB_ALIAS, len(plan_ids))
    if statement is None:
        return _relation_keys_query(plan_ids)
    params = list(statement.params)
    for position, index in statement.slots:
        params[position] = plan_ids[index]
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(statement.sql, params)
        return cursor.fetchall()


def plan_relation_keys(plan_ids: Collection[int]) -> dict[int, dict[str, list[Any]]]:
    """Each plan's ORP codes, municipality ids and activity-card codes as plain lists, by
    plan id and then by the name `plan_relation_keys_set` gives them, in one query over the
    three tables of links (UNION ALL), compiled once for each number of plans."""
    ids = list(dict.fromkeys(plan_ids))
    keys: dict[int, dict[str, list[Any]]] = {
        pk: {relation.attribute: [] for relation in PLAN_RELATION_KEYS} for pk in ids
    }
    if not ids:
        return keys
    for plan_id, number, _sort, value in _relation_keys_rows(ids):
        relation = PLAN_RELATION_KEYS[number]
        keys[plan_id][relation.attribute].append(relation.parse(value))
    return keys


def plan_relation_keys_set(plans: Sequence[DevelopmentPlan]) -> Sequence[DevelopmentPlan]:
    """Give each plan its ORP codes, municipality ids and activity-card codes as plain lists
    (`plan_relation_keys`). A page of fifty plans is then listed without building the few
    hundred related objects a prefetch would (a third of a list request's time), and a
    plan's detail without three round trips."""
    keys = plan_relation_keys({plan.pk: plan for plan in plans}.keys())
    for plan in plans:
        for attribute, values in keys[plan.pk].items():
            setattr(plan, attribute, values)
    return plans


def plan_list_scored(plans: QuerySet[DevelopmentPlan], *, user: Any) -> QuerySet[DevelopmentPlan]:
    """The plans with `assessment_score` (0–100 %, None where the user may not see it or
    the plan is not fully assessed), for sorting the lists by score (docs/assessment.md)."""
    return plan_list_with_score(plans, user=user)


def plan_get_for_user(*, user: Any, plan_id: int) -> DevelopmentPlan:
    """The plan, or DoesNotExist when it is outside the user's scope (never reveal it)."""
    return plan_list_for_user(user=user).get(pk=plan_id)


def plan_attachments_prefetch() -> Prefetch:
    """The plan's attachments with who uploaded them and the requirement each meets: what
    the plan's page lists and its timeline tells, so that both read them once."""
    return Prefetch(
        "attachments", PlanAttachment.objects.select_related("uploaded_by", "requirement")
    )


# What the plan's page shows of the plan itself beside `PLAN_ROW_RELATIONS`: its period,
# case owner, decision and request form (one join each), and its territory, activity cards
# and attachments (one query each, shared by the sections that read them).
PLAN_PAGE_RELATIONS = ("call__period", "assignee", "decision", "request_form")
PLAN_PAGE_PREFETCHES = ("orps", "municipalities", "activity_cards")


def plan_get_for_page(*, user: Any, plan_id: int) -> DevelopmentPlan:
    """The plan as its page shows it (`plan_get_for_user`, DoesNotExist outside the user's
    scope), with everything the page reads of the plan itself read in one go (issue 23:
    the page's sections read the territory, the attachments and the period once each)."""
    plan = plan_list_for_user(user=user).select_related(*PLAN_PAGE_RELATIONS).get(pk=plan_id)
    prefetch_related_objects([plan], *PLAN_PAGE_PREFETCHES, plan_attachments_prefetch())
    return plan


def plan_is_visible_to(*, user: Any, plan: DevelopmentPlan) -> bool:
    return DevelopmentPlan.objects.filter(plan_visibility_q(user), pk=plan.pk).exists()


def opinion_list_for_user(*, user: Any) -> QuerySet[MunicipalOpinion]:
    """Opinions of the user's municipalities, or all of the region for regional officers."""
    roles = roles_of(user)
    scope = Q(municipality_id__in=roles.officer_municipality_ids | roles.secretary_municipality_ids)
    if roles.region_ids:
        scope |= Q(plan__call__region_id__in=roles.region_ids)
    return MunicipalOpinion.objects.filter(scope).select_related("plan", "municipality")


def opinion_get_for_user(*, user: Any, opinion_id: int) -> MunicipalOpinion:
    """An opinion of a plan the user may see (DoesNotExist otherwise)."""
    opinion = MunicipalOpinion.objects.select_related("plan__call", "municipality").get(
        pk=opinion_id
    )
    if not plan_is_visible_to(user=user, plan=opinion.plan):
        raise MunicipalOpinion.DoesNotExist
    return opinion


def opinion_list_visible_for_user(*, user: Any) -> QuerySet[MunicipalOpinion]:
    """Opinions on the plans the user may see (as on the plan's page)."""
    visible = DevelopmentPlan.objects.filter(plan_visibility_q(user)).values("pk")
    return MunicipalOpinion.objects.filter(plan_id__in=visible).select_related(
        "plan", "municipality", "resolution"
    )


def resolution_list_for_user(*, user: Any) -> QuerySet[CouncilResolution]:
    """Resolutions of the user's municipalities and those behind opinions the user may see."""
    roles = roles_of(user)
    municipality_ids = roles.officer_municipality_ids | roles.secretary_municipality_ids
    opinions = opinion_list_visible_for_user(user=user).filter(resolution__isnull=False)
    return CouncilResolution.objects.filter(
        Q(municipality_id__in=municipality_ids) | Q(pk__in=opinions.values("resolution_id"))
    ).select_related("municipality")


def entry_get_public(*, entry_id: int) -> NetworkEntry:
    """The register's entry with its capacity history across periods, as `history`: the
    changes of the entry and of its predecessors in earlier periods (a rolled-over network
    keeps one history). Each change from a plan carries, as `plan.council_opinions`, the
    opinions a municipal council approved by a resolution (the register cites them next to
    the region's decision)."""
    entry = entry_list_public().get(pk=entry_id)
    lineage, earlier = [entry.pk], entry.predecessor_id
    while earlier is not None and earlier not in lineage:
        lineage.append(earlier)
        earlier = NetworkEntry.objects.filter(pk=earlier).values_list("predecessor_id", flat=True)[
            0
        ]
    council_opinions = MunicipalOpinion.objects.filter(
        resolution__outcome=ResolutionOutcome.APPROVED
    ).select_related("resolution__municipality__seat_of_orp")
    entry.history = list(  # type: ignore[attr-defined]  # the page's list, set here
        CapacityChange.objects.filter(entry_id__in=lineage)
        .select_related("plan", "entry__period")
        .prefetch_related(
            Prefetch("plan__opinions", queryset=council_opinions, to_attr="council_opinions")
        )
        .order_by("recorded_at", "pk")
    )
    return entry


# Providers and services, scoped to what the user may see: regional officers everything;
# provider users their own organisation; municipalities those of the plans they may see.


def provider_list_for_user(*, user: Any) -> QuerySet[Provider]:
    roles = roles_of(user)
    if roles.region_ids:
        return Provider.objects.all()
    return Provider.objects.filter(
        Q(pk__in=roles.provider_ids)
        | Q(pk__in=DevelopmentPlan.objects.filter(plan_visibility_q(user)).values("provider_id"))
    )


def service_list_for_user(*, user: Any) -> QuerySet[SocialService]:
    roles = roles_of(user)
    services = SocialService.objects.select_related("provider", "service_type")
    if roles.region_ids:
        return services
    return services.filter(
        Q(provider_id__in=roles.provider_ids)
        | Q(pk__in=DevelopmentPlan.objects.filter(plan_visibility_q(user)).values("service_id"))
    )

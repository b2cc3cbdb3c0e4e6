"""The municipalities each plan concerns (`PlanConcern`), kept in step with the relations
they are derived from.

A municipality sees the submitted plans that concern it (`selectors.plan_municipal_q`): an
opinion asked of it, the plan's territory, an ORP it seats. Reading the UNION of those three
relations on every list cost 100–700 ms at 1 000 000 plans for a large ORP (issue 23), so
the pairs are kept in one table, which a list probes once per plan.

Every ORM write of the three relations keeps the table through the receivers below, so the
services, the admin and the tests' fixtures cannot forget it. Writes that send no signals
(`bulk_create` of opinions or of a relation's through rows: the benchmark's seeders) call
`plan_concerns_refresh` for the plans they wrote. An opinion is deleted only with its plan,
and a plan's concerns go with it (cascade).
"""

from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_save

from backend.plans.models import DevelopmentPlan, MunicipalOpinion, PlanConcern
from backend.registry.models import Orp

BATCH = 5000
# The groups of plans refreshed at a time: each id is named three times in one query, and
# SQLite takes at most 32 766 parameters.
GROUP = 5000


def concerned_pairs(plan_ids: Collection[int] | None = None) -> QuerySet:
    """(plan id, municipality id) of every municipality the plans concern, each pair once;
    of every plan when `plan_ids` is None. The one definition of "concerns"."""
    opinions = MunicipalOpinion.objects.values_list("plan_id", "municipality_id")
    territory = DevelopmentPlan.municipalities.through.objects.values_list(
        "developmentplan_id", "municipality_id"
    )
    seats = DevelopmentPlan.orps.through.objects.filter(orp__seat__isnull=False).values_list(
        "developmentplan_id", "orp__seat_id"
    )
    if plan_ids is not None:
        ids = list(plan_ids)
        opinions = opinions.filter(plan_id__in=ids)
        territory = territory.filter(developmentplan_id__in=ids)
        seats = seats.filter(developmentplan_id__in=ids)
    return opinions.order_by().union(territory.order_by(), seats.order_by())


@transaction.atomic
def plan_concerns_refresh(*, plan_ids: Collection[int] | None = None) -> int:
    """Derive the concerns of these plans (of every plan when None) afresh from their
    opinions, territory and ORPs' seats; returns how many there are now."""
    if plan_ids is None:
        PlanConcern.objects.all().delete()
        return _write(concerned_pairs())
    ids = sorted(plan_ids)
    written = 0
    for start in range(0, len(ids), GROUP):
        group = ids[start : start + GROUP]
        PlanConcern.objects.filter(plan_id__in=group).delete()
        written += _write(concerned_pairs(group))
    return written


def _write(pairs: QuerySet) -> int:
    written = 0
    batch: list[PlanConcern] = []
    for plan_id, municipality_id in pairs.iterator(chunk_size=BATCH):
        batch.append(PlanConcern(plan_id=plan_id, municipality_id=municipality_id))
        if len(batch) == BATCH:
            written += len(PlanConcern.objects.bulk_create(batch))
            batch = []
    return written + len(PlanConcern.objects.bulk_create(batch))


def _opinion_saved(sender: Any, instance: MunicipalOpinion, created: bool, **kwargs: Any) -> None:
    # An opinion's addressee is set when it is asked for and never changes afterwards.
    if created:
        PlanConcern.objects.bulk_create(
            [PlanConcern(plan_id=instance.plan_id, municipality_id=instance.municipality_id)],
            ignore_conflicts=True,
        )


def _links_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            plan_concerns_refresh(plan_ids=[instance.pk])
        return
    # Written from the municipality's or the ORP's side: pk_set names the plans, but a
    # whole clear names none, so the plans it unlinks are read before it.
    if action == "pre_clear":
        instance._concerns_cleared = list(instance.plans.values_list("pk", flat=True))
    elif action == "post_clear":
        plan_concerns_refresh(plan_ids=instance.__dict__.pop("_concerns_cleared", []))
    elif action in ("post_add", "post_remove"):
        plan_concerns_refresh(plan_ids=pk_set or [])


def _orp_saved(sender: Any, instance: Orp, update_fields: Any, **kwargs: Any) -> None:
    if update_fields is not None and "seat" not in update_fields:
        return
    plans = DevelopmentPlan.orps.through.objects.filter(orp_id=instance.pk)
    plan_ids = list(plans.values_list("developmentplan_id", flat=True))
    if plan_ids:
        plan_concerns_refresh(plan_ids=plan_ids)


def connect() -> None:
    """Connect the receivers (`PlansConfig.ready`)."""
    post_save.connect(_opinion_saved, sender=MunicipalOpinion, dispatch_uid="concern-opinion")
    for relation in (DevelopmentPlan.municipalities, DevelopmentPlan.orps):
        m2m_changed.connect(
            _links_changed, sender=relation.through, dispatch_uid=f"concern-{relation.field.name}"
        )
    post_save.connect(_orp_saved, sender=Orp, dispatch_uid="concern-orp-seat")

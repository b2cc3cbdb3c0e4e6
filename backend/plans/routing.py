"""Whom a plan's call asks for opinions: the call's routing variant applied to the plan's
territory. The plan's actions request opinions of these addressees on submission and keep
only theirs on resubmission."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.calls.choices import OpinionRouting
from backend.machines.plan_review.routing import needs_opinions
from backend.plans.choices import OpinionRole
from backend.plans.models import DevelopmentPlan
from backend.registry.models import Municipality


class Addressee(NamedTuple):
    municipality: Municipality
    role: str

    @property
    def key(self) -> tuple[int, str]:
        return (self.municipality.pk, self.role)


def _orp_seats(plan: DevelopmentPlan) -> list[Addressee]:
    seats = []
    for orp in plan.orps.all():
        if orp.seat is None:
            raise ValidationError(
                _("ORP %(orp)s has no seat municipality to give an opinion.") % {"orp": orp.name}
            )
        seats.append(Addressee(orp.seat, OpinionRole.ORP))
    return seats


def _municipalities(plan: DevelopmentPlan) -> list[Addressee]:
    return [Addressee(m, OpinionRole.MUNICIPALITY) for m in plan.municipalities.all()]


def opinion_addressees(plan: DevelopmentPlan) -> list[Addressee]:
    """The municipalities (each in its role) the call asks for an opinion on the plan, once
    each; none when the plan needs no opinion (a decrease, where the call says so)."""
    if not needs_opinions(plan):
        return []
    routing = plan.call.opinion_routing
    if routing == OpinionRouting.TERRITORY:
        found = _municipalities(plan)
    elif routing == OpinionRouting.ORP_AND_MUNICIPALITY:
        found = _orp_seats(plan) + _municipalities(plan)
    else:
        found = _orp_seats(plan)
    return list({addressee.key: addressee for addressee in found}.values())

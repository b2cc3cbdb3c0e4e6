"""Absences of officers and their substitutes: recording them, and who stands in for whom.

A substitute stands in for one officer at a time; substitution does not chain (the
substitute of an absent substitute is not asked), so a notice reaches at most two people.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import Absence, Membership, Role, User

# The roles whose work a colleague can take over: the officers who own cases.
OFFICER_ROLES = (Role.REGIONAL_OFFICER, Role.MUNICIPAL_OFFICER)


def colleagues_of(user: Any) -> QuerySet[User]:
    """The active users who hold an officer role in an organisation where `user` does."""
    mine = Membership.objects.filter(user_id=user.pk, role__in=OFFICER_ROLES)
    same = Q()
    for role, municipality_id, region_id in mine.values_list(
        "role", "municipality_id", "region_id"
    ):
        same |= Q(memberships__role=role) & (
            Q(memberships__region_id=region_id)
            if role == Role.REGIONAL_OFFICER
            else Q(memberships__municipality_id=municipality_id)
        )
    if not same:
        return User.objects.none()
    return (
        User.objects.filter(same, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def absence_list_for_user(*, user: Any) -> QuerySet[Absence]:
    """The user's own absences and those in which the user stands in, not yet over."""
    today = timezone.localdate()
    return (
        Absence.objects.filter(Q(user_id=user.pk) | Q(substitute_id=user.pk), ends_on__gte=today)
        .select_related("user", "substitute")
        .order_by("starts_on", "id")
    )


def absence_record(
    *, user: Any, substitute: User, starts_on: dt.date, ends_on: dt.date, note: str = "", by: Any
) -> Absence:
    """Record that `user` is away from `starts_on` to `ends_on` (inclusive) and `substitute`
    stands in. Officers record their own absences; the substitute must be a colleague in the
    same organisation and role; absences of one officer may not overlap."""
    if by is None or by.pk != user.pk:
        raise PermissionDenied(_("You can record only your own absence."))
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The absence cannot end before it starts.")
    elif ends_on < timezone.localdate():
        errors["ends_on"] = _("The absence cannot lie wholly in the past.")
    if not colleagues_of(user).filter(pk=substitute.pk).exists():
        errors["substitute"] = _(
            "The substitute must be an active colleague in the same office and role."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The officer's row serialises two recordings of the same officer.
        User.objects.select_for_update().filter(pk=user.pk).first()
        overlapping = Absence.objects.filter(
            user_id=user.pk, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        if overlapping.exists():
            raise ValidationError(
                {"starts_on": _("This absence overlaps another one you recorded.")}
            )
        return Absence.objects.create(
            user=user,
            substitute=substitute,
            starts_on=starts_on,
            ends_on=ends_on,
            note=note.strip(),
            created_by=by,
        )


def absence_end(*, absence: Absence, by: Any) -> None:
    """End an absence early (the officer is back): one that has not started is removed, one
    under way ends yesterday, so what the substitute did stays attributed to it."""
    if by is None or by.pk != absence.user_id:
        raise PermissionDenied(_("You can end only your own absence."))
    today = timezone.localdate()
    if absence.starts_on >= today:
        absence.delete()
    elif absence.ends_on >= today:
        absence.ends_on = today - dt.timedelta(days=1)
        absence.save(update_fields=["ends_on"])


def substitutes_on(day: dt.date, user_ids: Iterable[int] | None = None) -> dict[int, int]:
    """{absent user id: substitute id} of the absences covering `day` (all users, or those)."""
    absences = Absence.objects.filter(starts_on__lte=day, ends_on__gte=day)
    if user_ids is not None:
        absences = absences.filter(user_id__in=set(user_ids))
    return dict(absences.order_by("id").values_list("user_id", "substitute_id"))


def stands_in_for(user: Any, day: dt.date) -> list[int]:
    """The ids of the officers `user` stands in for on `day`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        Absence.objects.filter(substitute_id=user.pk, starts_on__lte=day, ends_on__gte=day)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def on_behalf_of(*, actor: Any, owner_id: int | None, day: dt.date) -> int | None:
    """The officer `actor` acts for on a case owned by `owner_id`: the owner when the actor is
    the owner's substitute that day, else None."""
    if actor is None or owner_id is None or owner_id == actor.pk:
        return None
    covered = Absence.objects.filter(
        user_id=owner_id, substitute_id=actor.pk, starts_on__lte=day, ends_on__gte=day
    )
    return owner_id if covered.exists() else None

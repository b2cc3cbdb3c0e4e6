"""Writes of the registry: a provider's social services, the region's planning areas."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.registry.models import (
    Municipality,
    PlanningArea,
    PlanningAreaMember,
    PlanningScheme,
    Provider,
    Region,
    ServiceType,
    SocialService,
)


def service_create(*, by: Any, provider: Provider, **fields: Any) -> SocialService:
    """Add a (planned or registered) service of the user's provider; the capacity unit
    follows from its type and form."""
    if provider.pk not in roles_of(by).provider_ids:
        raise PermissionDenied(_("You can add services only to your own organisation."))
    relations = {name: fields.pop(name) for name in ("target_groups", "orps") if name in fields}
    service = SocialService(provider=provider, **fields)
    if service.service_type_id and service.form:
        service.capacity_unit = service.service_type.unit_for_form(service.form)
    with transaction.atomic():
        service.full_clean()
        service.save()
        for name, values in relations.items():
            getattr(service, name).set(values)
    return service


def provider_create(*, by: Any, **fields: Any) -> Provider:
    """The regional office registers a provider (the IČ is checked)."""
    if not roles_of(by).region_ids:
        raise PermissionDenied(_("Only the regional office registers providers."))
    provider = Provider(**fields)
    provider.full_clean()
    provider.save()
    return provider


# --- planning schemes and their areas (the region's own split of its territory) -----------


def _ensure_region_officer(by: Any, region_id: int) -> None:
    if region_id not in roles_of(by).region_ids:
        raise PermissionDenied(_("Only the regional office manages its planning areas."))


def planning_scheme_create(
    *,
    by: Any,
    region: Region,
    name: str,
    service_types: Iterable[ServiceType] = (),
    note: str = "",
) -> PlanningScheme:
    """A regional officer adds a split of the region's territory (its areas come next)."""
    _ensure_region_officer(by, region.pk)
    scheme = PlanningScheme(region=region, name=name.strip(), note=note.strip())
    scheme.full_clean()
    with transaction.atomic():
        scheme.save()
        scheme.service_types.set(service_types)
    return scheme


def planning_scheme_update(
    *,
    scheme: PlanningScheme,
    by: Any,
    name: str,
    service_types: Iterable[ServiceType] | None = None,
    note: str = "",
) -> PlanningScheme:
    """Rename a scheme, change its service types or note (the region's officers)."""
    _ensure_region_officer(by, scheme.region_id)
    scheme.name, scheme.note = name.strip(), note.strip()
    scheme.full_clean()
    with transaction.atomic():
        scheme.save()
        if service_types is not None:
            scheme.service_types.set(service_types)
    return scheme


def _refuse_municipalities(
    *, scheme: PlanningScheme, municipalities: list[Municipality], area: PlanningArea | None
) -> None:
    """Each municipality lies in the scheme's region and in no other area of the scheme."""
    foreign = [m for m in municipalities if m.orp.region_id != scheme.region_id]
    if foreign:
        raise ValidationError(
            {
                "municipalities": _("%(names)s are not in the region of the scheme.")
                % {"names": ", ".join(sorted(m.name for m in foreign))}
            }
        )
    taken = (
        PlanningAreaMember.objects.filter(scheme=scheme, municipality__in=municipalities)
        .exclude(area_id=area.pk if area is not None else None)
        .select_related("municipality", "area")
        .order_by("municipality__name")
    )
    if taken:
        raise ValidationError(
            {
                "municipalities": _(
                    "A municipality can be in one area of a scheme only: %(pairs)s."
                )
                % {"pairs": ", ".join(f"{m.municipality.name} ({m.area.name})" for m in taken)}
            }
        )


def planning_area_save(
    *,
    by: Any,
    scheme: PlanningScheme,
    name: str,
    municipalities: Iterable[Municipality],
    area: PlanningArea | None = None,
) -> PlanningArea:
    """Add an area to a scheme (`area=None`) or change one: its name and municipalities. A
    municipality already in another area of the scheme is refused, with that area named."""
    _ensure_region_officer(by, scheme.region_id)
    members = list(
        Municipality.objects.filter(pk__in=[m.pk for m in municipalities]).select_related("orp")
    )
    if area is not None and area.scheme_id != scheme.pk:
        raise ValidationError(_("The area belongs to another scheme."))
    area = area or PlanningArea(scheme=scheme)
    area.name = name.strip()
    area.full_clean()
    with transaction.atomic():
        PlanningScheme.objects.select_for_update().get(pk=scheme.pk)
        _refuse_municipalities(scheme=scheme, municipalities=members, area=area)
        area.save()
        area.municipalities.set(members, through_defaults={"scheme": scheme})
    return area

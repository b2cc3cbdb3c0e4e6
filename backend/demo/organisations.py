"""Demo organisations and people: the organisations are real (from the 2017 minutes), the
people are invented. Every demo user has the password DEMO_PASSWORD (listed in README)."""

from dataclasses import dataclass
from typing import TypedDict

from django.contrib.auth.models import Group, Permission

from backend.accounts.models import Membership, Role, User
from backend.registry.choices import LegalForm, ServiceForm
from backend.registry.models import Municipality, Orp, Provider, Region, ServiceType, SocialService

DEMO_PASSWORD = "zsss-demo-2017"
REGIONAL_GROUP = "Krajský úřad – odbor sociálních věcí"
STAFF_APPS = [
    "accounts",
    "registry",
    "calls",
    "plans",
    "network",
    "notifications",
    "django_fsm_log",
]
# The regional office sees these (the schedule of the jobs, the audit of moved deadlines).
VIEW_ONLY_APPS = ["django_celery_beat", "workflows"]

PROVIDERS = {
    "tulipan": (
        "Sdružení TULIPAN, z. s.",
        "26672472",
        LegalForm.ASSOCIATION,
        "Sokolská 113/8, 460 01 Liberec 1",
    ),
    "czsp": (
        "Centrum zdravotní a sociální péče Liberec, p. o.",
        "65100654",
        LegalForm.CONTRIBUTORY,
        "Liberec",
    ),
    "cvt": ("Člověk v tísni, o. p. s.", "25755277", LegalForm.PUBLIC_BENEFIT, "pobočka Liberec"),
    "romodrom": ("Romodrom o. p. s.", "26537036", LegalForm.PUBLIC_BENEFIT, "pobočka Liberec"),
}


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    provider: str
    name: str
    paragraph: str
    form: str
    registration_number: str | None
    orps: tuple[str, ...]


SERVICES = [
    ServiceSpec(
        "tulipan_ch",
        "tulipan",
        "Chráněné bydlení TULIPAN",
        "51",
        ServiceForm.RESIDENTIAL,
        "8533092",
        ("5105",),
    ),
    ServiceSpec(
        "czsp_ds",
        "czsp",
        "Domov pro seniory Liberec",
        "49",
        ServiceForm.RESIDENTIAL,
        "2480451",
        ("5105",),
    ),
    ServiceSpec(
        "cvt_osp",
        "cvt",
        "Odborné sociální poradenství Liberec",
        "37",
        ServiceForm.OUTPATIENT,
        None,
        ("5105",),
    ),
    ServiceSpec(
        "cvt_tp", "cvt", "Terénní programy Liberec", "69", ServiceForm.FIELD, None, ("5105",)
    ),
    ServiceSpec(
        "romodrom_tp",
        "romodrom",
        "Terénní programy Liberecko",
        "69",
        ServiceForm.FIELD,
        None,
        ("5105",),
    ),
    ServiceSpec(
        "romodrom_osp",
        "romodrom",
        "Odborné sociální poradenství Liberecko",
        "37",
        ServiceForm.OUTPATIENT,
        None,
        ("5105",),
    ),
    ServiceSpec(
        "cvt_sas",
        "cvt",
        "Sociálně aktivizační služby pro rodiny Tanvaldsko",
        "65",
        ServiceForm.FIELD,
        None,
        ("5108",),
    ),
    ServiceSpec(
        "cvt_tp_tanvald",
        "cvt",
        "Terénní programy Tanvaldsko",
        "69",
        ServiceForm.FIELD,
        None,
        ("5108",),
    ),
    ServiceSpec(
        "tulipan_rehab",
        "tulipan",
        "Sociální rehabilitace TULIPAN",
        "70",
        ServiceForm.OUTPATIENT,
        None,
        ("5105", "5103"),
    ),
    ServiceSpec(
        "czsp_odl",
        "czsp",
        "Odlehčovací služba Liberec",
        "44",
        ServiceForm.RESIDENTIAL,
        None,
        ("5105",),
    ),
]

# username: (first name, last name, role, organisation key)
PEOPLE = {
    "kraj": ("Jana", "Nováková", Role.REGIONAL_OFFICER, "CZ051"),
    "kraj2": ("Martin", "Beneš", Role.REGIONAL_OFFICER, "CZ051"),
    "tulipan": ("Petr", "Dvořák", Role.PROVIDER_USER, "tulipan"),
    "czsp": ("Marie", "Svobodová", Role.PROVIDER_USER, "czsp"),
    "cvt": ("Tomáš", "Černý", Role.PROVIDER_USER, "cvt"),
    "romodrom": ("Lucie", "Horáková", Role.PROVIDER_USER, "romodrom"),
    "liberec": ("Eva", "Procházková", Role.MUNICIPAL_OFFICER, "Liberec"),
    "liberec.rada": ("Karel", "Veselý", Role.COUNCIL_SECRETARY, "Liberec"),
    "tanvald": ("Hana", "Kučerová", Role.MUNICIPAL_OFFICER, "Tanvald"),
    "tanvald.rada": ("Jiří", "Marek", Role.COUNCIL_SECRETARY, "Tanvald"),
}


def create_organisations() -> tuple[dict[str, Provider], dict[str, SocialService]]:
    providers = {
        key: Provider.objects.get_or_create(
            ico=ico, defaults={"name": name, "legal_form": form, "address": address}
        )[0]
        for key, (name, ico, form, address) in PROVIDERS.items()
    }
    services = {}
    for spec in SERVICES:
        service_type = ServiceType.objects.get(paragraph=spec.paragraph)
        service = SocialService.objects.filter(
            provider=providers[spec.provider], name=spec.name
        ).first()
        if service is None:
            service = SocialService(
                provider=providers[spec.provider],
                name=spec.name,
                service_type=service_type,
                form=spec.form,
                registration_number=spec.registration_number,
                capacity_unit=service_type.unit_for_form(spec.form),
            )
            service.full_clean()  # the model's rules hold for the demo's data too
            service.save()
        service.orps.set(Orp.objects.filter(code__in=spec.orps))
        services[spec.key] = service
    return providers, services


def create_people(providers: dict[str, Provider]) -> dict[str, User]:
    users = {}
    group = _regional_group()
    for username, (first, last, role, organisation) in PEOPLE.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.zsss.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        if role == Role.REGIONAL_OFFICER:
            user.is_staff = True
            user.groups.add(group)
        user.save()
        Membership.objects.get_or_create(
            user=user, role=role, **_organisation(role, organisation, providers)
        )
        users[username] = user
    return users


class _Organisation(TypedDict, total=False):
    """The organisation of a membership, by the role's field."""

    provider: Provider
    region: Region
    municipality: Municipality


def _organisation(role: str, key: str, providers: dict[str, Provider]) -> _Organisation:
    if role == Role.PROVIDER_USER:
        return {"provider": providers[key]}
    if role == Role.REGIONAL_OFFICER:
        return {"region": Region.objects.get(code=key)}
    return {"municipality": Municipality.objects.get(name=key, seat_of_orp__isnull=False)}


def _regional_group() -> Group:
    group, _ = Group.objects.get_or_create(name=REGIONAL_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=STAFF_APPS)
        | Permission.objects.filter(
            content_type__app_label__in=VIEW_ONLY_APPS, codename__startswith="view_"
        )
    )
    return group

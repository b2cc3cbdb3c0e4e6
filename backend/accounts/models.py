"""Users and their memberships in organisations (provider, municipality, regional office)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    language = models.CharField(
        _("language"), max_length=5, default="cs", choices=[("cs", "čeština"), ("en", "English")]
    )
    # When the account was last deactivated (`user_active_set`); the retention job anonymises
    # it RETENTION_DEACTIVATED_ACCOUNT_DAYS later (docs/personal-data.md).
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    PROVIDER_USER = "provider_user", _("provider user")
    MUNICIPAL_OFFICER = "municipal_officer", _("municipal officer")
    COUNCIL_SECRETARY = "council_secretary", _("council secretary")
    REGIONAL_OFFICER = "regional_officer", _("regional officer")


class Membership(models.Model):
    """A user's role in one organisation; the organisation kind follows from the role."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    provider = models.ForeignKey(
        "registry.Provider",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("provider"),
    )
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_organisation_matches_role",
                condition=(
                    Q(
                        role=Role.PROVIDER_USER,
                        provider__isnull=False,
                        municipality__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role__in=[Role.MUNICIPAL_OFFICER, Role.COUNCIL_SECRETARY],
                        municipality__isnull=False,
                        provider__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.REGIONAL_OFFICER,
                        region__isnull=False,
                        provider__isnull=True,
                        municipality__isnull=True,
                    )
                ),
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", "role", organisation],
                    condition=Q(**{f"{organisation}__isnull": False}),
                    name=f"membership_unique_{organisation}",
                )
                for organisation in ("provider", "municipality", "region")
            ],
        ]

    def __str__(self) -> str:
        organisation = self.provider or self.municipality or self.region
        return f"{self.user} – {self.get_role_display()} – {organisation}"


class Absence(models.Model):
    """An officer's absence (leave, sickness) from one day to another, inclusive, and the
    colleague who stands in: during it the substitute gets the officer's tasks and notices,
    and what the substitute does on the officer's cases is logged "on behalf of" them."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="absences", verbose_name=_("officer")
    )
    substitute = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="substitutions", verbose_name=_("substitute")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="absence_ends_after_start", condition=Q(ends_on__gte=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="absence_substitute_is_another",
                condition=~Q(substitute=models.F("user")),
            ),
        ]
        indexes = [models.Index(fields=["ends_on", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on}–{self.ends_on} → {self.substitute}"

"""The texts a call's letters and e-mails say: a template per (call, letter kind) and its
append-only versions.

The newest version is the one in force. A version with `uses_default` set records that the
office went back to the shipped text (who and when, like any other edit); a call with no
version at all uses the shipped text too.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel
from backend.letters.kinds import LetterKind


class LetterTemplate(models.Model):
    """The editable text of one kind of letter for one call."""

    call = models.ForeignKey(
        "calls.Call",
        on_delete=models.PROTECT,
        related_name="letter_templates",
        verbose_name=_("call"),
    )
    kind = models.CharField(_("kind of letter"), max_length=30, choices=LetterKind.choices)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.call})"


class LetterVersion(AppendOnlyModel):
    """One version of a letter template's text: never changed, never deleted."""

    template = models.ForeignKey(
        LetterTemplate,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("letter template"),
    )
    number = models.PositiveIntegerField(_("version"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    uses_default = models.BooleanField(_("shipped default text"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter template version")
        verbose_name_plural = _("letter template versions")
        ordering = ["template_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="letter_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

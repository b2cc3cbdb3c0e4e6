"""Writes of a call's letters (append-only versions) and their rendering.

A text is checked in the sandbox (`sandbox.py`: allowed tags and filters, documented
variables only) and rendered once with example values before it is saved; a text that does
not pass is refused with the line and the reason, and nothing is stored. Saving records no
domain event: nobody is notified of a changed text, the version list (who, when, what) is
the record.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from backend.calls.models import Call
from backend.letters.defaults import LetterText, default_text
from backend.letters.kinds import LetterKind, is_email
from backend.letters.models import LetterTemplate, LetterVersion
from backend.letters.rules import is_call_regional_officer
from backend.letters.sandbox import MAX_SUBJECT, render_text, text_validate
from backend.letters.selectors import letter_text_in_force
from backend.letters.variables import letter_variables, sample_variables
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

# Letters are official documents of a Czech office: rendered in Czech (dates 26. 9. 2017).
LETTER_LANGUAGE = "cs"


def _kind(kind: str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError as error:
        raise ValidationError({"kind": _("Unknown kind of letter.")}) from error


def letter_text_check(*, kind: str, text: str, subject: str = "") -> None:
    """Refuse (ValidationError with each line and reason) a text that may not be saved:
    forbidden or unknown tags, filters or variables, a syntax error, one that does not
    render with example values, an empty text, an e-mail without a subject."""
    kind = _kind(kind)
    errors: dict[str, list[Any]] = {}
    fields = [("text", text, 20_000)]
    if is_email(kind):
        fields.append(("subject", subject, MAX_SUBJECT))
    for field, value, limit in fields:
        if not value.strip():
            errors[field] = [ValidationError(_("This field is required."), code="required")]
            continue
        try:
            text_validate(text=value, kind=kind, field=field, limit=limit)
            with translation.override(LETTER_LANGUAGE):
                render_text(text=value, context=sample_variables(kind))
        except ValidationError as error:
            errors.update(error.message_dict)
        except Exception as error:  # a text the checks let through but that fails to render
            errors[field] = [
                ValidationError(
                    _("Line %(line)s: %(reason)s")
                    % {
                        "line": 1,
                        "reason": _("the text does not render (%(error)s)") % {"error": error},
                    },
                    code="letter_template",
                )
            ]
    if errors:
        raise ValidationError(errors)


def _template_locked(call: Call, kind: LetterKind) -> LetterTemplate:
    template, _created = LetterTemplate.objects.get_or_create(call=call, kind=kind)
    return LetterTemplate.objects.select_for_update().get(pk=template.pk)


def _append(
    *, call: Call, kind: LetterKind, text: str, subject: str, uses_default: bool, by: Any
) -> LetterVersion:
    if not is_call_regional_officer(by, call):
        raise PermissionDenied(_("Only the call's regional office edits its letters."))
    with transaction.atomic():
        template = _template_locked(call, kind)
        number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return LetterVersion.objects.create(
            template=template,
            number=number,
            text=text,
            subject=subject if is_email(kind) else "",
            uses_default=uses_default,
            author=by,
        )


def letter_version_create(
    *, call: Call, kind: str, text: str, subject: str = "", by: Any
) -> LetterVersion:
    """Save a new version of the call's letter (the one in force from now on)."""
    letter_kind = _kind(kind)
    if not is_call_regional_officer(by, call):
        raise PermissionDenied(_("Only the call's regional office edits its letters."))
    text = text.replace("\r\n", "\n")
    subject = " ".join(subject.split())
    letter_text_check(kind=letter_kind, text=text, subject=subject)
    return _append(
        call=call, kind=letter_kind, text=text, subject=subject, uses_default=False, by=by
    )


def letter_default_restore(*, call: Call, kind: str, by: Any) -> LetterVersion:
    """Go back to the shipped text: a new version recording who restored it, and when; the
    letters are made from the shipped template again (their documents name no version)."""
    letter_kind = _kind(kind)
    shipped = default_text(letter_kind)
    return _append(
        call=call,
        kind=letter_kind,
        text=shipped.text,
        subject=shipped.subject,
        uses_default=True,
        by=by,
    )


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    text: str
    version: LetterVersion | None


def letter_render(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None = None,
    extra: dict[str, Any] | None = None,
    draft: LetterText | None = None,
) -> RenderedLetter:
    """The letter's subject and body for the plan, in Czech, as plain text: from `draft`
    (an unsaved text, for the preview) or else the version in force of the plan's call
    (the shipped text when none)."""
    if draft is not None:
        version, text = None, draft
    else:
        version, text = letter_text_in_force(call=plan.call_id, kind=kind)
    with translation.override(LETTER_LANGUAGE):  # the labels (outcome, verdict) too
        context = letter_variables(kind=kind, plan=plan, opinion=opinion, extra=extra)
        body = render_text(text=text.text, context=context).strip("\n")
        subject = (
            " ".join(render_text(text=text.subject, context=context).split())
            if text.subject
            else ""
        )
    return RenderedLetter(subject=subject, text=body, version=version)

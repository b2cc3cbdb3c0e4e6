"""Reads of a call's letters: the version in force, the history, the list for the editor."""

import difflib
from dataclasses import dataclass

from django.db.models import QuerySet

from backend.calls.models import Call
from backend.letters.defaults import LetterText, default_text
from backend.letters.kinds import VARIABLES, LetterKind, Variable, is_email
from backend.letters.models import LetterVersion


def letter_version_latest(*, call: Call | int, kind: str) -> LetterVersion | None:
    """The newest version of the call's letter (also one restoring the default), if any."""
    call_id = call if isinstance(call, int) else call.pk
    return (
        LetterVersion.objects.filter(template__call_id=call_id, template__kind=kind)
        .select_related("author")
        .order_by("-number")
        .first()
    )


def letter_version_in_force(*, call: Call | int, kind: str) -> LetterVersion | None:
    """The edited version the call's letters are made from; None: the shipped default."""
    latest = letter_version_latest(call=call, kind=kind)
    return None if latest is None or latest.uses_default else latest


def letter_text_in_force(*, call: Call | int, kind: str) -> tuple[LetterVersion | None, LetterText]:
    """The version in force (None: the default) and the text it says."""
    version = letter_version_in_force(call=call, kind=kind)
    if version is None:
        return None, default_text(kind)
    return version, LetterText(subject=version.subject, text=version.text)


def letter_list_versions(*, call: Call, kind: str) -> QuerySet[LetterVersion]:
    """Every version of the call's letter, newest first, with its author."""
    return (
        LetterVersion.objects.filter(template__call=call, template__kind=kind)
        .select_related("author")
        .order_by("-number")
    )


@dataclass(frozen=True)
class LetterRow:
    kind: LetterKind
    label: str
    is_email: bool
    latest: LetterVersion | None
    variables: tuple[Variable, ...]

    @property
    def edited(self) -> bool:
        return self.latest is not None and not self.latest.uses_default


def letter_list_for_call(*, call: Call) -> list[LetterRow]:
    """Every kind of letter with its newest version (None: never edited)."""
    latest: dict[str, LetterVersion] = {}
    for version in letter_list_versions_all(call=call):
        latest.setdefault(version.template.kind, version)
    return [
        LetterRow(
            kind=kind,
            label=str(kind.label),
            is_email=is_email(kind),
            latest=latest.get(kind.value),
            variables=VARIABLES[kind],
        )
        for kind in LetterKind
    ]


def letter_list_versions_all(*, call: Call) -> QuerySet[LetterVersion]:
    """The versions of all the call's letters, newest first per kind."""
    return (
        LetterVersion.objects.filter(template__call=call)
        .select_related("author", "template")
        .order_by("template__kind", "-number")
    )


@dataclass(frozen=True)
class VersionChange:
    version: LetterVersion
    diff: str  # unified diff against the version before (empty for the first)


def letter_list_version_changes(*, call: Call, kind: str) -> list[VersionChange]:
    """Every version, newest first, with what it changed against the one before it."""
    versions = list(letter_list_versions(call=call, kind=kind))
    changes = []
    for index, version in enumerate(versions):
        before = versions[index + 1] if index + 1 < len(versions) else None
        diff = ""
        if before is not None:
            old = [f"{before.subject}", *before.text.splitlines()]
            new = [f"{version.subject}", *version.text.splitlines()]
            lines = difflib.unified_diff(
                old, new, f"v{before.number}", f"v{version.number}", lineterm="", n=1
            )
            diff = "\n".join(lines)
        changes.append(VersionChange(version=version, diff=diff))
    return changes

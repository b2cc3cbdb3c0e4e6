"""The series reference numbers are issued in and the patterns they are written in.

Two settings (docs/records.md): `REFERENCE_NUMBER_PATTERN` for the regional office's series
(e.g. "KULK/{number}/{year}") and `REFERENCE_NUMBER_MUNICIPAL_PATTERN` for each
municipality's own series (e.g. "OBEC-{municipality}/{number}/{year}", `{municipality}` being
the municipality's ČSÚ code). `checks.py` validates both at start-up.
"""

import string
from dataclasses import dataclass, field

from django.conf import settings

REGIONAL_FIELDS = frozenset({"number", "year"})
MUNICIPAL_FIELDS = frozenset({"number", "year", "municipality"})
# What the ReferenceNumber.value column holds.
MAX_LENGTH = 60


@dataclass(frozen=True)
class Series:
    """A series of reference numbers: its key (one counter per key and year), its pattern
    and the values the pattern's other fields take."""

    key: str
    pattern: str
    fields: dict[str, str] = field(default_factory=dict)

    def format(self, *, number: int, year: int) -> str:
        return self.pattern.format(number=number, year=year, **self.fields)


def series_regional() -> Series:
    """The regional office's series: the submissions it receives, the decisions it issues."""
    return Series(key="region", pattern=settings.REFERENCE_NUMBER_PATTERN)


def series_municipal(*, municipality_id: int, code: str) -> Series:
    """A municipality's own series for the opinions it issues; `{municipality}` is its ČSÚ
    code (its id with the prefix "id" while the code is not known)."""
    return Series(
        key=f"municipality:{municipality_id}",
        pattern=settings.REFERENCE_NUMBER_MUNICIPAL_PATTERN,
        fields={"municipality": code or f"id{municipality_id}"},
    )


def pattern_fields(pattern: str) -> tuple[set[str], list[str]]:
    """The field names a pattern uses and its literal text (raises ValueError when the
    pattern cannot be parsed)."""
    names: set[str] = set()
    literals: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(pattern):
        literals.append(literal)
        if name is not None:
            names.add(name)
    return names, literals


def pattern_errors(pattern: str, *, allowed: frozenset[str]) -> list[str]:
    """What is wrong with a pattern, as sentences (empty: nothing)."""
    try:
        names, _literals = pattern_fields(pattern)
    except ValueError as error:
        return [f"{pattern!r} cannot be parsed: {error}"]
    errors = []
    if unknown := names - allowed:
        errors.append(
            f"{pattern!r} uses unknown fields {sorted(unknown)}; allowed {sorted(allowed)}"
        )
    if missing := allowed - names:
        errors.append(f"{pattern!r} lacks the fields {sorted(missing)}")
    if not errors:
        try:
            sample = pattern.format(number=999999, year=2099, municipality="999999")
        except (ValueError, IndexError, KeyError) as error:
            return [f"{pattern!r} cannot be formatted: {error}"]
        if len(sample) > MAX_LENGTH:
            errors.append(f"{pattern!r} gives numbers longer than {MAX_LENGTH} characters")
    return errors

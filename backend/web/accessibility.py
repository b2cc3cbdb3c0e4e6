"""The accessibility audit's results, read from `docs/accessibility.md`.

The document is the one source: the accessibility statement page lists its known issues, and
the axe audit (`tests/browser/test_axe.py`) fails on a violation the document does not list.
The statement's dates come from the same document, so reviewing it means editing one file.

Format (see the document): `Prepared: YYYY-MM-DD` and `Last review: YYYY-MM-DD` lines, and
under `## Known issues` one ``### `rule` (impact)`` heading per issue followed by
`- cs: …` and `- en: …` lines (what does not comply and why, in each language).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

DOCUMENT = Path(settings.BASE_DIR) / "docs/accessibility.md"
_ISSUE = re.compile(r"^### `(?P<rule>[\w-]+)` \((?P<impact>\w+)\)\s*$")
_TEXT = re.compile(r"^- (?P<language>cs|en): (?P<text>.+)$")
_DATE = re.compile(r"^(?P<label>Prepared|Last review): (?P<date>\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True)
class KnownIssue:
    """Content that does not comply, with the reason (in Czech and English)."""

    rule: str
    impact: str
    texts: dict[str, str] = field(default_factory=dict)

    def text(self, language: str) -> str:
        """The description in `language` (Czech for anything else than English)."""
        return self.texts.get(language) or self.texts["cs"]


@dataclass(frozen=True)
class AuditResult:
    prepared: dt.date
    reviewed: dt.date
    issues: list[KnownIssue]


def audit_result(document: Path = DOCUMENT) -> AuditResult:
    """Parse the audit document (small: read on every request, so an edit shows at once)."""
    dates: dict[str, dt.date] = {}
    issues: list[KnownIssue] = []
    in_issues = False
    for line in document.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_issues = line.strip() == "## Known issues"
        elif match := _DATE.match(line):
            dates[match["label"]] = dt.date.fromisoformat(match["date"])
        elif in_issues and (match := _ISSUE.match(line)):
            issues.append(KnownIssue(rule=match["rule"], impact=match["impact"]))
        elif in_issues and issues and (match := _TEXT.match(line)):
            issues[-1].texts[match["language"]] = match["text"].strip()
    incomplete = [issue.rule for issue in issues if set(issue.texts) != {"cs", "en"}]
    if incomplete or set(dates) != {"Prepared", "Last review"}:
        raise ValueError(f"{document}: dates or cs/en texts missing ({incomplete})")
    return AuditResult(prepared=dates["Prepared"], reviewed=dates["Last review"], issues=issues)


def known_issues() -> list[KnownIssue]:
    return audit_result().issues

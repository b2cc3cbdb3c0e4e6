#!/usr/bin/env python3
"""Extract the development-activity cards of the Liberec Region plan into a JSON fixture.

Source: SPRSS LK 2014-2017 (Střednědobý plán rozvoje sociálních služeb Libereckého kraje),
annex no. 1 "Karty rozvojových aktivit", as plain text extracted from the PDF.

The PDF-to-text extraction keeps each card's labels together at the top and then emits
the values as separate runs of lines whose order depends on the card.  Every non-empty
line is followed by an empty line, so blank lines carry no information.  Three layouts
occur (HEADER = the running title "Střednědobý plán …", KARTA = "KARTA ROZVOJOVÉ AKTIVITY"):

  A  (A01-01)          description, responsibility, financing, period,
                       HEADER, name, KARTA, service types, target groups, goals
  B  (A01-02..A01-06)  service types, HEADER, KARTA, name, goals, target groups,
                       period, responsibility, financing, description
  C  (A02-01..A10-04)  period, responsibility, financing, description, service types,
                       HEADER, KARTA, name, goals, target groups

The parser finds the fixed anchors (HEADER, KARTA, the period line, the first "SCn" line)
and cuts the card into fields between them.  Values that wrap over several lines are
re-joined by the small heuristics in ``wraps_into`` and ``service_block_*``.

Usage: python scripts/extract_activity_cards.py [INPUT_TXT]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO_ROOT.parent / "shared" / "seeds" / "sprss-lk-2014-2017-activity-cards.txt"
OUTPUT = REPO_ROOT / "backend" / "registry" / "fixtures" / "activity_cards.json"
# The en dashes are intentional (the fixture keeps the document's typography).
SOURCE = "SPRSS LK 2014–2017, příloha č. 1 – karty rozvojových aktivit"

CARD_START = re.compile(r"Číslo aktivity:\s*(A\d{2}-\d{2})")
CODE_RE = re.compile(r"^A\d{2}-\d{2}$")
PERIOD_RE = re.compile(r"^\d{4}\s*-\s*\d{4}$")
GOAL_LINE_RE = re.compile(r"^SC\d+\b")
GOAL_TOKEN_RE = re.compile(r"\b(SC\d+)\b")
DANGLING_GOAL_RE = re.compile(r"\bSC\d+\s*$")
# A service type is a parenthesised paragraph reference, e.g. "(§ 44)", "( §51)", "(§ 60a)".
# Bare references such as "§94, §95. §96 zákona …" cite the act, not a service type.
SERVICE_PARAGRAPH_RE = re.compile(r"\(\s*§\s*(\d+[a-z]?)\s*\)")

HEADER_PREFIX = "Střednědobý plán rozvoje sociálních služeb"
KARTA = "KARTA ROZVOJOVÉ AKTIVITY"
# Running footers / page furniture that can appear anywhere inside a card.
NOISE_RE = re.compile(r"^(srpen 2013|\S+\.PDF)$")
# Labels printed at the top of every card (each label may be split over two lines).
LABEL_LINES = frozenset(
    {
        "Název aktivity:",
        "Vazba na strategický",
        "cíl:",
        "Vazba na další",
        "strategické cíle:",
        "Cílové skupiny",
        "uživatelů:",
        "Dotčené druhy",
        "sociálních služeb (§):",
        "Doba realizace:",
        "Odpovědnost za",
        "realizaci",
        "Financování:",
        "Popis aktivity:",
    }
)

# A line shorter than this did not reach the right edge of its table cell, so it
# cannot have been wrapped (the value cells are roughly 75-90 characters wide).
WRAP_MIN_CHARS = 60
# One-letter Czech conjunctions/prepositions never end a phrase; a line ending in one
# continues on the next line even if that line starts with a capital letter.
DANGLING_WORDS = frozenset({"a", "i", "k", "o", "s", "u", "v", "z"})


@dataclass
class ActivityCard:
    code: str
    name: str
    goals: list[str]
    target_groups: str
    service_types: list[str]
    service_types_text: str
    period: str
    responsibility: str
    financing: str
    description: str


class CardParseError(ValueError):
    pass


# --------------------------------------------------------------------------- helpers


def collapse(text: str) -> str:
    """Collapse all runs of whitespace into single spaces."""
    return " ".join(text.split())


def join_lines(lines: list[str]) -> str:
    return collapse(" ".join(lines))


def wraps_into(line: str, following: str) -> bool:
    """Does ``following`` continue the value that ``line`` started (a hard line wrap)?"""
    if DANGLING_GOAL_RE.search(line):  # "... a seniory      SC3" + "Podpora integrace ..."
        return True
    text = line.rstrip()
    if line == text or len(text) < WRAP_MIN_CHARS:  # wrapped lines keep a trailing space
        return False
    first = following.lstrip()[:1]
    return first.islower() or first == "(" or text.split()[-1] in DANGLING_WORDS


def take_value(lines: list[str], start: int) -> tuple[str, int]:
    """Read one (possibly wrapped) value starting at ``start``; return it and the next index."""
    end = start + 1
    while end < len(lines) and wraps_into(lines[end - 1], lines[end]):
        end += 1
    return join_lines(lines[start:end]), end


def take_goals(lines: list[str], start: int) -> tuple[list[str], int]:
    """Read the run of "SCn name" lines starting at ``start``.

    Returns the goal texts (one per SC code, e.g. "SC2 Humanizace …") and the index of
    the first line after the run.
    """
    end = start + 1
    while end < len(lines) and (
        GOAL_LINE_RE.match(lines[end]) or wraps_into(lines[end - 1], lines[end])
    ):
        end += 1
    text = join_lines(lines[start:end])
    # A line may hold the tail of one goal and the start of the next ("... SC6 Integrace").
    starts = [m.start() for m in GOAL_TOKEN_RE.finditer(text)]
    goals = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return goals, end


def service_block_start(lines: list[str], end: int) -> int:
    """Index where the service-type list that ends just before ``end`` begins.

    The list's last line is always part of it; going upwards, a line still belongs to the
    list while it names a paragraph ("§") or ends with a list comma.
    """
    start = end - 1
    while start > 0 and ("§" in lines[start - 1] or lines[start - 1].rstrip().endswith(",")):
        start -= 1
    return start


def service_block_end(lines: list[str], start: int) -> int:
    """Index just after the service-type list that begins at ``start``.

    Going downwards, a line belongs to the list while it names a paragraph ("§") or the
    line above it ends with a list comma.
    """
    end = start + 1
    while end < len(lines) and ("§" in lines[end] or lines[end - 1].rstrip().endswith(",")):
        end += 1
    return end


def service_paragraphs(text: str) -> list[str]:
    return list(dict.fromkeys(SERVICE_PARAGRAPH_RE.findall(text)))


# --------------------------------------------------------------------------- parsing


def split_cards(raw: str) -> list[tuple[str, list[str]]]:
    """Split the document into (code, value lines) pairs.

    Blank lines, page furniture and the label block at the top of each card are dropped;
    trailing whitespace is kept because ``wraps_into`` relies on it.
    """
    matches = list(CARD_START.finditer(raw))
    cards = []
    for match, nxt in zip(matches, [*matches[1:], None], strict=True):
        body = raw[match.end() : nxt.start() if nxt else len(raw)]
        lines = [line for line in body.splitlines() if line.strip()]
        lines = [line for line in lines if not NOISE_RE.match(line.strip())]
        while lines and collapse(lines[0]) in LABEL_LINES:
            lines.pop(0)
        cards.append((match.group(1), lines))
    return cards


def index_of(lines: list[str], predicate: Callable[[str], object], what: str, code: str) -> int:
    for i, line in enumerate(lines):
        if predicate(collapse(line)):
            return i
    raise CardParseError(f"{code}: {what} not found")


def parse_card(code: str, lines: list[str]) -> tuple[ActivityCard, list[str]]:
    """Parse one card; return it together with its goal texts ("SCn name")."""
    header = index_of(lines, lambda s: s.startswith(HEADER_PREFIX), "running header", code)
    karta = index_of(lines, lambda s: s == KARTA, "KARTA ROZVOJOVÉ AKTIVITY", code)
    period_at = index_of(lines, PERIOD_RE.match, "period (Doba realizace)", code)
    goals_at = index_of(lines, GOAL_LINE_RE.match, "strategic goal (SCn)", code)
    period = collapse(lines[period_at]).replace(" ", "")

    if karta > header + 1 and period_at < header:
        # Layout A: description, responsibility, financing, period, HEADER, name, KARTA,
        # services, targets, goals.  Responsibility/financing are single short lines here.
        name = join_lines(lines[header + 1 : karta])
        responsibility, financing = (collapse(x) for x in lines[period_at - 2 : period_at])
        description = join_lines(lines[: period_at - 2])
        services_end = service_block_end(lines, karta + 1)
        services = join_lines(lines[karta + 1 : services_end])
        targets = join_lines(lines[services_end:goals_at])
        goal_texts, rest = take_goals(lines, goals_at)
        if rest != len(lines):
            raise CardParseError(f"{code}: unexpected lines after the goals")
    elif karta == header + 1 and period_at > goals_at:
        # Layout B: services, HEADER, KARTA, name, goals, targets, period, responsibility,
        # financing, description.
        services = join_lines(lines[:header])
        name = join_lines(lines[karta + 1 : goals_at])
        goal_texts, targets_at = take_goals(lines, goals_at)
        targets = join_lines(lines[targets_at:period_at])
        responsibility, at = take_value(lines, period_at + 1)
        financing, at = take_value(lines, at)
        description = join_lines(lines[at:])
    elif karta == header + 1 and period_at == 0:
        # Layout C: period, responsibility, financing, description, services, HEADER,
        # KARTA, name, goals, targets.
        responsibility, at = take_value(lines, 1)
        financing, at = take_value(lines, at)
        services_at = service_block_start(lines, header)
        description = join_lines(lines[at:services_at])
        services = join_lines(lines[services_at:header])
        name = join_lines(lines[karta + 1 : goals_at])
        goal_texts, targets_at = take_goals(lines, goals_at)
        targets = join_lines(lines[targets_at:])
    else:
        raise CardParseError(f"{code}: unknown card layout")

    card = ActivityCard(
        code=code,
        name=name,
        goals=list(dict.fromkeys(text.split()[0] for text in goal_texts)),
        # A05-01 ends its list with a dangling comma ("…, osoby ohrožené závislostí,").
        target_groups=targets.rstrip(" ,"),
        service_types=service_paragraphs(services),
        service_types_text=services,
        period=period,
        responsibility=responsibility,
        financing=financing,
        description=description,
    )
    return card, goal_texts


def strategic_goals(goal_texts: list[str]) -> list[dict[str, str]]:
    """Name each SC goal by its most frequent spelling in the cards (ties: the longest)."""
    spellings: dict[str, Counter[str]] = {}
    for text in goal_texts:
        code, _, name = text.partition(" ")
        spellings.setdefault(code, Counter())[name] += 1
    return [
        {"code": code, "name": max(names, key=lambda n: (names[n], len(n)))}
        for code, names in sorted(spellings.items(), key=lambda item: int(item[0][2:]))
    ]


def validate(cards: list[ActivityCard]) -> list[str]:
    errors = []
    codes = Counter(card.code for card in cards)
    errors += [f"duplicate code {code}" for code, n in codes.items() if n > 1]
    for card in cards:
        if not CODE_RE.match(card.code):
            errors.append(f"bad code {card.code!r}")
        if not card.name:
            errors.append(f"{card.code}: missing name")
        if not card.goals:
            errors.append(f"{card.code}: no strategic goal")
        for field in ("target_groups", "period", "responsibility", "financing", "description"):
            if not getattr(card, field):
                errors.append(f"{card.code}: empty {field}")
    return errors


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_INPUT
    cards: list[ActivityCard] = []
    goal_texts: list[str] = []
    errors: list[str] = []
    for code, lines in split_cards(source.read_text(encoding="utf-8")):
        try:
            card, texts = parse_card(code, lines)
        except CardParseError as exc:
            errors.append(str(exc))
            continue
        cards.append(card)
        goal_texts += texts
    cards.sort(key=lambda card: card.code)
    errors += validate(cards)

    goals = strategic_goals(goal_texts)
    per_goal = Counter(goal for card in cards for goal in card.goals)
    print(f"{len(cards)} activity cards")
    for goal in goals:
        print(f"  {goal['code']:>4}: {per_goal[goal['code']]:2d} cards  {goal['name']}")
    if errors:
        print("VALIDATION FAILED (fixture not written):", *errors, sep="\n  ", file=sys.stderr)
        return 1

    payload = {
        "source": SOURCE,
        "strategic_goals": goals,
        "activity_cards": [asdict(card) for card in cards],
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {OUTPUT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The current call's edited decision letter: the regional office rewrote the opening
paragraph and added one on where to ask, five days ago, before its decisions; the decision
PDFs are rendered when the demo's transaction commits, so they are made from it and name
its version."""

import datetime as dt
from typing import Any

from django.utils import timezone

from backend.calls.models import Call
from backend.demo.replay import at, prague
from backend.letters.kinds import LetterKind
from backend.letters.models import LetterVersion
from backend.letters.services import letter_version_create

DECISION_TEXT = """\
Na základě usnesení orgánu kraje ({{ deciding_body }}) č. {{ resolution_number }} ze dne \
{{ resolution_date }} Vám sdělujeme rozhodnutí o rozvojovém záměru č. {{ plan_number }} \
– {{ service_name }} pro období sítě {{ period }}.

Rozhodnutí je zveřejněno v registru základní sítě sociálních služeb. S dotazy se obracejte \
na {{ office_name }}.

Výsledek:"""


def load_letters(users: dict[str, Any], call: Call) -> LetterVersion:
    """The edited decision letter of `call`, saved by `kraj` five days ago."""
    moment = timezone.localdate() - dt.timedelta(days=5)
    with at(prague(moment.year, moment.month, moment.day, 14)):
        return letter_version_create(
            call=call, kind=LetterKind.DECISION, text=DECISION_TEXT, by=users["kraj"]
        )

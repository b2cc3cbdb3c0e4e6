"""The demo's existing network (`backend/demo/data/network_2024_2026.csv`): the file is what
its generator makes, about 300 services of about 120 providers over the 10 ORPs, and every
row passes the registry's own rules (IČ, registration number, the forms each § allows)."""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from backend.demo import network_file
from backend.registry.models import ServiceType
from backend.registry.validators import is_valid_ico, validate_registration_number

FILE = Path(settings.BASE_DIR) / "backend" / "demo" / "data" / "network_2024_2026.csv"
FORMS = {"pobytová": "residential", "ambulantní": "outpatient", "terénní": "field"}
UNITS = {"lůžka": "beds", "úvazky": "fte", "místa": "places", "bytové jednotky": "flats"}


def test_the_shipped_file_is_the_generators() -> None:
    assert FILE.read_bytes().decode("utf-8") == network_file.csv_text()
    assert FILE.read_bytes().startswith(b"\xef\xbb\xbf")  # as Czech Excel saves UTF-8


@pytest.mark.django_db
def test_every_row_passes_the_registrys_rules() -> None:
    rows = network_file.rows()
    assert len(rows) == 300
    assert 100 <= len({row[0] for row in rows}) <= 130
    assert {row[8].split(", ")[0] for row in rows} == {code for code, _ in network_file.ORPS}
    numbers = Counter(row[3] for row in rows)
    assert numbers.most_common(1)[0][1] == 1
    types = {service_type.paragraph: service_type for service_type in ServiceType.objects.all()}
    for row in rows:
        assert is_valid_ico(row[0]), row
        validate_registration_number(row[3])
        service_type = types[row[5]]
        assert FORMS[row[6]] in service_type.forms, row
        assert UNITS[row[7]] == service_type.unit_for_form(FORMS[row[6]]), row
    assert {"8533092", "2480451"} <= set(numbers)  # the 2017 case's services among them

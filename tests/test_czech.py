"""The site speaks Czech by default: refusals and validation messages render translated."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from backend.machines.errors import TransitionForbidden
from backend.plans.validators import validate_council_resolution_number
from backend.registry.validators import validate_ico


def _message(validator: object, value: str, language: str) -> str:
    with translation.override(language), pytest.raises(ValidationError) as caught:
        validator(value)  # type: ignore[operator]  # a validator under test
    with translation.override(language):
        return caught.value.messages[0]


def test_the_default_language_is_czech() -> None:
    assert settings.LANGUAGE_CODE == "cs"


def test_ico_messages_are_translated() -> None:
    czech = _message(validate_ico, "265370036", "cs")
    assert czech != _message(validate_ico, "265370036", "en")
    assert "265370036" in czech
    assert "číslic" in czech
    assert "26672473" in _message(validate_ico, "26672473", "cs")
    assert "kontrolní" in _message(validate_ico, "26672473", "cs")


def test_resolution_number_message_is_translated() -> None:
    czech = _message(validate_council_resolution_number, "827-2017", "cs")
    assert "usnesení" in czech
    assert "827/2017" in czech


def test_refusal_reasons_are_translated_when_raised() -> None:
    with translation.override("cs"):
        error = TransitionForbidden()
    assert error.reasons == ["K provedení této akce nemáte oprávnění."]
    with translation.override("en"):
        assert TransitionForbidden().reasons == ["You are not allowed to perform this action."]


def test_dates_and_numbers_are_written_the_czech_way() -> None:
    import datetime as dt
    from decimal import Decimal

    from django.utils import formats

    from backend.core.deadlines import end_of_day, short_date

    with translation.override("cs"):
        assert short_date(dt.date(2017, 8, 29)) == "29. 8. 2017"
        assert formats.localize(Decimal("11.5")) == "11,5"
        closes = end_of_day(dt.date(2017, 8, 4))
        assert formats.date_format(closes, "DATETIME_FORMAT") == "4. 8. 2017 23:59:59"
    with translation.override("en"):
        assert short_date(dt.date(2017, 8, 29)) == "29 Aug 2017"


def test_every_message_has_a_czech_translation() -> None:
    import re

    po = (settings.BASE_DIR / "locale" / "cs" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    entries = po.split("\n\n")[1:]
    untranslated = [e for e in entries if re.search(r'msgstr ""\s*$', e) or "#, fuzzy" in e]
    assert untranslated == []
    assert (settings.BASE_DIR / "locale" / "cs" / "LC_MESSAGES" / "django.mo").exists()

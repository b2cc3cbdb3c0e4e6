"""The site speaks Czech by default: refusals and validation messages render translated."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from backend.plans.validators import validate_council_resolution_number
from backend.registry.validators import validate_ico
from workflows.errors import TransitionForbidden


def _message(validator: object, value: str, language: str) -> str:
    with translation.override(language), pytest.raises(ValidationError) as caught:
        validator(value)  # type: ignore[operator]
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

"""Identifiers of the domain: IČ (mod 11), the service registration number, service forms."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from backend.registry.choices import ServiceForm
from backend.registry.validators import (
    ico_check_digit,
    is_valid_ico,
    validate_ico,
    validate_registration_number,
)
from tests import factories

REAL_ICOS = ["26672472", "65100654", "25755277", "26537036"]


@pytest.mark.parametrize("ico", REAL_ICOS)
def test_real_icos_are_valid(ico: str) -> None:
    validate_ico(ico)
    assert is_valid_ico(ico)


@pytest.mark.parametrize(
    ("first_seven", "check"),
    [
        ("2667247", 2),  # TULIPAN
        ("6510065", 4),
        ("0000001", 9),  # r = 1 × 2 = 2 → 11 − 2
    ],
)
def test_ico_check_digit(first_seven: str, check: int) -> None:
    assert ico_check_digit(first_seven) == check


def test_ico_check_digit_special_remainders() -> None:
    # r = 0 → 1 and r = 1 → 0 (not 11 and 10).
    assert ico_check_digit("0000000") == 1
    assert ico_check_digit("0000006") == 0  # r = 6 × 2 mod 11 = 1


def _error(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_ico(value)
    return caught.value


def test_nine_digit_ico_from_the_minutes_is_refused_with_a_clear_message() -> None:
    error = _error("265370036")  # Romodrom's IČ as printed in the 2017 minutes
    assert error.code == "ico_length"
    assert error.params == {"value": "265370036", "count": 9}
    with translation.override("en"):
        message = error.messages[0]
    assert "8 digits" in message
    assert "265370036" in message
    assert "9" in message


def test_wrong_check_digit_is_refused() -> None:
    error = _error("26672473")
    assert error.code == "ico_checksum"
    with translation.override("en"):
        assert "26672473" in error.messages[0]
        assert "check digit" in error.messages[0]


@pytest.mark.parametrize("value", ["", "2667247A", "ABCDEFGH", "2667 2472", "1234567"])
def test_malformed_icos_are_refused_as_length_errors(value: str) -> None:
    assert _error(value).code == "ico_length"
    assert not is_valid_ico(value)


def test_none_is_refused() -> None:
    assert _error(None).code == "ico_length"  # type: ignore[arg-type]  # None on purpose


@pytest.mark.django_db
def test_provider_full_clean_uses_the_ico_validator() -> None:
    provider = factories.ProviderFactory.build(ico="265370036")
    with pytest.raises(ValidationError) as caught:
        provider.full_clean()
    assert "ico" in caught.value.error_dict
    codes = [error.code for error in caught.value.error_dict["ico"]]
    # The model field's max_length (8) also complains; the IČ validator says why.
    assert "ico_length" in codes


@pytest.mark.parametrize("value", ["8533092", "2480451", "0000001"])
def test_registration_number_of_seven_digits_is_valid(value: str) -> None:
    validate_registration_number(value)


@pytest.mark.parametrize("value", ["853309", "85330921", "853309A", "", "853 3092"])
def test_registration_number_must_have_seven_digits(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_registration_number(value)
    assert caught.value.code == "registration_number"


@pytest.mark.django_db
class TestSocialServiceForm:
    def test_form_allowed_by_the_service_type_is_accepted(self) -> None:
        service = factories.SocialServiceFactory(registration_number="8533092")
        service.full_clean()

    @pytest.mark.parametrize(
        ("paragraph", "form"),
        [("51", ServiceForm.FIELD), ("69", ServiceForm.RESIDENTIAL), ("46", ServiceForm.FIELD)],
    )
    def test_form_not_allowed_by_the_service_type_is_refused(
        self, paragraph: str, form: str
    ) -> None:
        service_type = factories.service_type(paragraph)
        service = factories.SocialServiceFactory.build(
            provider=factories.ProviderFactory(),
            service_type=service_type,
            form=form,
            capacity_unit=service_type.unit_for_form(form),
        )
        with pytest.raises(ValidationError) as caught:
            service.full_clean()
        assert list(caught.value.error_dict) == ["form"]
        assert f"§ {paragraph}" in caught.value.error_dict["form"][0].messages[0]

    def test_invalid_registration_number_is_refused(self) -> None:
        service = factories.SocialServiceFactory.build(
            provider=factories.ProviderFactory(), registration_number="853309"
        )
        with pytest.raises(ValidationError) as caught:
            service.full_clean()
        assert list(caught.value.error_dict) == ["registration_number"]

    @pytest.mark.parametrize(
        ("paragraph", "form", "unit"),
        [
            ("51", ServiceForm.RESIDENTIAL, "beds"),
            ("69", ServiceForm.FIELD, "fte"),
            ("46", ServiceForm.OUTPATIENT, "places"),
            ("43", ServiceForm.FIELD, "flats"),
            ("70", ServiceForm.RESIDENTIAL, "beds"),
            ("70", ServiceForm.OUTPATIENT, "fte"),
            ("63", ServiceForm.OUTPATIENT, "fte"),  # a night shelter's default is beds
        ],
    )
    def test_capacity_unit_follows_the_form(self, paragraph: str, form: str, unit: str) -> None:
        assert factories.service_type(paragraph).unit_for_form(form) == unit

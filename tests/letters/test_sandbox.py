"""The sandbox refuses, with the line and the reason, what a letter may not do: tags that
load or include, unknown tags, filters and variables, attributes, syntax errors."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from backend.letters.kinds import LetterKind
from backend.letters.sandbox import render_text, text_problems
from backend.letters.services import letter_text_check
from backend.letters.variables import sample_variables

DECISION = LetterKind.DECISION


def problems(text: str, kind: str = DECISION) -> list[tuple[int, str]]:
    return [(p.line, p.reason) for p in text_problems(text=text, kind=kind)]


@pytest.mark.parametrize(
    "tag", ["load i18n", "include 'base.html'", "extends 'base.html'", "ssi '/etc/passwd'", "debug"]
)
def test_tags_that_load_or_include_are_refused_with_their_line(tag: str) -> None:
    text = "Vážení,\n\n{% " + tag + " %}\nText."
    [(line, reason)] = problems(text)
    assert line == 3
    assert "is not allowed in a letter" in reason
    assert tag.split()[0] in reason


def test_other_tags_are_unknown() -> None:
    [(line, reason)] = problems("A\n{% now 'Y' %}")
    assert line == 2 and "unknown tag {% now %}" in reason
    [(line, reason)] = problems("{% url 'admin:index' %}")
    assert "unknown tag {% url %}" in reason


def test_unknown_variables_and_attributes_are_refused() -> None:
    text = (
        "{{ provider_name }}\n{{ password }}\n{% if plan %}x{% endif %}\n{{ provider_name.upper }}"
    )
    assert problems(text) == [
        (2, "unknown variable {{ password }}"),
        (3, "unknown variable {{ plan }}"),
        (
            4,
            "{{ provider_name }} is used as it is: letters read no attributes (provider_name.upper)",
        ),
    ]


def test_a_variable_of_another_kind_is_unknown() -> None:
    assert problems("{{ verdict }}", DECISION) == [(1, "unknown variable {{ verdict }}")]
    assert problems("{{ verdict }}", LetterKind.OPINION) == []


def test_loop_and_with_variables_are_known_inside_only() -> None:
    text = (
        "{% for orp in orps %}{{ forloop.counter }}. {{ orp }}{% empty %}–{% endfor %}\n"
        "{% with name=provider_name|upper %}{{ name }}{% endwith %}\n{{ orp }}{{ name }}"
    )
    assert problems(text) == [(3, "unknown variable {{ orp }}"), (3, "unknown variable {{ name }}")]


def test_filter_arguments_are_checked_too() -> None:
    assert problems("{{ level|default:secret }}") == [(1, "unknown variable {{ secret }}")]
    assert problems('{{ resolution_date|date:"j. F Y" }}') == []


def test_filters_outside_the_list_are_refused() -> None:
    [(line, reason)] = problems("A\nB {{ provider_name|safe }}")
    assert line == 2 and "the filter |safe is not allowed" in reason


def test_syntax_errors_carry_the_line() -> None:
    [(line, reason)] = problems("A\nB\n{% if level %}open")
    assert line == 3 and "not a valid template" in reason


def test_the_check_raises_a_validation_error_per_field() -> None:
    with pytest.raises(ValidationError) as error:
        letter_text_check(kind=LetterKind.PLAN_DECIDED, text="{% load static %}", subject="")
    assert error.value.message_dict == {
        "text": ["Line 1: the tag {% load %} is not allowed in a letter"],
        "subject": ["This field is required."],
    }


def test_a_documented_text_renders_as_plain_text() -> None:
    text = (
        "{{ provider_name }} <b>&</b> {{ resolution_date }} {{ approved_capacity|floatformat:1 }}"
    )
    values = sample_variables(DECISION) | {"provider_name": "A & B <i>"}
    assert render_text(text=text, context=values) == "A & B <i> <b>&</b> 26 Sep 2017 15.0"
    with translation.override("cs"):
        assert render_text(text=text, context=values).endswith("26. 9. 2017 15,0")

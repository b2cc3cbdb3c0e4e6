"""The long choices render exactly what Django renders."""

from typing import Any

import pytest
from django import forms

from backend.core.long_choices import LongSelect

CHOICES = [
    ("", "---------"),
    (1, "Diakonie & Charita"),
    (2, 'Spolek "Naděje" <Liberec>'),
    (3, "Pečovatelská služba"),
]
GROUPED = [("", "—"), ("Liberec", [(1, "A & B"), (2, "C")]), ("Jablonec", [(3, "D")])]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, "", 2, "3", 99])
@pytest.mark.parametrize("attrs", [None, {"id": "id_provider", "required": True, "x": False}])
def test_long_select_renders_what_django_renders(choices, value, attrs):
    django_html = forms.Select(choices=choices).render("provider", value, attrs)
    ours = LongSelect(choices=choices).render("provider", value, attrs)
    assert ours == django_html


def test_long_select_in_a_form_renders_like_a_select():
    class Django(forms.Form):
        provider = forms.ChoiceField(choices=CHOICES, required=False)

    class Ours(forms.Form):
        provider = forms.ChoiceField(choices=CHOICES, required=False, widget=LongSelect)

    assert str(Ours({"provider": "2"})["provider"]) == str(Django({"provider": "2"})["provider"])
    assert 'value="2" selected' in str(Ours({"provider": "2"})["provider"])


@pytest.mark.django_db
def test_the_register_filter_lists_providers_as_django_would():
    from backend.network.filters import NetworkEntryFilter
    from backend.registry.models import Provider
    from tests.factories import ProviderFactory

    chosen = ProviderFactory(name="Spolek & syn")
    ProviderFactory(name="Álfa <o.p.s.>")
    ours = NetworkEntryFilter({"provider": str(chosen.pk)}).form["provider"]

    class Django(forms.Form):
        provider = forms.ModelChoiceField(Provider.objects.all(), required=False)

    django_field = Django({"provider": str(chosen.pk)})["provider"]
    assert str(ours.as_widget()) == str(django_field.as_widget())
    assert f'value="{chosen.pk}" selected>Spolek &amp; syn (IČ {chosen.ico})<' in str(
        ours.as_widget()
    )


@pytest.mark.django_db
def test_the_register_filter_still_checks_the_provider():
    from backend.network.filters import NetworkEntryFilter

    form = NetworkEntryFilter({"provider": "999999"}).form
    assert not form.is_valid()
    assert "provider" in form.errors


@pytest.mark.django_db
def test_every_long_select_of_the_register_filters_renders_as_django(region: Any) -> None:
    from backend.network.filters import NetworkEntryFilter

    form = NetworkEntryFilter({"level": "reserve", "orp": "1"}).form
    long_selects = {n: f for n, f in form.fields.items() if isinstance(f.widget, LongSelect)}
    assert {"period", "orp", "service_type", "level", "form", "provider"} <= set(long_selects)
    for name, field in long_selects.items():
        django_widget = forms.Select(attrs=field.widget.attrs)
        django_widget.choices = field.widget.choices
        for value in (None, "1", "reserve"):
            assert field.widget.render(name, value) == django_widget.render(name, value), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["orp", "provider"])
def test_a_long_select_field_renders_in_its_form_as_a_select_field(region: Any, name: str) -> None:
    """The form's field template wraps a select by its widget type (`longselect` too)."""
    from backend.network.filters import NetworkEntryFilter

    ours = str(NetworkEntryFilter({}).form[name].as_field_group())
    form = NetworkEntryFilter({}).form
    plain = forms.Select(attrs=form.fields[name].widget.attrs)
    plain.choices = form.fields[name].widget.choices
    form.fields[name].widget = plain
    assert str(form[name].as_field_group()) == ours
    assert 'class="gov-form-select"' in ours

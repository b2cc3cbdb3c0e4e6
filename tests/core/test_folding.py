"""The folded search columns: the database's folding (SQL) and the folding of the user's
words (Python) agree on every Czech and Slovak letter, in both cases."""

import pytest
from django.db import connection

from backend.core.folding import ALPHABET, ALPHABET_LOWER, _translate, fold
from backend.registry.models import Provider
from tests import factories

CZECH = "áčďéěíňóřšťúůýž"
SLOVAK = "äĺľôŕ"


def test_the_alphabet_holds_every_czech_and_slovak_letter_in_both_cases() -> None:
    assert set(CZECH + SLOVAK) <= set(ALPHABET_LOWER)
    assert set((CZECH + SLOVAK).upper()) <= set(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Česká", "ceska"), ("PEČOVATELSKÁ", "pecovatelska"), ("Ústí", "usti"), ("Müller", "muller")],
)
def test_a_term_is_folded_to_plain_lower_case(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.django_db
def test_sql_and_python_fold_every_letter_alike() -> None:
    """Through the stored column itself, so what the database computes is what a search
    compares with (run on PostgreSQL as well with a DATABASE_URL)."""
    text = f"{ALPHABET} Abc XYZ 0-9"
    provider = factories.ProviderFactory(name=text)
    stored = Provider.objects.values_list("name_folded", flat=True).get(pk=provider.pk)
    assert stored == fold(text)
    for letter in ALPHABET:
        assert stored[ALPHABET.index(letter)] == fold(letter), letter


def test_sqlite_translate_behaves_as_postgresqls() -> None:
    """A letter beyond the replacements is deleted; NULL stays NULL."""
    assert _translate("abcab", "abc", "x") == "xx"
    assert _translate(None, "a", "b") is None


def test_sqlite_connections_have_translate(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT LOWER(TRANSLATE(%s, %s, %s))", ["ŽLUŤOUČKÝ", "ŽŤČÝ", "ztcy"])
        assert cursor.fetchone()[0] == "zlutoucky"

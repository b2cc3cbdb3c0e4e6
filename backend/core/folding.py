"""Accent- and case-folding for search, in SQL and in Python, kept side by side.

People type "cesky" and "pecovatelska" and expect "Česká" and "Pečovatelská". A searched
text field gets a folded twin column that the database computes itself (`folded_field`,
a stored `GeneratedField`), so every write path — `save()`, `bulk_create` in the bench seed
and the imports, `QuerySet.update()` — keeps it current. A search folds the user's words with
`search_word` (`fold`, and a long word's final vowel left out: Czech inflects by the
ending) and compares them with `contains` to that column; on PostgreSQL a trigram index makes
that `LIKE '%…%'` an index scan (`trigram_index`, in the migrations that add the columns).

SQL folds the letters of `ALPHABET` with `TRANSLATE` and then lower-cases (SQLite's `lower()`
folds ASCII only, so the accented capitals are translated before it runs). PostgreSQL has
`translate()`; SQLite has not, and a `REPLACE` per letter (44 nested calls) overflows its
parser's stack at about 25, so each SQLite connection gets a deterministic `TRANSLATE` of
the same meaning (`sqlite_functions_register`). Letters outside the alphabet are stored as
typed; the tests check that SQL and `fold` agree on every letter of it.
"""

import functools
import unicodedata
from typing import TYPE_CHECKING, Any

from django.db import migrations, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F, Func, Value

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

# Czech and Slovak, and the German umlauts of the border region's names; lower case.
ALPHABET_LOWER = "áäčďéěíĺľňóôöŕřšťúůüýž"
ALPHABET = ALPHABET_LOWER + ALPHABET_LOWER.upper()


def fold(text: str) -> str:
    """The user's search term as the folded columns hold text: accents dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Czech inflects by the ending ("český", "česká", "českého"): a searched word of this many
# letters or more is looked for without its final vowel, so "cesky" finds "Česká".
STEMMED_FROM = 5
VOWELS = "aeiouy"


def search_word(word: str) -> str:
    """One word of a search as it is looked for in the folded columns: `fold`ed, and a
    long word without the vowel it ends in."""
    folded = fold(word)
    if len(folded) >= STEMMED_FROM and folded[-1] in VOWELS:
        return folded[:-1]
    return folded


class Folded(Func):
    """`LOWER(TRANSLATE(expression, letters, plain))`. The letters are arguments, so that
    the migrations record them and a changed alphabet is a new migration."""

    template = "LOWER(TRANSLATE(%(expressions)s))"
    output_field = models.TextField()

    def __init__(self, expression: Any, *, letters: str, plain: str) -> None:
        super().__init__(expression, Value(letters), Value(plain))


def folded(field_name: str) -> Folded:
    """The SQL expression of `field_name` folded: each letter of the alphabet to its `fold`."""
    return Folded(
        F(field_name), letters=ALPHABET, plain="".join(fold(letter) for letter in ALPHABET)
    )


def folded_field(field_name: str, *, verbose_name: "_StrOrPromise") -> models.GeneratedField:
    """A stored column holding `folded(field_name)`, maintained by the database."""
    return models.GeneratedField(
        expression=folded(field_name),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name=verbose_name,
    )


@functools.lru_cache(maxsize=8)
def _table(letters: str, plain: str) -> dict[int, int | None]:
    """As PostgreSQL's `translate()`: a letter beyond `plain` is deleted, the first of a
    repeated letter counts."""
    table: dict[int, int | None] = {}
    for i, letter in enumerate(letters):
        table.setdefault(ord(letter), ord(plain[i]) if i < len(plain) else None)
    return table


def _translate(text: str | None, letters: str | None, plain: str | None) -> str | None:
    if text is None or letters is None or plain is None:
        return None
    return text.translate(_table(letters, plain))


def sqlite_functions_register(*, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: SQLite's `TRANSLATE`, deterministic (a generated
    column may only call such functions)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("TRANSLATE", 3, _translate, deterministic=True)


def trigram_index(*, table: str, column: str, name: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, `pg_trgm` and a trigram GIN index on a folded
    column, so that `contains` (`LIKE '%…%'`) reads the index instead of every row. A no-op
    on SQLite, which has no such index (the embedded default holds a small region's data)."""

    def create(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f'CREATE INDEX "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
            )

    def drop(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)

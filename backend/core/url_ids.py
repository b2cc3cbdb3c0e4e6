"""The `<id:…>` path converter for object ids in URLs.

Django's `<id:…>` takes any number of digits; an id beyond the database's 64-bit range then
reaches the query, where a lookup through a foreign key is not range-checked and SQLite
raises an OverflowError (a 500 the API fuzzing found). Eighteen digits cover every id the
database can hold in practice (up to 10^18 − 1 of 2^63 − 1); a longer one matches no route,
so the answer is the usual 404.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")

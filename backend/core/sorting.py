"""Paged lists that give every row one place.

A list sorted by a column many rows share (a plan's state, a municipality's name: Czechia
has dozens of "Lhota") is read a page at a time, each page its own query. The database
orders equal rows as its plan happens to, and the plans of two pages' queries can differ
(PostgreSQL's top-N sort for page one, a full sort for page five): a list sorted by state
repeated some plans on the next page and never showed others. So every paged list ends
its order, whatever set it (the user's sort, the view, the model's default), with the
primary key.
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import OrderBy, QuerySet

UNIQUE_TERMS = {"pk", "-pk", "id", "-id"}


def with_tie_break(terms: Sequence[Any]) -> list[Any]:
    """`terms` with the primary key last (in the last term's direction) unless they sort by
    it already."""
    terms = list(terms)
    if not terms or any(isinstance(term, str) and term in UNIQUE_TERMS for term in terms):
        return terms
    last = terms[-1]
    descending = last.descending if isinstance(last, OrderBy) else str(last).startswith("-")
    return [*terms, "-pk" if descending else "pk"]


def stably_ordered(queryset: QuerySet) -> QuerySet:
    """The queryset in its order, ties broken by the primary key. An unordered queryset is
    left as it is (Django's paginator warns of it), and so is a UNION, which orders by
    its own columns (the inbox's tasks name a unique key last)."""
    query = queryset.query
    if query.combinator or query.extra_order_by or not queryset.ordered:
        return queryset
    terms = query.order_by or (queryset.model._meta.ordering if query.default_ordering else [])
    return queryset.order_by(*with_tie_break(terms))

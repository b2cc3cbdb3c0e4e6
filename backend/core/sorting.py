"""Sorted lists that page the same way every time.

A list sorted by a column many rows share (a plan's state, a provider's name) must still
give every row exactly one place: otherwise the database orders the ties as its plan
happens to, the plans of two pages' queries can differ (PostgreSQL's top-N sort for page
one, a full sort for page five), and a list sorted by state repeated some plans on the next
page and never showed others. So every user-chosen sort ends with the primary key.
"""

from collections.abc import Sequence
from typing import Any

import django_filters
from django.db.models import OrderBy, QuerySet
from django_filters.constants import EMPTY_VALUES

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


class StableOrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort of the HTML lists, ties broken by the primary key."""

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        terms = [self.get_ordering_value(param) for param in value if param not in EMPTY_VALUES]
        return qs.order_by(*with_tie_break(terms))

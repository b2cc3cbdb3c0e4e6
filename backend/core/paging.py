"""Pages of long lists without counting every row on every request.

An exact `COUNT(*)` reads every row a user may see: 7.5 ms for the regional office's
100 000 plans, 56 ms for 1 000 000 (issue 23), on every page of every list, while the page
itself reads fifty. So a list is counted exactly up to `EXACT_COUNT_UP_TO` rows (a count
over `LIMIT EXACT_COUNT_UP_TO + 1`, which stops there); above it, PostgreSQL's planner
estimate is shown as "about N" (never less than the rows counted). SQLite has no estimate:
there the count stays exact, as the embedded default's lists are small. The page itself
reads one row more than it shows, so "next" is exact whatever the estimate says.
"""

import json
from typing import Any, Protocol, runtime_checkable

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

from backend.core.sorting import stably_ordered

EXACT_COUNT_UP_TO = 10_000


def _keys(queryset: QuerySet) -> QuerySet:
    """The rows to count, unordered: only their keys, as a sliced count keeps the select
    list (annotations, a score, included). A UNION keeps its parts' few columns, which
    cannot be narrowed from outside."""
    rows = queryset.order_by()
    return rows if rows.query.combinator else rows.values("pk")


def planner_estimate(queryset: QuerySet) -> int | None:
    """The rows PostgreSQL's planner expects `queryset` to return; None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    plan = json.loads(_keys(queryset).explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


@runtime_checkable
class Estimable(Protocol):
    """A list other than a queryset that counts itself as `count_or_estimate` does (the
    inbox's `Worklist`), so that `EstimatingPaginator` need not count it exactly."""

    def count_or_estimate(self) -> tuple[int, bool]: ...


def count_or_estimate(queryset: QuerySet) -> tuple[int, bool]:
    """(the number of rows, whether it is exact): exact up to `EXACT_COUNT_UP_TO`, above it
    the planner's estimate where the database has one, else exact."""
    keys = _keys(queryset)
    if connections[queryset.db].vendor != "postgresql":
        return keys.count(), True  # no estimate to fall back on: one exact count
    counted = keys[: EXACT_COUNT_UP_TO + 1].count()
    if counted <= EXACT_COUNT_UP_TO:
        return counted, True
    estimate = planner_estimate(queryset)
    return max(estimate or 0, counted), False


class EstimatedPage(Page):
    """A page of a list whose count is an estimate: it knows from the row read past its
    end whether another page follows."""

    more: bool = False

    def has_next(self) -> bool:
        return self.more


class StablePaginator(Paginator):
    """Django's paginator over a queryset ordered to the last row
    (`backend.core.sorting.stably_ordered`): no row on two pages, none on none."""

    def __init__(self, object_list: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(object_list, QuerySet):
            object_list = stably_ordered(object_list)
        super().__init__(object_list, *args, **kwargs)


class EstimatingPaginator(StablePaginator):
    """The stable paginator with `count_or_estimate` for querysets; exact lists (and
    querysets up to `EXACT_COUNT_UP_TO` rows) page exactly as Django's."""

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        if isinstance(self.object_list, QuerySet):
            return count_or_estimate(self.object_list)
        if isinstance(self.object_list, Estimable):
            return self.object_list.count_or_estimate()
        return len(self.object_list), True

    @cached_property
    def count(self) -> int:
        return self._counted[0]

    @property
    def count_estimated(self) -> bool:
        """Whether `count` is the planner's estimate (templates show "about N"; Django's own
        paginator has no such attribute, which a template reads as false)."""
        return not self._counted[1]

    def validate_number(self, number: Any) -> int:
        if not self.count_estimated:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number: Any) -> Page:
        if not self.count_estimated:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        page = EstimatedPage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def get_page(self, number: Any) -> Page:
        """As Django's: a page past the end shows the last one (found by an exact count, paid
        only by such a URL, when the count was estimated)."""
        try:
            return super().get_page(number)
        except EmptyPage:
            rows = self.object_list
            total = rows.count() if isinstance(rows, QuerySet) else len(rows)
            last = -(-total // self.per_page)
            return self.page(max(last, 1))

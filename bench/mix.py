"""The realistic read mix of the graded list rows (issue 23): what people of every role load.

One URL repeated measures one list, warm in every cache the database has; users send many.
So each graded row replays a file of
requests (`ROWS`) drawn from a seeded random generator over the seeded users of every role
(the regional officer, each ORP's municipal officer and council secretary, a sample of the
providers), their filters, sort orders, page sizes and pages, over the API (token) and the
HTML pages (signed-in session). `bench/mix.lua` makes wrk replay a file, each thread from its
own offset.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.mix --out var/bench/mix
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import django

if __name__ == "__main__":
    django.setup()

# Distinct requests per row: several times what a 10 s row sends at the fastest, so a
# request comes back only as often as it would in life.
REQUESTS_PER_ROW = 20_000
PROVIDER_USERS = 60  # a sample of the providers' users, each with a token and a session
SEED = 23


@dataclass(frozen=True)
class Viewer:
    """A seeded user as the load presents them: token for the API, cookie for the pages."""

    username: str
    role: str  # "region", "municipality", "council" or "provider"
    token: str
    cookie: str


@dataclass(frozen=True)
class Lookups:
    """The values the filters take, read once from the seeded database."""

    states: list[str]
    orps: list[tuple[int, str]]  # (pk, ČSÚ code): the pages filter by pk, the API by code
    types: list[tuple[int, str]]  # (pk, §)
    calls: list[int]
    periods: list[int]
    words: list[str]  # search words as people type them, with and without accents
    plans_of: dict[str, list[int]]  # plans each viewer may open (a sample)
    plan_totals: dict[str, int]  # how many plans each viewer sees
    task_totals: dict[str, int]  # how many tasks each viewer's inbox has
    register_total: int


def viewers() -> list[Viewer]:
    from backend.accounts.models import User
    from bench.load import api_token, session_cookie

    names = list(
        User.objects.filter(username__startswith="bench.")
        .exclude(username__startswith="bench.p")
        .order_by("username")
        .values_list("username", flat=True)
    )
    providers = list(
        User.objects.filter(username__startswith="bench.p")
        .order_by("pk")
        .values_list("username", flat=True)
    )
    rng = random.Random(SEED)
    names += rng.sample(providers, min(PROVIDER_USERS, len(providers)))
    roles = {"kraj": "region", "obec": "municipality", "rada": "council"}
    return [
        Viewer(
            username=name,
            role=roles.get(name.split(".")[1], "provider"),
            token=api_token(name),
            cookie=session_cookie(name),
        )
        for name in names
    ]


def lookups(people: list[Viewer]) -> Lookups:
    from backend.accounts.models import User
    from backend.calls.models import Call, NetworkPeriod
    from backend.machines.plan_review.states import PlanState
    from backend.network.selectors import entry_list_public
    from backend.plans.selectors import plan_list_for_user
    from backend.plans.worklist import worklist_refs_for_user
    from backend.registry.models import Orp, ServiceType

    type_words = {
        word
        for name in ServiceType.objects.values_list("name", flat=True)
        for word in name.split()
        if len(word) > 5
    }
    folded = {_fold(word) for word in type_words}
    users = User.objects.in_bulk([p.username for p in people], field_name="username")
    visible = {p.username: plan_list_for_user(user=users[p.username]) for p in people}
    return Lookups(
        states=list(PlanState.values),
        orps=list(Orp.objects.order_by("code").values_list("pk", "code")),
        types=list(ServiceType.objects.order_by("sort_key").values_list("pk", "paragraph")),
        calls=list(Call.objects.order_by("pk").values_list("pk", flat=True)),
        periods=list(NetworkPeriod.objects.order_by("pk").values_list("pk", flat=True)),
        words=sorted(type_words | folded | {"poskytovatel", "Poskytovatel 0042"}),
        plans_of={
            name: list(plans.order_by("?").values_list("pk", flat=True)[:200])
            for name, plans in visible.items()
        },
        plan_totals={name: plans.count() for name, plans in visible.items()},
        task_totals={
            p.username: len(worklist_refs_for_user(user=users[p.username])) for p in people
        },
        register_total=entry_list_public().count(),
    )


def _fold(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _maybe(rng: random.Random, p: float, values: list) -> object | None:
    return rng.choice(values) if values and rng.random() < p else None


def _query(pairs: dict[str, object]) -> str:
    query = urlencode({k: v for k, v in pairs.items() if v is not None})
    return f"?{query}" if query else ""


def _page(rng: random.Random, total: int, size: int, filters: dict[str, object]) -> int:
    """Most people stay on the first pages, a few page deep; only to a page that exists
    (the API answers 404 past the last: cheaper than a page, it would flatter the row). A
    filtered list's size is not known here: its first page, which always exists."""
    last = -(-total // size) if not any(v is not None for v in filters.values()) else 1
    return min(rng.choice([1, 1, 1, 1, 2, 2, 3, 5, 10, 40]), max(last, 1))


REGISTER_PAGE_SIZE = 50  # backend/web/network/views.py


def _plan_filters(rng: random.Random, v: Viewer, k: Lookups, *, api: bool) -> dict[str, object]:
    """A viewer's filters of the plan list: the API takes ORP codes and §, the page keys."""
    return {
        "state": _maybe(rng, 0.6, k.states),
        "orp": _maybe(rng, 0.3, [code if api else pk for pk, code in k.orps]),
        "service_type": _maybe(rng, 0.2, [par if api else pk for pk, par in k.types]),
        "call": _maybe(rng, 0.3, k.calls),
        "q": _maybe(rng, 0.15, k.words),
        "owner": _maybe(rng, 0.15, ["mine", "unassigned"]) if v.role != "provider" else None,
    }


def _register_filters(rng: random.Random, k: Lookups, *, api: bool) -> dict[str, object]:
    return {
        "period": _maybe(rng, 0.5, k.periods),
        "orp": _maybe(rng, 0.4, [code if api else pk for pk, code in k.orps]),
        "service_type": _maybe(rng, 0.3, [par if api else pk for pk, par in k.types]),
    }


def _plans_api(rng: random.Random, v: Viewer, k: Lookups) -> str:
    filters = _plan_filters(rng, v, k, api=True)
    size = rng.choice([25, 50, 50, 100])
    return "/api/v1/plans/" + _query(
        {
            **filters,
            "ordering": _maybe(rng, 0.4, ["-submitted_at", "state", "-capacity_requested", "id"]),
            "page": _page(rng, k.plan_totals[v.username], size, filters),
            "page_size": size,
        }
    )


def _plans_page(rng: random.Random, v: Viewer, k: Lookups) -> str:
    from backend.web.plans.listing import PAGE_SIZE

    filters = _plan_filters(rng, v, k, api=False)
    return "/plans/" + _query(
        {
            **filters,
            "sort": _maybe(rng, 0.4, ["-submitted", "provider", "state", "-capacity", "number"]),
            "page": _page(rng, k.plan_totals[v.username], PAGE_SIZE, filters),
        }
    )


def _register_api(rng: random.Random, v: Viewer, k: Lookups) -> str:
    filters = _register_filters(rng, k, api=True)
    size = rng.choice([25, 50, 100])
    return "/api/v1/register/" + _query(
        {
            **filters,
            "ordering": _maybe(rng, 0.3, ["capacity", "-capacity"]),
            "page": _page(rng, k.register_total, size, filters),
            "page_size": size,
        }
    )


def _register_page(rng: random.Random, v: Viewer, k: Lookups) -> str:
    filters = _register_filters(rng, k, api=False)
    return "/register/" + _query(
        {
            **filters,
            "sort": _maybe(rng, 0.3, ["provider", "-capacity", "type"]),
            "page": _page(rng, k.register_total, REGISTER_PAGE_SIZE, filters),
        }
    )


def _inbox_filters(rng: random.Random, v: Viewer) -> dict[str, object]:
    return {"cases": _maybe(rng, 0.4, ["mine", "unassigned"]) if v.role != "provider" else None}


def _inbox_api(rng: random.Random, v: Viewer, k: Lookups) -> str:
    filters = _inbox_filters(rng, v)
    page = _page(rng, k.task_totals[v.username], 50, filters)
    return "/api/v1/me/inbox/" + _query({**filters, "page": page, "page_size": 50})


def _inbox_page(rng: random.Random, v: Viewer, k: Lookups) -> str:
    from backend.web.views import TASKS_PER_PAGE

    filters = _inbox_filters(rng, v)
    page = _page(rng, k.task_totals[v.username], TASKS_PER_PAGE, filters)
    return "/" + _query({**filters, "page": page})


def _plan_detail_page(rng: random.Random, v: Viewer, k: Lookups) -> str:
    return f"/plans/{rng.choice(k.plans_of[v.username])}/"


Path_ = Callable[[random.Random, Viewer, Lookups], str]
# name -> (the path of a viewer's next request, API or page, public)
ROWS: dict[str, tuple[Path_, str, bool]] = {
    "plans list (API)": (_plans_api, "api", False),
    "register list (API)": (_register_api, "api", True),
    "inbox (API)": (_inbox_api, "api", False),
    "plan list (page)": (_plans_page, "page", False),
    "register (page)": (_register_page, "page", True),
    "inbox: home page": (_inbox_page, "page", False),
    "plan detail (page)": (_plan_detail_page, "page", False),
}


def requests_of(
    name: str, people: list[Viewer], k: Lookups, count: int = REQUESTS_PER_ROW
) -> Iterator[str]:
    """The row's requests as lines of `bench/mix.lua`: the path, then `Name: value` headers,
    separated by tabs."""
    path_of, kind, public = ROWS[name]
    rng = random.Random(f"{SEED}:{name}")
    # The regional office works the lists hardest; every role is in the mix.
    weights = [
        {"region": 8, "municipality": 2, "council": 1, "provider": 1}[p.role] for p in people
    ]
    for _ in range(count):
        viewer = rng.choices(people, weights)[0]
        if name == "plan detail (page)" and not k.plans_of[viewer.username]:
            continue
        path = path_of(rng, viewer, k)
        headers = {"Accept-Language": "cs"}
        if kind == "api":
            headers["Accept"] = "application/json"
            if not public:
                headers["Authorization"] = f"Token {viewer.token}"
        else:
            headers["Accept"] = "text/html"
            headers["Cookie"] = viewer.cookie
        yield "\t".join([path, *(f"{n}: {v}" for n, v in headers.items())])


def write_mix(out: Path) -> dict[str, Path]:
    """One file of requests per row in `out`; returns them by row name."""
    out.mkdir(parents=True, exist_ok=True)
    people = viewers()
    k = lookups(people)
    files = {}
    for index, name in enumerate(ROWS):
        path = out / f"mix-{index}.tsv"
        path.write_text("\n".join(requests_of(name, people, k)) + "\n")
        files[name] = path
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/bench/mix"))
    args = parser.parse_args()
    for name, path in write_mix(args.out).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()

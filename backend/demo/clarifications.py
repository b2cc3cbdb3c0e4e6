"""The demo's thread: on TULIPAN's plan of the current call that the office returned for
completion, an internal note of the regional office and a question shared with the
provider, which TULIPAN answered (the answer waits unread for the office)."""

import datetime as dt
from typing import Any

from django.utils import timezone

from backend.calls.models import Call
from backend.clarifications.models import Audience
from backend.clarifications.services import message_mark_read, message_post
from backend.demo.replay import at, prague
from backend.plans.models import DevelopmentPlan


def load_clarifications(users: dict[str, Any], call: Call) -> None:
    """A thread on the current call's plan of TULIPAN (its social rehabilitation)."""
    plan = (
        DevelopmentPlan.objects.filter(call=call, provider__memberships__user=users["tulipan"])
        .order_by("pk")
        .first()
    )
    if plan is None:
        return
    today = timezone.localdate()

    def moment(offset: int, hour: int) -> dt.datetime:
        day = today + dt.timedelta(days=offset)
        return prague(day.year, day.month, day.day, hour)

    kraj, tulipan = users["kraj"], users["tulipan"]
    with at(moment(-8, 10)):
        message_post(
            plan=plan,
            by=kraj,
            audience=Audience.INTERNAL,
            body="Navýšení o 1 úvazek je v souladu s akčním plánem, ale personální "
            "zajištění v žádosti chybí. Než rozhodneme, ověřit, zda mají pracovníka přijatého.",
        )
    with at(moment(-8, 11)):
        message_post(
            plan=plan,
            by=kraj,
            audience=Audience.PROVIDER,
            body="Dobrý den, máte pro navýšený úvazek sociální rehabilitace již vybraného "
            "pracovníka? Pokud ano, uveďte prosím jeho kvalifikaci a datum nástupu.",
        )
    with at(moment(-7, 14)):
        message_post(
            plan=plan,
            by=tulipan,
            audience=Audience.PROVIDER,
            body="Dobrý den, pracovnici máme vybranou: sociální pracovnice s VŠ vzděláním, "
            "nástup 1. 1. Pracovní smlouvu doložíme s doplněným záměrem.",
        )
        message_mark_read(plan=plan, by=tulipan)

from django.core.management.base import BaseCommand
from django.db import transaction

from backend.calls.models import Call
from backend.core.enqueue import inline_delivery
from backend.demo.announcements import load_announcements
from backend.demo.case_2017 import CALL_NAME, load_case_2017
from backend.demo.case_current import load_current_call
from backend.demo.casework import load_casework
from backend.demo.clarifications import load_clarifications
from backend.demo.configured_call import load_configured_call
from backend.demo.letters import load_letters
from backend.demo.network import load_existing_network
from backend.demo.organisations import create_organisations, create_people
from backend.demo.remedy import load_remedies
from backend.registry.municipalities import load_liberec_municipalities
from notifications.outbox import outbox_mark_all_processed


class Command(BaseCommand):
    help = (
        "Load the demo: the Liberec Region's 215 municipalities (ČSÚ codes), its existing "
        "network of 300 services imported from a spreadsheet and rolled over, the real 2017 "
        "Liberec case and a current open call with plans in every state. Idempotent: does "
        "nothing when the demo is already loaded."
    )

    def handle(self, *args: object, **options: object) -> None:
        if Call.objects.filter(name=CALL_NAME).exists():
            self.stdout.write("Demo data already loaded.")
            return
        # The replayed history notifies nobody: its events are marked processed, and nothing
        # is put on the broker meanwhile.
        with inline_delivery(), transaction.atomic():
            # By ČSÚ code: the seat towns the demo's people belong to are updated, not doubled.
            load_liberec_municipalities()
            providers, services = create_organisations()
            users = create_people(providers)
            # The network the region keeps in a spreadsheet, imported and rolled over into
            # the current call's period, as a regional office starts.
            load_existing_network(by=users["kraj"])
            load_case_2017(users, services)
            current = load_current_call(users, services)
            # A closed call set up with forms A/B/C, criteria and two assessors.
            load_configured_call(users, services)
            load_casework(users, current)
            load_remedies(users, services)
            load_clarifications(users, current)
            load_announcements(users, current)
            # Before the commit renders the decision letters: they are made from its text.
            load_letters(users, current)
            outbox_mark_all_processed()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

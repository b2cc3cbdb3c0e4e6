"""The admin of what the workflows move: plans and calls, whose admin actions run the same
actions as the pages and the API (so they sit here, above the apps they change), and the
workflows' own records (the transition log and the moved deadlines)."""

from workflows.admin import calls, plans, records

__all__ = ["calls", "plans", "records"]

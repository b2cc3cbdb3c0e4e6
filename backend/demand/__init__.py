"""Demand: the capacity needs municipalities (or the regional office on their behalf) state
per territory × § type × unit, with the document they come from (`docs/demand.md`)."""

"""A plan's one timeline: its state changes, field changes, moved deadlines and documents,
merged from the records the audit trail, the workflows and the documents keep, and read
through one selector (`selectors.plan_timeline`) by the plan's page and the API's `log/`."""

"""Who may look at the audit trail in the admin: regional officers (staff accounts of the
regional office) see the document access log and the field history, read-only."""

import rules

from backend.accounts.rules import is_regional_officer
from backend.audit.history import TRACKED

rules.add_perm("audit.view_attachmentaccess", is_regional_officer)
for _label in TRACKED:
    rules.add_perm(f"audit.view_historical{_label.split('.')[1].lower()}", is_regional_officer)

"""The permission matrix: who may do what, on which objects — declared once, here.

Rows are actions, columns are roles, each cell the scope of objects the role may act on.
`docs/security.md` is generated from this table (`manage.py security_matrix`), and
`tests/security/test_matrix.py` walks every cell through the web pages and the API, so a
rule in code that drifts from the table fails a test. The rules themselves live where they
are enforced (`*/rules.py`, `*/selectors.py`, the transitions' `permission=`); this is the
specification they are checked against.

How a cell reads:

- a scope (`own`, `territory`, `region`, `all`): the role may act on objects in that scope;
  an object of another provider, municipality or region is answered 404 (as if missing);
- `-`: the role may not act. The answer is 403 when the role may see the object (its
  `visible_in` row), 404 when it may not (nobody learns what exists outside their scope),
  an empty list for lists filtered by scope, and the login page for anonymous visitors.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict, Unpack


class Scope(StrEnum):
    OWN = "own"  # the user's provider's objects
    TERRITORY = "territory"  # submitted plans touching the municipality's ORP, its opinions
    REGION = "region"  # everything of the calls of the officer's region
    ALL = "all"  # every object, whoever owns it
    NONE = "-"


class Refusal(StrEnum):
    """What a role without the right gets."""

    FORBIDDEN = "403"  # 403 if the object is visible to the role, else 404
    GATED = "403 always"  # the page is for one role: 403 before the object is looked up
    EMPTY = "empty"  # a list filtered by scope: 200 with none of the objects
    ADMIN_LOGIN = "admin login"  # the Django admin's own login page, for everyone


# The columns; "anonymous" is not signed in, "no_role" is signed in without a membership.
ROLES = (
    "anonymous",
    "no_role",
    "provider_user",
    "municipal_officer",
    "council_secretary",
    "regional_officer",
)
ROLE_LABELS = {
    "anonymous": "anonymous",
    "no_role": "signed in, no role",
    "provider_user": "provider",
    "municipal_officer": "municipal officer",
    "council_secretary": "council secretary",
    "regional_officer": "regional officer",
}


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    cells: dict[str, Scope]
    web: tuple[str, ...] = ()  # URL names of the pages
    api: tuple[str, ...] = ()  # the API's method and path
    visible_in: str = ""  # the row deciding 403 vs 404 for a refused role (default: itself)
    refusal: Refusal = Refusal.FORBIDDEN
    note: str = ""

    def scope(self, role: str) -> Scope:
        return self.cells[role]


class _Details(TypedDict, total=False):
    """The optional fields of an `Action`."""

    web: tuple[str, ...]
    api: tuple[str, ...]
    visible_in: str
    refusal: Refusal
    note: str


def _action(key: str, label: str, cells: str, **details: Unpack[_Details]) -> Action:
    scopes = [Scope(cell) for cell in cells.split()]
    if len(scopes) != len(ROLES):
        raise ValueError(f"{key}: {len(scopes)} cells for {len(ROLES)} roles")
    return Action(key=key, label=label, cells=dict(zip(ROLES, scopes, strict=True)), **details)


# fmt: off
#        key                        label
#        cells: anonymous, no role, provider, municipal officer, council secretary, regional
MATRIX: tuple[Action, ...] = (
    # --- development plans -------------------------------------------------------------
    _action("plan.list", "List development plans",
            "- - own territory territory region",
            web=("plans:list",), api=("GET /api/v1/plans/",), refusal=Refusal.EMPTY,
            note="municipalities see plans once submitted"),
    _action("plan.export", "Export the plans list (CSV, XLSX)",
            "- - own territory territory region",
            web=("plans:export",), api=("GET /api/v1/plans/export/{fmt}/",),
            refusal=Refusal.EMPTY),
    _action("plan.view_draft", "View a draft plan",
            "- - own - - region",
            web=("plans:detail",), api=("GET /api/v1/plans/{id}/",)),
    _action("plan.view_submitted", "View a submitted plan, its history and opinions",
            "- - own territory territory region",
            web=("plans:detail",),
            api=("GET /api/v1/plans/{id}/", "GET /api/v1/plans/{id}/log/")),
    _action("plan.create", "Create a draft plan",
            "- - own - - -",
            web=("plans:create",), api=("POST /api/v1/plans/",), refusal=Refusal.GATED,
            note="only for the provider's own services"),
    _action("plan.edit", "Edit a draft or returned plan",
            "- - own - - -",
            web=("plans:edit",), api=("PATCH /api/v1/plans/{id}/",),
            visible_in="plan.view_draft"),
    _action("plan.submit", "Submit a draft",
            "- - own - - -",
            web=("plans:submit",), api=("POST /api/v1/plans/{id}/submit/",),
            visible_in="plan.view_draft"),
    _action("plan.withdraw", "Withdraw a plan before the decision",
            "- - own - - -",
            web=("plans:withdraw",), api=("POST /api/v1/plans/{id}/withdraw/",),
            visible_in="plan.view_submitted"),
    _action("plan.resubmit", "Resubmit a returned plan",
            "- - own - - -",
            web=("plans:resubmit",), api=("POST /api/v1/plans/{id}/resubmit/",),
            visible_in="plan.view_submitted"),
    _action("attachment.upload", "Upload an attachment to a draft or returned plan",
            "- - own - - -",
            web=("plans:attachment_upload",), api=("POST /api/v1/plans/{id}/attachments/",),
            visible_in="plan.view_draft"),
    _action("attachment.download", "Download a plan's attachment",
            "- - own territory territory region",
            web=("plans:attachment_download",),
            api=("GET /api/v1/plans/{id}/attachments/{attachment_id}/",),
            visible_in="plan.view_submitted"),
    _action("document.download", "Download a generated document (plan, opinion, decision)",
            "- - own territory territory region",
            web=("plans:document",),
            api=("GET /api/v1/documents/{id}/", "GET /api/v1/documents/{id}/file/"),
            visible_in="plan.view_submitted"),
    # --- questions and messages on a plan (backend/clarifications) ----------------------
    _action("message.list", "Read a plan's questions and messages",
            "- - own territory territory region",
            api=("GET /api/v1/plans/{id}/messages/",), visible_in="plan.view_submitted",
            note="on the web, the plan page shows them; each role only its audiences (below)"),
    _action("message.post_internal", "Write an internal note on a plan",
            "- - - - - region",
            web=("clarifications:post",), api=("POST /api/v1/plans/{id}/messages/",),
            visible_in="plan.view_submitted"),
    _action("message.post_provider", "Write a message shared with the provider",
            "- - own - - region",
            web=("clarifications:post",), api=("POST /api/v1/plans/{id}/messages/",),
            visible_in="plan.view_submitted"),
    _action("message.post_municipality", "Write a message shared with the municipalities",
            "- - - territory - region",
            web=("clarifications:post",), api=("POST /api/v1/plans/{id}/messages/",),
            visible_in="plan.view_submitted",
            note="municipalities: once the plan is submitted"),
    _action("message.mark_read", "Mark a plan's messages read",
            "- - own territory territory region",
            web=("clarifications:mark_read",), api=("POST /api/v1/plans/{id}/messages/read/",),
            visible_in="plan.view_submitted"),
    _action("message.view_internal", "Read an internal note (its attachment)",
            "- - - - - region",
            web=("clarifications:attachment",),
            api=("GET /api/v1/plans/{id}/messages/attachments/{attachment_id}/",),
            note="to anyone else it does not exist (404), in every page, list and notice"),
    _action("message.view_provider", "Read a message shared with the provider",
            "- - own - - region",
            web=("clarifications:attachment",),
            api=("GET /api/v1/plans/{id}/messages/attachments/{attachment_id}/",),
            note="not shown to the municipalities"),
    _action("message.view_municipality", "Read a message shared with the municipalities",
            "- - - territory territory region",
            web=("clarifications:attachment",),
            api=("GET /api/v1/plans/{id}/messages/attachments/{attachment_id}/",),
            note="not shown to the provider"),
    # --- municipal opinions and council resolutions ------------------------------------
    _action("opinion.view", "View a municipal opinion",
            "- - own territory territory region",
            api=("GET /api/v1/opinions/{id}/",), visible_in="plan.view_submitted",
            note="on the web, the plan page shows its opinions"),
    _action("opinion.draft", "Draft a municipal opinion",
            "- - - territory - -",
            web=("plans:opinion_draft",), api=("POST /api/v1/opinions/{id}/draft/",),
            visible_in="opinion.view"),
    _action("opinion.issue", "Issue an opinion (no council needed)",
            "- - - territory - -",
            web=("plans:opinion_issue",), api=("POST /api/v1/opinions/{id}/issue/",),
            visible_in="opinion.view"),
    _action("opinion.send_to_council", "Send an opinion to the council",
            "- - - territory - -",
            web=("plans:opinion_send_to_council",),
            api=("POST /api/v1/opinions/{id}/send-to-council/",),
            visible_in="opinion.view"),
    _action("opinion.record_resolution", "Record the council's resolution",
            "- - - - territory -",
            web=("plans:opinion_resolution",),
            api=("POST /api/v1/opinions/{id}/record-resolution/",),
            visible_in="opinion.view"),
    _action("resolution.view", "View a council resolution",
            "- - own territory territory region",
            api=("GET /api/v1/resolutions/{id}/",), visible_in="opinion.view",
            note="a provider sees the resolutions behind opinions on its plans"),
    # --- the regional decision ---------------------------------------------------------
    _action("plan.return", "Return a plan for completion",
            "- - - - - region",
            web=("plans:return",), api=("POST /api/v1/plans/{id}/return-for-completion/",),
            visible_in="plan.view_submitted"),
    _action("plan.decide", "Decide a plan",
            "- - - - - region",
            web=("plans:decide",), api=("POST /api/v1/plans/{id}/decide/",),
            visible_in="plan.view_submitted"),
    _action("plan.bulk_decide", "Decide many plans at once",
            "- - - - - region",
            web=("plans:bulk_decide",), refusal=Refusal.GATED,
            note="plans outside the region are skipped, never decided"),
    # --- casework: who owns a case, absences -------------------------------------------
    _action("plan.assign", "Claim, assign or unassign a submitted plan",
            "- - - - - region",
            web=("casework:plan_assign",), api=("POST /api/v1/plans/{id}/assign/",),
            visible_in="plan.view_submitted",
            note="to an officer of the plan's regional office"),
    _action("plan.bulk_assign", "Assign many plans at once",
            "- - - - - region",
            web=("casework:bulk_assign",), api=("POST /api/v1/plans/assign/",),
            refusal=Refusal.GATED,
            note="plans outside the region are skipped, never assigned"),
    _action("opinion.assign", "Claim, assign or unassign a municipal opinion",
            "- - - territory - -",
            web=("casework:opinion_assign",), api=("POST /api/v1/opinions/{id}/assign/",),
            visible_in="opinion.view",
            note="to an officer of the same municipality"),
    _action("absence.record", "Record one's absence and substitute",
            "- - - own - own",
            web=("casework:absences",), api=("POST /api/v1/me/absences/",),
            refusal=Refusal.GATED,
            note="officers only; the substitute is a colleague in the same office and role"),
    # --- calls -------------------------------------------------------------------------
    _action("call.read", "Read the announced calls (API)",
            "- all all all all all",
            api=("GET /api/v1/calls/", "GET /api/v1/calls/{id}/"),
            note="calls are public announcements; providers pick the call to file into"),
    _action("call.manage_view", "Calls pages with the timeline and plan counts",
            "- - - - - region",
            web=("calls:list", "calls:detail"), refusal=Refusal.GATED),
    _action("call.records_export", "Export a closed call's documents for the records service",
            "- - - - - region",
            web=("calls:records_export",), refusal=Refusal.GATED,
            note="a ZIP with the manifest and checksums; an open call is 409 (docs/records.md)"),
    _action("call.create", "Announce a call",
            "- - - - - region",
            web=("calls:create",), api=("POST /api/v1/calls/",), refusal=Refusal.GATED),
    _action("call.edit", "Change a planned call's window and deadlines",
            "- - - - - region",
            web=("calls:edit",), api=("PATCH /api/v1/calls/{id}/",), refusal=Refusal.GATED),
    _action("call.open", "Open a call by hand",
            "- - - - - region",
            api=("POST /api/v1/calls/{id}/open/",), visible_in="call.read"),
    _action("call.close", "Close a call by hand",
            "- - - - - region",
            api=("POST /api/v1/calls/{id}/close/",), visible_in="call.read"),
    _action("call.finish", "Finish a call whose plans are settled",
            "- - - - - region",
            api=("POST /api/v1/calls/{id}/finish/",), visible_in="call.read"),
    _action("call.view_public", "A call's public page: deadlines, service types, documents",
            "all all all all all all",
            web=("calls:public_list", "calls:public", "calls:document"),
            api=("GET /api/v1/calls/{id}/documents/", "GET /api/v1/calls/{id}/documents/{call_document_id}/"),
            note="calls are public announcements; their documents download for anyone"),
    _action("document.verify", "Verify an issued PDF: its seal and the plan it belongs to",
            "all all all all all all",
            web=("web:verify",), api=("POST /api/v1/documents/verify/",),
            note="public: whoever holds a letter may check it; nothing uploaded is kept; "
                 "throttled per client address"),
    _action("call_document.manage", "Publish or remove a call's documents",
            "- - - - - region",
            web=("calls:document_upload", "calls:document_delete"),
            api=("POST /api/v1/calls/{id}/documents/",
                 "DELETE /api/v1/calls/{id}/documents/{call_document_id}/"),
            visible_in="call.view_public",
            note="through the same upload checks as a plan's attachments"),
    _action("subscription.manage", "Choose the service types whose calls you are told of",
            "- - own own - -",
            web=("calls:subscriptions",),
            api=("GET /api/v1/me/call-subscriptions/", "PUT /api/v1/me/call-subscriptions/"),
            refusal=Refusal.GATED,
            note="per user; default: a provider's own service types, a municipality every type"),
    # --- a call's request forms and required documents (backend/callsetup) ---------------
    _action("call_setup.read", "Read a call's request forms and required documents (API)",
            "- all all all all all",
            api=("GET /api/v1/calls/{id}/forms/", "GET /api/v1/calls/{id}/forms/{form_id}/",
                 "GET /api/v1/calls/{id}/forms/{form_id}/documents/",
                 "GET /api/v1/calls/{id}/forms/{form_id}/documents/{required_document_id}/"),
            note="as the call itself: providers see what their plan will need"),
    _action("call_setup.manage", "Configure a call's request forms and required documents",
            "- - - - - region",
            web=("callsetup:forms", "callsetup:form_create", "callsetup:form_edit",
                 "callsetup:form_delete", "callsetup:document_create",
                 "callsetup:document_edit", "callsetup:document_delete"),
            api=("POST /api/v1/calls/{id}/forms/", "PATCH /api/v1/calls/{id}/forms/{form_id}/",
                 "DELETE /api/v1/calls/{id}/forms/{form_id}/",
                 "POST /api/v1/calls/{id}/forms/{form_id}/documents/",
                 "PATCH /api/v1/calls/{id}/forms/{form_id}/documents/{required_document_id}/",
                 "DELETE /api/v1/calls/{id}/forms/{form_id}/documents/{required_document_id}/"),
            refusal=Refusal.GATED,
            note="another region's call is 404; a closed call, or an open call's form used by "
                 "submitted plans, is 409"),
    _action("call_setup.copy", "Copy another call's configuration into a call",
            "- - - - - region",
            web=("callsetup:copy",), api=("POST /api/v1/calls/{id}/copy-setup/",),
            refusal=Refusal.GATED,
            note="from a call of the same region, into one not yet open and without forms"),
    # --- a call's letters and e-mails (backend/letters) ----------------------------------
    _action("letter.edit", "Edit a call's letter and e-mail texts, see versions, restore",
            "- - - - - region",
            web=("letters:list", "letters:edit", "letters:restore"),
            api=("GET /api/v1/calls/{id}/letters/", "GET /api/v1/calls/{id}/letters/decision/",
                 "PUT /api/v1/calls/{id}/letters/decision/",
                 "GET /api/v1/calls/{id}/letters/decision/versions/",
                 "POST /api/v1/calls/{id}/letters/decision/restore-default/"),
            refusal=Refusal.GATED,
            note="any kind in place of `decision`; another region's call is 404"),
    _action("letter.preview", "Preview a call's letter with one of its plans (HTML, PDF)",
            "- - - - - region",
            web=("letters:preview",),
            api=("POST /api/v1/calls/{id}/letters/decision/preview/",),
            refusal=Refusal.GATED,
            note="only plans of that call; another region's call is 404"),
    # --- the register and planning -----------------------------------------------------
    _action("register.view", "View the network register",
            "all all all all all all",
            web=("network:register", "network:entry"),
            api=("GET /api/v1/register/", "GET /api/v1/register/{id}/")),
    _action("register.export", "Export the network register (CSV, XLSX, JSON)",
            "all all all all all all",
            web=("network:export",), api=("GET /api/v1/register/export/{fmt}/",)),
    _action("period.manage", "Network periods: list, add, roll the network over",
            "- - - - - region",
            web=("network:periods", "network:period_create", "network:roll_over"),
            refusal=Refusal.GATED),
    _action("dashboard.capacity", "Capacity dashboard (need, requested increases, gap: regional office)",
            "all all all all all all",
            web=("insight:capacity",),
            note="the register's capacities are public; need and plan figures only for the region"),
    _action("dashboard.coverage", "Activity cards coverage",
            "- - - - - region",
            web=("insight:coverage",), refusal=Refusal.GATED),
    # --- the follow-up of reservations (Z1v, Z2v) ---------------------------------------
    _action("remedy.list", "Reservations under follow-up (due soon, overdue, statement)",
            "- - - - - region",
            web=("remedies:list",), api=("GET /api/v1/remedies/",), refusal=Refusal.GATED),
    _action("remedy.view", "A reservation's follow-up: statements, documents, findings",
            "- - own - - region",
            web=("remedies:document",), api=("GET /api/v1/remedies/{id}/",),
            note="on the web, the register entry's page shows it to these roles only"),
    _action("remedy.statement", "Send a statement on a reservation's remedy",
            "- - own - - -",
            web=("remedies:statement",), api=("POST /api/v1/remedies/{id}/statement/",),
            visible_in="remedy.view"),
    _action("remedy.confirm", "Confirm a reservation's remedy (the entry is included)",
            "- - - - - region",
            web=("remedies:confirm",), api=("POST /api/v1/remedies/{id}/confirm/",),
            visible_in="remedy.view"),
    _action("remedy.not_remedied", "Record that a reservation was not remedied",
            "- - - - - region",
            web=("remedies:not_remedied",), api=("POST /api/v1/remedies/{id}/not-remedied/",),
            visible_in="remedy.view", note="the entry moves to not included"),
    # --- the assessment of plans (backend/assessment, docs/assessment.md) ----------------
    _action("criterion.view", "Read a call's assessment criteria (API)",
            "- all all all all all",
            api=("GET /api/v1/calls/{id}/criteria/",),
            note="published with the call; on the web, the office's criteria page"),
    _action("criterion.manage", "Set a call's assessment criteria: add, edit, remove",
            "- - - - - region",
            web=("assessment:criteria", "assessment:criterion_edit",
                 "assessment:criterion_delete"),
            api=("POST /api/v1/calls/{id}/criteria/", "PATCH /api/v1/criteria/{id}/",
                 "DELETE /api/v1/criteria/{id}/"),
            refusal=Refusal.GATED,
            note="refused (409) once a plan of the call is scored"),
    _action("plan.assess", "Assess a plan: points and a reason for every criterion",
            "- - - - - region",
            web=("assessment:assess",), api=("POST /api/v1/plans/{id}/assessment/",),
            visible_in="plan.view_submitted",
            note="while the plan is under review; one or two officers, as the call says"),
    _action("assessment.view", "See a plan's scores and their reasons",
            "- - own - - region",
            api=("GET /api/v1/plans/{id}/assessment/",), visible_in="plan.view_submitted",
            note="the provider once the plan is decided (no names); an assessor sees a "
                 "colleague's scores once every assessment is in; on the web, the plan page"),
    _action("reference_value.manage", "The region's reference values: list, add, edit",
            "- - - - - region",
            web=("assessment:reference_values", "assessment:reference_value_edit"),
            api=("GET /api/v1/reference-values/", "POST /api/v1/reference-values/",
                 "PATCH /api/v1/reference-values/{id}/"),
            refusal=Refusal.GATED),
    _action("dashboard.sla", "SLA overview of a call: open, overdue, working days per stage",
            "- - - - - region",
            web=("insight:sla", "insight:sla_export"), api=("GET /api/v1/insight/sla/",),
            refusal=Refusal.GATED,
            note="a call of another region is 404 in the API, refused by the page's form"),
    # --- demand for capacity and planning areas (backend/demand) ------------------------
    _action("demand.list", "List the demand tables of the region",
            "- - - region - region",
            web=("demand:list",), api=("GET /api/v1/demand-tables/",), refusal=Refusal.EMPTY,
            note="municipal officers read every table of their municipality's region"),
    _action("demand.view", "View a demand table, its entries and source document",
            "- - - region - region",
            web=("demand:detail", "demand:source"), api=("GET /api/v1/demand-tables/{id}/",),
            note="the plan page shows the need of its territory to these roles only"),
    _action("demand.create", "Record a demand table with its entries",
            "- - - territory - region",
            web=("demand:create",), api=("POST /api/v1/demand-tables/",), refusal=Refusal.GATED,
            note="municipalities: their own ORP's territory; the region: any, on behalf"),
    _action("demand.edit", "Change a demand table and its entries",
            "- - - own - region",
            web=("demand:edit",), api=("PATCH /api/v1/demand-tables/{id}/",),
            visible_in="demand.view",
            note="municipalities: the tables their municipality states"),
    _action("planning.list", "Planning schemes and their areas",
            "- - - region - region",
            web=("demand:schemes", "demand:scheme"),
            api=("GET /api/v1/planning-schemes/", "GET /api/v1/planning-areas/"),
            refusal=Refusal.EMPTY),
    _action("planning.manage", "Add and change planning schemes and their areas",
            "- - - - - region",
            web=("demand:scheme_create", "demand:scheme_edit", "demand:area_create",
                 "demand:area_edit"),
            api=("POST /api/v1/planning-schemes/", "PATCH /api/v1/planning-schemes/{id}/",
                 "POST /api/v1/planning-areas/", "PATCH /api/v1/planning-areas/{id}/"),
            visible_in="planning.list",
            note="a municipality in at most one area of a scheme; adding one: 403 to others"),
    # --- the import of a region's existing network -------------------------------------
    _action("import.view", "Imports of the network: list, templates, a run's preview",
            "- - - - - region",
            web=("imports:list", "imports:template", "imports:detail", "imports:progress"),
            refusal=Refusal.GATED,
            note="an import of another region is 404"),
    _action("import.run", "Import the network: upload, map columns, preview, commit",
            "- - - - - region",
            web=("imports:mapping", "imports:preview", "imports:commit"),
            refusal=Refusal.GATED),
    _action("service.manage", "List and add the provider's own services",
            "- - own - - -",
            web=("plans:services", "plans:service_create"), refusal=Refusal.GATED),
    _action("admin", "Django admin",
            "- - - - - -",
            web=("admin:index",), refusal=Refusal.ADMIN_LOGIN,
            note="staff accounts only (set by the administrator), never granted by a role"),
)
# fmt: on

BY_KEY = {action.key: action for action in MATRIX}


def action(key: str) -> Action:
    return BY_KEY[key]


def visibility_of(entry: Action) -> Action:
    """The row that says who may see the object of `entry` (itself if it names none)."""
    return BY_KEY[entry.visible_in] if entry.visible_in else entry


def markdown() -> str:
    """The matrix as the Markdown table in docs/security.md."""
    header = ["action", *(ROLE_LABELS[role] for role in ROLES), "web", "API", "refused", "note"]
    lines = [
        "Generated from `backend/core/permissions_matrix.py` by `manage.py security_matrix`;",
        "`tests/security/test_matrix.py` walks every cell through the web pages and the API.",
        "",
        "A scope is what the role may act on: `own` (its provider's objects), `territory`",
        "(plans submitted for the municipality's ORP and its opinions), `region` (the calls",
        "of the officer's region and their plans), `all`. An object outside the scope is",
        "answered 404, as if it did not exist. `-` refuses: *403 / 404* is 403 when the role",
        "may see the object and 404 when it may not, *403* refuses before any lookup, an",
        "*empty list* shows none of the objects; anonymous visitors are sent to the login",
        "page (the API answers 401).",
        "",
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
    ]
    for entry in MATRIX:
        refused = {
            Refusal.FORBIDDEN: "403 / 404",
            Refusal.GATED: "403",
            Refusal.EMPTY: "empty list",
            Refusal.ADMIN_LOGIN: "admin login",
        }[entry.refusal]
        cells = [
            entry.label,
            *(entry.scope(role).value for role in ROLES),
            "<br>".join(f"`{name}`" for name in entry.web),
            "<br>".join(f"`{route}`" for route in entry.api),
            refused,
            entry.note,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

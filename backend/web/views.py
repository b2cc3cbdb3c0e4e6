"""The home page (the personal inbox of tasks, or a welcome for visitors) and the
accessibility statement."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from backend.accounts.rules import roles_of
from backend.core.paging import EstimatingPaginator
from backend.plans.worklist import Cases, worklist_for_user, worklist_tasks
from backend.web.accessibility import audit_result

# A regional officer can have thousands of tasks: the database counts and pages them, and only
# a page of them gets its text and link.
TASKS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/home.html")
    cases = request.GET.get("cases", Cases.ALL)
    cases = cases if cases in Cases.values else Cases.ALL
    tasks = worklist_for_user(user=request.user, cases=cases)
    page = EstimatingPaginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    roles = roles_of(request.user)
    return render(
        request,
        "web/home.html",
        {
            "page": page,
            "tasks": worklist_tasks(page.object_list),
            "cases": cases,
            "case_filters": Cases.choices,
            # Officers own cases: they filter their inbox by owner and record absences.
            "is_officer": bool(roles.region_ids or roles.officer_municipality_ids),
        },
    )


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The statement Act No. 99/2019 Coll. requires, its known issues from the audit document."""
    audit = audit_result()
    return render(
        request,
        "web/accessibility.html",
        {
            "audit": audit,
            "issues": [issue.text(get_language()) for issue in audit.issues],
            "contact": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "site_url": request.build_absolute_uri("/"),
        },
    )

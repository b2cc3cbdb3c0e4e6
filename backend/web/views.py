"""The home page: the personal inbox of tasks, or a welcome for visitors."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.plans.worklist import worklist_refs_for_user, worklist_tasks

# A regional officer can have thousands of tasks; only a page of them gets its text and link.
TASKS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/home.html")
    refs = worklist_refs_for_user(user=request.user)
    page = Paginator(refs, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "web/home.html", {"page": page, "tasks": worklist_tasks(page.object_list)}
    )

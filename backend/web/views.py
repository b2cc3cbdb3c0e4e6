"""The home page: the personal inbox of tasks, or a welcome for visitors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.plans.worklist import worklist_for_user


def home(request: HttpRequest) -> HttpResponse:
    tasks = worklist_for_user(user=request.user) if request.user.is_authenticated else []
    return render(request, "web/home.html", {"tasks": tasks})

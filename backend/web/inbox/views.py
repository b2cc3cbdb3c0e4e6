"""The in-app inbox of notifications and the e-mail preferences (web pages)."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.clarifications.selectors import message_unread_counts
from backend.core.paging import StablePaginator
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_list_for_user
from backend.web.outcomes import Refused, attempt
from notifications.models import Notification
from notifications.rendering import notification_path, notification_render
from notifications.selectors import (
    EmailPreference,
    notification_email_preferences,
    notification_get_for_user,
    notification_list_for_user,
)
from notifications.services import (
    notification_email_preferences_set,
    notification_mark_all_read,
    notification_mark_read,
)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = StablePaginator(notification_list_for_user(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    language = translation.get_language()
    items = [(n, notification_render(n, language=language)) for n in page]
    context = {"page": page, "items": items, "threads": _unread_threads(request)}
    return render(request, "notifications/inbox.html", context)


def _unread_threads(request: HttpRequest) -> list[tuple[DevelopmentPlan, int]]:
    """The plans whose threads have messages the user has not read, with how many."""
    counts = message_unread_counts(user=request.user)
    plans = plan_list_for_user(user=request.user).filter(pk__in=counts).select_related("service")
    return [(plan, counts[plan.pk]) for plan in plans.order_by("pk")]


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark the notification read and go to what it concerns."""
    try:
        notification = notification_get_for_user(user=request.user, notification_id=notification_id)
    except Notification.DoesNotExist as error:
        raise Http404 from error
    notification_mark_read(notification=notification, by=request.user)
    return redirect(notification_path(notification))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notification_mark_all_read(by=request.user)
    return redirect("notifications:inbox")


class PreferencesForm(forms.Form):
    """One checkbox per notification kind; the legally relevant ones cannot be unticked."""

    def __init__(self, *args: Any, preferences: list[EmailPreference], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for preference in preferences:
            self.fields[preference.kind] = forms.BooleanField(
                label=preference.label,
                required=False,
                initial=preference.email,
                disabled=not preference.optional,
                help_text="" if preference.optional else _("Always sent: legally relevant."),
            )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(
        request.POST or None, preferences=notification_email_preferences(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            attempt(
                request,
                lambda: notification_email_preferences_set(
                    user=request.user, by=request.user, email=form.cleaned_data
                ),
                success=_("Your e-mail settings were saved."),
                form=form,
            )
        except Refused as refused:
            return render(
                request, "notifications/preferences.html", {"form": form}, status=refused.status
            )
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})

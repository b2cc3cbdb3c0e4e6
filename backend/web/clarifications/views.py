"""The plan page's "Questions and messages": posting (with the audience select for the
regional office), marking the thread read, the attachments. Thin: the selectors decide what
is shown, the services what may be written."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.clarifications.models import Audience, MessageAttachment
from backend.clarifications.selectors import (
    message_attachment_get_for_user,
    message_audiences_for,
)
from backend.clarifications.services import message_mark_read, message_post
from backend.plans.uploads import download_response, form_with_refused_upload
from backend.web.clarifications.thread import MessageForm
from backend.web.outcomes import Refused, attempt
from backend.web.plans import visible_plan
from backend.web.plans.responses import plan_page


@login_required
@require_POST
def message_post_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    audiences = message_audiences_for(user=request.user, plan=plan)
    form = form_with_refused_upload(
        MessageForm(request.POST, request.FILES, audiences=audiences or list(Audience.values)),
        request,
    )
    if not form.is_valid():
        return plan_page(request, plan, status=400, message_form=form)
    file = form.cleaned_data["file"]
    try:
        attempt(
            request,
            lambda: message_post(
                plan=plan,
                by=request.user,
                audience=form.cleaned_data["audience"],
                body=form.cleaned_data["body"],
                files=[file] if file else [],
            ),
            success=_("The message was posted."),
            form=form,
        )
    except Refused as refused:
        return plan_page(request, plan, status=refused.status, message_form=form)
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#messages")


@login_required
@require_POST
def message_mark_read_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    message_mark_read(plan=plan, by=request.user)
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#messages")


@login_required
def message_attachment_download(
    request: HttpRequest, plan_id: int, message_attachment_id: int
) -> FileResponse:
    """A message's document, only to those who may read the message (else 404)."""
    plan = visible_plan(request.user, plan_id)
    try:
        attachment = message_attachment_get_for_user(
            user=request.user, plan=plan, attachment_id=message_attachment_id
        )
    except MessageAttachment.DoesNotExist as error:
        raise Http404 from error
    return download_response(attachment.file.open("rb"), filename=attachment.original_name)

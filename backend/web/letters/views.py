"""A call's letters for the regional office: the kinds with their state, the editor with the
documented variables and the versions, the preview against a real plan (HTML and PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user
from backend.documents.previews import (
    LetterPreview,
    letter_preview,
    letter_preview_pdf,
    letter_preview_plans,
)
from backend.letters.defaults import LetterText, default_text
from backend.letters.kinds import PDF_KINDS, VARIABLES, LetterKind, is_email
from backend.letters.selectors import (
    letter_list_for_call,
    letter_list_version_changes,
    letter_text_in_force,
)
from backend.letters.services import (
    letter_default_restore,
    letter_text_check,
    letter_version_create,
)
from backend.plans.models import DevelopmentPlan
from backend.web.letters.forms import LetterForm
from backend.web.outcomes import Refused, attempt, require_regional_office


def _call(request: HttpRequest, call_id: int) -> Call:
    require_regional_office(request)
    try:
        return call_list_for_user(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _kind(kind: str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError as error:
        raise Http404 from error


def _plan(call: Call, plan_id: object) -> DevelopmentPlan | None:
    if not plan_id:
        return None
    try:
        return letter_preview_plans(call=call).get(pk=int(str(plan_id)))
    except (ValueError, DevelopmentPlan.DoesNotExist) as error:
        raise Http404 from error


@login_required
def letter_list(request: HttpRequest, call_id: int) -> HttpResponse:
    call = _call(request, call_id)
    return render(
        request, "letters/letter_list.html", {"call": call, "rows": letter_list_for_call(call=call)}
    )


@login_required
def letter_edit(request: HttpRequest, call_id: int, kind: str) -> HttpResponse:
    call = _call(request, call_id)
    letter_kind = _kind(kind)
    plans = list(letter_preview_plans(call=call))
    choices = [
        (plan.pk, f"#{plan.pk} {plan.service.name} ({plan.provider.name})") for plan in plans
    ]
    version, current = letter_text_in_force(call=call, kind=letter_kind)
    initial = {
        "subject": current.subject,
        "text": current.text,
        "plan": plans[0].pk if plans else "",
    }
    form = LetterForm(
        request.POST or None, initial=initial, is_email=is_email(letter_kind), plans=choices
    )
    preview: LetterPreview | None = None
    status = 200
    if request.method == "POST" and form.is_valid():
        draft = LetterText(
            subject=form.cleaned_data.get("subject", ""), text=form.cleaned_data["text"]
        )
        try:
            if "preview" in request.POST:
                attempt(
                    request,
                    lambda: letter_text_check(
                        kind=letter_kind, text=draft.text, subject=draft.subject
                    ),
                    success=_("The text is valid; it is not saved yet."),
                    form=form,
                )
                plan = _plan(call, form.cleaned_data.get("plan"))
                if plan is not None:
                    preview = letter_preview(kind=letter_kind, plan=plan, draft=draft)
            else:
                attempt(
                    request,
                    lambda: letter_version_create(
                        call=call,
                        kind=letter_kind,
                        text=draft.text,
                        subject=draft.subject,
                        by=request.user,
                    ),
                    success=_("The text was saved as a new version."),
                    form=form,
                )
                return redirect("letters:edit", call.pk, letter_kind.value)
        except Refused as refused:
            status = refused.status
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "letters/letter_edit.html",
        {
            "call": call,
            "kind": letter_kind,
            "is_email": is_email(letter_kind),
            "is_pdf": letter_kind in PDF_KINDS,
            "form": form,
            "version": version,
            "variables": VARIABLES[letter_kind],
            "versions": letter_list_version_changes(call=call, kind=letter_kind),
            "default": default_text(letter_kind),
            "preview": preview,
            "plans": plans,
        },
        status=status,
    )


@login_required
@require_POST
def letter_restore(request: HttpRequest, call_id: int, kind: str) -> HttpResponse:
    call = _call(request, call_id)
    letter_kind = _kind(kind)
    letter_default_restore(call=call, kind=letter_kind, by=request.user)
    messages.success(request, _("The shipped text is in force again."))
    return redirect("letters:edit", call.pk, letter_kind.value)


@login_required
def letter_preview_page(request: HttpRequest, call_id: int, kind: str) -> HttpResponse:
    """The letter in force for a plan of the call: `?plan=` (required), `&format=pdf`."""
    call = _call(request, call_id)
    letter_kind = _kind(kind)
    plan = _plan(call, request.GET.get("plan"))
    if plan is None:
        raise Http404
    if request.GET.get("format") == "pdf":
        if letter_kind not in PDF_KINDS:
            raise Http404
        pdf = letter_preview_pdf(kind=letter_kind, plan=plan)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="nahled-{letter_kind.value}-{plan.pk}.pdf"'
        )
        return response
    preview = letter_preview(kind=letter_kind, plan=plan)
    return render(
        request,
        "letters/letter_preview.html",
        {
            "call": call,
            "kind": letter_kind,
            "plan": plan,
            "preview": preview,
            "is_pdf": letter_kind in PDF_KINDS,
        },
    )

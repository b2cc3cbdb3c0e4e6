"""The public "verify a document" page: anyone holding a PDF learns whether the region
issued it, and which plan it belongs to (docs/seal.md)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from backend.core.throttling import VerifyThrottle, page_throttled
from backend.plans.uploads import form_with_refused_upload


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("The PDF document"),
        help_text=_("The file as you received it: the letter, the opinion or the decision."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


@require_http_methods(["GET", "POST"])
def document_verify_page(request: HttpRequest) -> HttpResponse:
    """The upload form; on a posted file, the verdict. Nothing uploaded is stored."""
    if request.method == "GET":
        return render(request, "web/verify.html", {"form": VerifyForm()})
    if page_throttled(request, VerifyThrottle()):
        return render(
            request, "web/verify.html", {"form": VerifyForm(), "throttled": True}, status=429
        )
    form = form_with_refused_upload(VerifyForm(request.POST, request.FILES), request)
    if not form.is_valid():
        return render(request, "web/verify.html", {"form": form}, status=400)
    # The validator (pyHanko) loads on the first verification, not with every page.
    from backend.documents.verification import document_verify

    result = document_verify(form.cleaned_data["file"].read())
    return render(request, "web/verify.html", {"form": VerifyForm(), "result": result})

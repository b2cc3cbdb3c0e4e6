"""The import of a region's network, for the regional office: upload, column mapping,
preview (a Celery task, its progress polled by htmx), commit; the templates to download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.core.paging import StablePaginator
from backend.imports.forms import MappingForm, UploadForm
from backend.imports.models import ImportRun, RowOutcome
from backend.imports.selectors import column_mappings_for_user, import_rows, import_runs_for_user
from backend.imports.services import (
    import_headers,
    import_mapping_missing,
    import_mapping_set,
    import_start,
    import_upload,
    progress_read,
)
from backend.imports.templates_files import template_csv, template_xlsx
from backend.web.outcomes import Refused, attempt, require_regional_office

ROWS_PER_PAGE = 100


def _run(request: HttpRequest, run_id: int) -> ImportRun:
    try:
        return import_runs_for_user(user=request.user).get(pk=run_id)
    except ImportRun.DoesNotExist as error:
        raise Http404 from error


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    """The region's imports and the upload of a new file (its preview starts at once when
    the file's headers name every required column)."""
    require_regional_office(request)
    mappings = column_mappings_for_user(user=request.user)
    form = UploadForm(request.POST or None, request.FILES or None, mappings=mappings)
    if request.method == "POST" and form.is_valid():
        try:
            run = attempt(
                request,
                lambda: import_upload(
                    by=request.user,
                    uploaded=form.cleaned_data["file"],
                    mapping_name=form.cleaned_data["mapping"],
                ),
                success=_("The file was uploaded."),
                form=form,
            )
        except Refused as refused:
            return _list_page(request, form, status=refused.status)
        if not import_mapping_missing(run=run):
            import_start(run=run, by=request.user, commit=False)
        return redirect("imports:detail", run.pk)
    return _list_page(request, form, status=400 if form.errors else 200)


def _list_page(request: HttpRequest, form: UploadForm, status: int) -> HttpResponse:
    return render(
        request,
        "imports/import_list.html",
        {"form": form, "runs": import_runs_for_user(user=request.user)[:50]},
        status=status,
    )


@login_required
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    require_regional_office(request)
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(template_xlsx(), content_type=content_type)
    elif fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="sit-sluzeb-sablona.{fmt}"'
    return response


@login_required
def import_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """The run: its file, encoding, counts, progress while it runs, the mapping while
    columns are missing, the preview's rows (filtered by outcome, paged) and the commit."""
    require_regional_office(request)
    run = _run(request, run_id)
    return _detail_page(request, run)


def _detail_page(
    request: HttpRequest, run: ImportRun, mapping_form: MappingForm | None = None, status: int = 200
) -> HttpResponse:
    outcome = request.GET.get("outcome", "")
    if outcome not in RowOutcome.values:
        outcome = ""
    page = StablePaginator(import_rows(run=run, outcome=outcome), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    missing = import_mapping_missing(run=run)
    if mapping_form is None and not run.running and run.status != "committed":
        mapping_form = MappingForm(headers=import_headers(run=run), initial_mapping=run.mapping)
    return render(
        request,
        "imports/import_detail.html",
        {
            "run": run,
            "missing": missing,
            "mapping_form": mapping_form,
            "page": page,
            "outcome": outcome,
            "outcomes": RowOutcome.choices,
            "progress": progress_read(run) if run.running else None,
        },
        status=status,
    )


@login_required
def import_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    """The progress bar (htmx polls it); once the run has finished the page reloads."""
    require_regional_office(request)
    run = _run(request, run_id)
    response = render(
        request,
        "imports/_progress.html",
        {"run": run, "progress": progress_read(run) if run.running else None},
    )
    if not run.running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_mapping(request: HttpRequest, run_id: int) -> HttpResponse:
    require_regional_office(request)
    run = _run(request, run_id)
    form = MappingForm(request.POST, headers=import_headers(run=run), initial_mapping=run.mapping)
    if not form.is_valid():
        return _detail_page(request, run, form, status=400)
    try:
        attempt(
            request,
            lambda: import_mapping_set(
                run=run, by=request.user, columns=form.columns(),
                save_as=form.cleaned_data["save_as"],
            ),
            success=_("The columns are mapped; the preview runs."),
            form=form,
        )  # fmt: skip
        attempt(
            request,
            lambda: import_start(run=run, by=request.user, commit=False),
            success=_("The preview has started."),
        )
    except Refused as refused:
        return _detail_page(request, run, form, status=refused.status)
    return redirect("imports:detail", run.pk)


@login_required
@require_POST
def import_preview_start(request: HttpRequest, run_id: int) -> HttpResponse:
    return _start(request, run_id, commit=False, success=_("The preview has started."))


@login_required
@require_POST
def import_commit_start(request: HttpRequest, run_id: int) -> HttpResponse:
    return _start(request, run_id, commit=True, success=_("The import has started."))


def _start(request: HttpRequest, run_id: int, *, commit: bool, success: str) -> HttpResponse:
    require_regional_office(request)
    run = _run(request, run_id)
    try:
        attempt(
            request,
            lambda: import_start(run=run, by=request.user, commit=commit),
            success=success,
        )
    except Refused as refused:
        return _detail_page(request, run, status=refused.status)
    return redirect("imports:detail", run.pk)

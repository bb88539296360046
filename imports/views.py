"""The import pages: upload (with the templates), a run's check and confirmation (progress polled with
htmx while a task works), the list of runs, the error report. Thin: a form, one service call."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from imports import permissions, selectors, services, tasks
from imports.forms import ImportUploadForm, RowFilterForm
from imports.kinds import KINDS
from imports.models import ImportRun
from imports.reading import ENCODING_LABELS
from imports.workbooks import error_report, template_workbook

RUNS_PER_PAGE = 25
ROWS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kinds(user) -> list[str]:
    return permissions.importable_kinds(user, KINDS)


@require_http_methods(["GET", "HEAD", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_imports(request.user):
        raise PermissionDenied
    kinds = _kinds(request.user)
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None, request.FILES if posted else None, kinds=kinds,
        initial={"kind": request.GET.get("kind", "")},
    )  # fmt: skip
    if posted and form.is_valid():
        try:
            run = services.import_start(
                actor=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            transaction.on_commit(lambda: services.enqueue(tasks.preview_import, run.pk))
            return redirect(run)
    page = Paginator(selectors.import_runs_for_user(request.user), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "imports/import_list.html",
        {"form": form, "page": page, "kinds": [(kind, ImportRun.Kind(kind).label) for kind in kinds]},
        status=400 if form.errors else 200,
    )


def _visible_run(request: HttpRequest, pk: int) -> ImportRun:
    run = get_object_or_404(ImportRun.objects.select_related("user__membership"), pk=pk)
    if not permissions.can_view_import(request.user, run):
        raise Http404
    return run


@require_safe
def import_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    run = _visible_run(request, pk)
    action = RowFilterForm(request.GET).values["action"]
    rows = Paginator(selectors.run_rows(run, action), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    mapped, ignored = selectors.column_mapping(run, run.headers) if run.status != ImportRun.Status.FAILED else ([], [])
    return TemplateResponse(
        request,
        "imports/import_detail.html",
        {
            "run": run,
            "rows": rows,
            "action": action,
            "filter_form": RowFilterForm(request.GET),
            "mapped": mapped,
            "ignored": ignored,
            "encoding_label": ENCODING_LABELS.get(run.encoding, run.encoding),
            "done": services.progress_of(run),
            "can_commit": permissions.can_commit_import(request.user, run),
        },
    )


@require_safe
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the run page while a task works; once it has ended the page reloads to show the rows."""
    run = _visible_run(request, pk)
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.PREVIEWING, ImportRun.Status.IMPORTING):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return TemplateResponse(request, "imports/_progress.html", {"run": run, "done": services.progress_of(run)})


@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    try:
        run = services.import_request(actor=request.user, run=run, valid_only=request.POST.get("valid_only") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        transaction.on_commit(lambda: services.enqueue(tasks.commit_import, run.pk))
    return redirect(run)


@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    services.import_retry(actor=request.user, run=run)
    return redirect(run)


@require_safe
def import_error_report(request: HttpRequest, pk: int) -> FileResponse:
    run = _visible_run(request, pk)
    try:
        workbook = error_report(run)
    except (OSError, ValueError, ValidationError) as error:
        raise Http404(_("The uploaded file is no longer stored.")) from error
    stem = run.file_name.rsplit(".", 1)[0]
    return FileResponse(workbook, as_attachment=True, filename=f"{stem}-errors.xlsx", content_type=XLSX)


@require_safe
def import_template(request: HttpRequest, kind: str) -> FileResponse:
    if kind not in KINDS or not permissions.can_import(request.user, kind):
        raise Http404
    label = ImportRun.Kind(kind).label
    return FileResponse(
        template_workbook(kind), as_attachment=True, filename=f"{label}-导入模板.xlsx", content_type=XLSX
    )

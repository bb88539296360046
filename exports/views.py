"""The export downloads of the four lists, and the export log. Thin: the query through a form, one service
call, then the file streamed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_safe

from core.query import QueryForm
from exports import permissions, selectors, services, writers
from exports.models import ExportLog
from exports.sources import iter_rows

LOGS_PER_PAGE = 50


class ExportQuery(QueryForm):
    """The export's own parameters; anything else in the query string is the list's filter."""

    format = forms.ChoiceField(required=False, choices=[("", ""), *ExportLog.Format.choices])
    masked = forms.ChoiceField(required=False, choices=[("", ""), ("0", "0"), ("1", "1")])


def _streamed(language: str, rows):
    """The rows, labelled in the language of the request (streaming runs after the view has returned)."""
    with translation.override(language):
        yield from rows


@require_GET  # not HEAD: an export is logged
def export_download(request: HttpRequest, kind: str) -> HttpResponse:
    params = ExportQuery(request.GET).values
    file_format = params["format"] or ExportLog.Format.XLSX
    masked = params["masked"] != "0"  # masked unless the full file is asked for (and allowed)
    try:
        export = services.export_start(
            actor=request.user, kind=kind, file_format=file_format, masked=masked, query=request.GET
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        query = services.filter_query(request.GET)
        return redirect(reverse(services.SOURCES[kind].list_url) + (f"?{query}" if query else ""))
    source, log = export.source, export.log
    rows = iter_rows(source, export.rows, masked=masked, user=request.user, limit=log.row_count)
    stamp = timezone.localtime(log.created_at).strftime("%Y%m%d-%H%M")
    filename = f"{kind}-{stamp}{'-masked' if masked else ''}.{file_format}"
    if file_format == ExportLog.Format.CSV:
        response = StreamingHttpResponse(
            _streamed(translation.get_language(), writers.csv_stream(source.header, rows)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    workbook = writers.xlsx_file(str(log.get_kind_display()), source.header, rows)
    return FileResponse(
        workbook,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@require_safe
def export_log(request: HttpRequest) -> TemplateResponse:
    if not permissions.can_export(request.user):
        raise PermissionDenied
    logs = selectors.export_log_list_for_user(request.user)
    page = Paginator(logs, LOGS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "exports/export_log.html",
        {"page": page, "sees_all": permissions.can_view_all_export_logs(request.user)},
    )

"""The pipeline board's pages. A move goes through projects.services.project_request_stage, as on the
project page: the same rules, sign-offs, refusals and 403s."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from board import selectors
from board.forms import BoardColumnForm, BoardFilterForm, BoardMoveForm
from projects import permissions, services
from projects.models import Project, StageRequest
from projects.selectors import project_get_for_user
from projects.stages import STAGE_ORDER, STAGE_TABLE

TEMPLATE = "board/board.html"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _board_context(request: HttpRequest, form: BoardFilterForm) -> dict:
    return {
        "form": form,
        "columns": selectors.board_columns(request.user, form.filters(), closed=form.show_closed()),
        "stages": [{"stage": stage, "rule": STAGE_TABLE[stage]} for stage in STAGE_ORDER],
        "page_size": selectors.PAGE_SIZE,
    }


@require_GET
def board(request: HttpRequest) -> TemplateResponse:
    form = BoardFilterForm(request.GET or None)
    template = f"{TEMPLATE}#columns" if _is_htmx(request) else TEMPLATE
    return TemplateResponse(request, template, _board_context(request, form))


@require_GET
def board_column(request: HttpRequest) -> TemplateResponse:
    """ "More": the next cards of one column, with the board's filters."""
    column_form = BoardColumnForm(request.GET)
    if not column_form.is_valid():
        return TemplateResponse(request, f"{TEMPLATE}#column_error", {"form": column_form}, status=400)
    form = BoardFilterForm(request.GET)
    stage, offset = column_form.cleaned_data["stage"], column_form.cleaned_data["offset"]
    cards, has_more = selectors.board_column_cards(
        request.user, form.filters(), stage=stage, offset=offset, closed=form.show_closed()
    )
    context = {"cards": cards, "has_more": has_more, "stage": stage, "next_offset": offset + len(cards)}
    return TemplateResponse(request, f"{TEMPLATE}#more_cards", context)


def _refusal_reason(request: HttpRequest, project: Project) -> str:
    if not project.is_active:
        return _("Paused or dropped projects keep their stage; resume the project first.")
    return _("Only members of the owner group or directors can move this project.")


@require_POST
def board_move(request: HttpRequest, pk: int) -> TemplateResponse:
    """Ask for a move from the board's dialog. The answer is the dialog's feedback and, once the service
    has spoken, the board's columns again (out of band): the card is where the project now is — in the new
    column, or back in its own with 待签批 — and a refused move has snapped back."""
    project = project_get_for_user(request.user, pk, collaborators=False)
    filters = BoardFilterForm(request.POST)
    context = {"project": project, "refused": "", "stage_request": None}
    if not permissions.can_request_stage_move(request.user, project):
        context["refused"] = _refusal_reason(request, project)
        return _move_response(request, filters, context, status=403)
    form = BoardMoveForm(request.POST)
    context["move_form"] = form
    if not form.is_valid():  # the dialog stays open with its errors; the card waits
        return TemplateResponse(request, f"{TEMPLATE}#move_feedback", context, status=400)
    try:
        context["stage_request"] = services.project_request_stage(
            actor=request.user, project=project, **form.cleaned_data
        )
    except (ValidationError, PermissionDenied) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        context["refused"] = " ".join(messages)
        return _move_response(request, filters, context, status=400 if isinstance(error, ValidationError) else 403)
    context["approved"] = context["stage_request"].status == StageRequest.Status.APPROVED
    return _move_response(request, filters, context, status=200)


def _move_response(request: HttpRequest, filters: BoardFilterForm, context: dict, *, status: int) -> TemplateResponse:
    context |= _board_context(request, filters) | {"oob": True}
    response = TemplateResponse(request, f"{TEMPLATE}#move_result", context, status=status)
    response["HX-Trigger"] = "board:answered"
    return response

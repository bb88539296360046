"""The user menu's API tokens page: list one's own tokens, create one (the clear token shown once), revoke."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import services
from api.forms import TokenCreateForm
from api.models import ApiToken
from core.forms import add_service_error
from teams.permissions import role_of


def _member_or_403(request) -> None:
    if role_of(request.user) is None:
        raise PermissionDenied


def token_list(request):
    _member_or_403(request)
    form = TokenCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = services.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            form = TokenCreateForm()
    tokens = ApiToken.objects.filter(user=request.user)
    page = Paginator(tokens, 25).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "created": created}
    return TemplateResponse(request, "api/token_list.html", context)


@require_POST
def token_revoke(request, pk: int):
    _member_or_403(request)
    try:
        services.token_revoke(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise PermissionDenied from None
    messages.success(request, _("The token was revoked: it no longer works."))
    return redirect("api:token_list")

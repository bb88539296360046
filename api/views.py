"""The REST API: thin views over the apps' selectors and policy functions (the same rules as the pages)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from activities import selectors as activity_selectors
from activities import services as activity_services
from api.pagination import BoundedPageNumberPagination, ContactLogCursorPagination
from api.permissions import IsMember
from api.serializers import (
    CompanyDetailSerializer,
    CompanyListSerializer,
    ContactLogCreateSerializer,
    ContactLogSerializer,
    FollowUpSerializer,
    ProjectDetailSerializer,
    ProjectListSerializer,
    ProjectUpdateSerializer,
    StageRequestCreateSerializer,
    StageRequestSerializer,
)
from crm import selectors as crm_selectors
from crm.views import CompanyListQuery
from projects import selectors as project_selectors
from projects import services as project_services
from projects.forms import ProjectFilterForm
from teams.permissions import role_of


def _project_filters(params) -> project_selectors.ProjectFilters:
    """The list page's filter form read from the query string: the same names, bounds and meaning."""
    form = ProjectFilterForm(params or None)
    if not form.is_valid():
        return project_selectors.ProjectFilters()
    data = form.cleaned_data
    return project_selectors.ProjectFilters(
        query=data["q"].strip(), stage=data["stage"], status=data["status"],
        chain=data["chain"].pk if data["chain"] else None, team=data["team"].pk if data["team"] else None,
        owner=data["owner"].pk if data["owner"] else None, channel=data["channel"],
        min_investment_yi=int(data["size"]) if data["size"] else None,
        provincial_major=data["provincial_major"], high_tech=data["high_tech"], company=data["company"],
        referrer=data["referrer"].pk if data["referrer"] else None, signed_year=data["signed_year"],
        reached=data["reached"], on_schedule=data["on_schedule"], created_year=data["created_year"],
        stage_days=data["stage_days"], reached_stage=data["reached_stage"], sort=data["sort"] or "-updated_at",
    )  # fmt: skip


PROJECT_FILTER_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, description=description)
    for name, description in [
        ("q", "name, product or company contains"), ("stage", "stage code"), ("status", "active / paused / dropped"),
        ("chain", "industry chain id"), ("team", "owner group id"), ("owner", "owner user id"),
        ("channel", "channel code"), ("size", "1 or 10: at least so many 亿元"), ("company", "company id"),
        ("sort", "-updated_at, name, -planned_investment, stage, -stage, expected_signing_date"),
    ]
]  # fmt: skip


@extend_schema(parameters=PROJECT_FILTER_PARAMETERS)
class ProjectList(generics.ListAPIView):
    """Projects the caller may see (as on the project list), filtered like the list page."""

    serializer_class = ProjectListSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        projects = project_selectors.project_list_for_user(self.request.user)
        return project_selectors.project_filter(projects, _project_filters(self.request.query_params))


def _version_read(request, data: dict) -> int:
    """The version the caller edited: `If-Match: "<version>"` or `version` in the body."""
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if header:
        if not header.isdigit() or len(header) > 9:
            raise exceptions.ValidationError({"version": [_("If-Match must be the project's version.")]})
        return int(header)
    if data.get("version") is None:
        raise exceptions.ValidationError({"version": [_("Send the version you read (If-Match or version).")]})
    return data["version"]


@extend_schema_view(
    patch=extend_schema(request=ProjectUpdateSerializer, responses={200: ProjectDetailSerializer, 409: None})
)
class ProjectDetail(generics.RetrieveAPIView):
    """One project; 404 for a project the caller may not see, as on the page. PATCH edits it through
    projects.services.project_update: a stale version (someone saved since) answers 409 with the current one."""

    serializer_class = ProjectDetailSerializer
    permission_classes = [IsMember]

    def get_object(self):
        return project_selectors.project_get_for_user(self.request.user, self.kwargs["pk"], collaborators=False)

    def patch(self, request, *args, **kwargs):
        project = self.get_object()
        incoming = ProjectUpdateSerializer(project, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        version = _version_read(request, data)
        data.pop("version", None)
        try:
            project_services.project_update(actor=request.user, project=project, version=version, **data)
        except project_services.StaleProjectEdit as stale:
            body = {"detail": stale.messages[0], "version": stale.current.version}
            return Response(body, status=status.HTTP_409_CONFLICT)
        except ValidationError as error:
            raise service_errors(error) from error
        return Response(ProjectDetailSerializer(self.get_object()).data)


@extend_schema(parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="name, credit code, industry or city")])
class CompanyList(generics.ListAPIView):
    """Companies (visible to every member, as on the company list), searched like the list page."""

    serializer_class = CompanyListSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        query = CompanyListQuery(self.request.query_params).values["q"]
        return crm_selectors.company_list_for_user(self.request.user, query=query)


class CompanyDetail(generics.RetrieveAPIView):
    """One company with its contact persons when the caller may see them (as on the company page)."""

    serializer_class = CompanyDetailSerializer
    permission_classes = [IsMember]

    def get_object(self):
        return crm_selectors.company_get_for_user(self.request.user, self.kwargs["pk"])


def service_errors(error: ValidationError) -> exceptions.ValidationError:
    """A service's ValidationError as DRF's: field errors under their fields, the rest under non_field_errors."""
    messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return exceptions.ValidationError(
        {("non_field_errors" if field == "__all__" else field): texts for field, texts in messages.items()}
    )


@extend_schema_view(post=extend_schema(request=ContactLogCreateSerializer, responses={201: ContactLogSerializer}))
class ContactLogList(generics.ListCreateAPIView):
    """Contact logs the caller may see (as on the activity list), newest first, by cursor; POST logs one
    through activities.services.contact_log_create (the log form's rules and permission)."""

    serializer_class = ContactLogSerializer
    permission_classes = [IsMember]
    pagination_class = ContactLogCursorPagination

    def get_queryset(self):
        logs = activity_selectors.contact_log_list_for_user(self.request.user)
        return logs.select_related("project", "company", "author__membership")

    def create(self, request, *args, **kwargs):
        incoming = ContactLogCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        project_id, company_id = data.pop("project", None), data.pop("company", None)
        project = company = None
        if project_id:
            project = project_selectors.project_list_for_user(request.user).filter(pk=project_id).first()
            if project is None:
                raise exceptions.ValidationError({"project": [_("No such project among those you can see.")]})
        if company_id:
            company = crm_selectors.company_list_for_user(request.user).filter(pk=company_id).first()
            if company is None:
                raise exceptions.ValidationError({"company": [_("No such company.")]})
        try:
            log = activity_services.contact_log_create(actor=request.user, project=project, company=company, **data)
        except ValidationError as error:
            raise service_errors(error) from error
        log = self.get_queryset().get(pk=log.pk)
        return Response(ContactLogSerializer(log).data, status=status.HTTP_201_CREATED)


class FollowUpList(generics.ListAPIView):
    """Follow-ups the caller may see (as on the follow-up list), by due date."""

    serializer_class = FollowUpSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        follow_ups = activity_selectors.follow_up_list_for_user(self.request.user)
        return follow_ups.order_by("due_date", "pk")


class ProjectStageRequest(generics.GenericAPIView):
    """Ask to move a project to another stage through projects.services.project_request_stage (the stage
    page's rules: who may ask, skips only for directors; a move the caller may approve applies at once)."""

    serializer_class = StageRequestCreateSerializer
    permission_classes = [IsMember]

    @extend_schema(request=StageRequestCreateSerializer, responses={201: StageRequestSerializer})
    def post(self, request, pk: int):
        project = project_selectors.project_get_for_user(request.user, pk, collaborators=False)
        incoming = StageRequestCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            stage_request = project_services.project_request_stage(
                actor=request.user, project=project, **incoming.validated_data
            )
        except ValidationError as error:
            raise service_errors(error) from error
        return Response(StageRequestSerializer(stage_request).data, status=status.HTTP_201_CREATED)


@require_GET
def api_docs(request):
    """The OpenAPI documentation (Swagger UI, vendored under static/vendor/swagger-ui), for members."""
    if role_of(request.user) is None:
        raise PermissionDenied
    return TemplateResponse(request, "api/docs.html")


def not_found(request, exception=None):
    """The site's 404 (config/urls.py handler404): JSON under /api/v1/, as every API answer (a path no route
    matches, such as a negative id), else the page."""
    if request.path.startswith("/api/v1/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)

"""Stage sign-offs through the API: the sign-off inbox (projects.selectors.signoff_inbox_for_user) and a
decision through projects.services.stage_request_decide, with the stage pages' 403/404."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from api.pagination import BoundedPageNumberPagination
from api.permissions import IsMember
from api.serializers import StageRequestDecisionSerializer, StageRequestInboxSerializer, StageRequestSerializer
from api.views import service_errors
from projects import permissions as project_permissions
from projects import selectors as project_selectors
from projects import services as project_services
from projects.models import StageRequest


class StageRequestList(generics.ListAPIView):
    """Pending stage requests the caller may decide (the sign-off inbox): directors and deputy directors
    all, a group leader the early moves of their group; oldest first."""

    serializer_class = StageRequestInboxSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        return project_selectors.signoff_inbox_for_user(self.request.user)  # with the names it shows


class StageRequestDecide(generics.GenericAPIView):
    """Approve (the move applies at once) or reject (with a comment) a pending stage request. As on the
    page: 404 when the caller may not see the project, 403 when they may not decide this request; a
    request someone already decided answers 409 and nothing changes."""

    serializer_class = StageRequestDecisionSerializer
    permission_classes = [IsMember]

    @extend_schema(
        request=StageRequestDecisionSerializer, responses={200: StageRequestSerializer, 403: None, 404: None, 409: None}
    )
    def post(self, request, pk: int):
        stage_request = get_object_or_404(StageRequest, pk=pk)
        project = project_selectors.project_get_for_user(request.user, stage_request.project_id, collaborators=False)
        stage_request.project = project
        pending = stage_request.status == StageRequest.Status.PENDING
        if pending and not project_permissions.can_decide_stage_request(request.user, stage_request):
            # before reading the input, as the page refuses before its form matters; the service's words
            raise PermissionDenied(_("You cannot decide this request."))
        incoming = StageRequestDecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            decided = project_services.stage_request_decide(
                actor=request.user, request=stage_request, **incoming.validated_data
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "already_decided":
                return Response({"detail": error.messages[0]}, status=status.HTTP_409_CONFLICT)
            raise service_errors(error) from error
        return Response(StageRequestSerializer(decided).data)

"""Field work (trips, receptions) and the premises inventory (buildings) through the API, read only: the same
selectors, filters and policy as the pages (fieldwork.selectors, premises.selectors / premises.permissions)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from api.fieldwork_serializers import (
    MAX_ROWS,
    BuildingSerializer,
    ReceptionDetailSerializer,
    ReceptionListSerializer,
    TripDetailSerializer,
    TripListSerializer,
)
from api.pagination import BoundedPageNumberPagination
from api.permissions import IsMember
from fieldwork import selectors as fieldwork_selectors
from fieldwork.forms import ReceptionListQuery, TripListQuery
from premises import permissions as premises_permissions
from premises import selectors as premises_selectors
from premises.forms import BuildingFilterForm


@extend_schema(
    parameters=[
        OpenApiParameter("status", OpenApiTypes.STR, description="draft, submitted, approved, in_progress, done, …"),
        OpenApiParameter("team", OpenApiTypes.INT, description="the trip's group id"),
        OpenApiParameter("mine", OpenApiTypes.BOOL, description="only trips the caller leads or joins"),
    ]
)
class TripList(generics.ListAPIView):
    """Trips the caller may see (as on the trip list: the own group's, those one is on, all for the
    leadership), filtered like the list page, latest first."""

    serializer_class = TripListSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        user = self.request.user
        params = TripListQuery(self.request.query_params).values
        filters = fieldwork_selectors.TripListFilters(status=params["status"], team=params["team"], mine=params["mine"])
        return fieldwork_selectors.trip_filter(user, fieldwork_selectors.trip_list_for_user(user), filters)


class TripDetail(generics.RetrieveAPIView):
    """One trip with its people and visits; 404 for a trip the caller may not see, as on the page."""

    serializer_class = TripDetailSerializer
    permission_classes = [IsMember]

    def get(self, request, pk: int):
        trip = fieldwork_selectors.trip_get_for_user(request.user, pk)
        visits = list(fieldwork_selectors.trip_visits(trip)[:MAX_ROWS])
        trip.visit_count = len(visits) if len(visits) < MAX_ROWS else trip.visits.count()
        return Response(TripDetailSerializer(trip, context={"request": request, "visits": visits}).data)


@extend_schema(
    parameters=[OpenApiParameter("status", OpenApiTypes.STR, description="planned, confirmed, done or cancelled")]
)
class ReceptionList(generics.ListAPIView):
    """Receptions the caller may see (as on the reception list): today's and coming ones first, soonest
    first, then past ones."""

    serializer_class = ReceptionListSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        status = ReceptionListQuery(self.request.query_params).values["status"]
        receptions = fieldwork_selectors.reception_list_for_user(self.request.user)
        return fieldwork_selectors.receptions_upcoming_first(receptions, status=status)


class ReceptionDetail(generics.RetrieveAPIView):
    """One reception with its hosts; 404 for a reception the caller may not see, as on the page."""

    serializer_class = ReceptionDetailSerializer
    permission_classes = [IsMember]

    def get_object(self):
        return fieldwork_selectors.reception_get_for_user(self.request.user, self.kwargs["pk"])


def _check_premises_viewer(request) -> None:
    if not premises_permissions.can_view_premises(request.user):
        raise PermissionDenied


@extend_schema(
    parameters=[
        OpenApiParameter("min_height", OpenApiTypes.DECIMAL, description="clear height at least (m)"),
        OpenApiParameter("min_area", OpenApiTypes.DECIMAL, description="floor area from (m²)"),
        OpenApiParameter("max_area", OpenApiTypes.DECIMAL, description="floor area up to (m²)"),
        OpenApiParameter("structure", OpenApiTypes.STR, description="structure code"),
        OpenApiParameter("status", OpenApiTypes.STR, description="vacant, reserved, occupied or building"),
    ]
)
class BuildingList(generics.ListAPIView):
    """The premises inventory (every member reads it), filtered like the building list, highest first."""

    serializer_class = BuildingSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def get_queryset(self):
        _check_premises_viewer(self.request)
        return premises_selectors.building_list(BuildingFilterForm(self.request.query_params).values)


class BuildingDetail(generics.RetrieveAPIView):
    """One building of the inventory (every member reads it, as on the building page)."""

    serializer_class = BuildingSerializer
    permission_classes = [IsMember]

    def get_object(self):
        _check_premises_viewer(self.request)
        return premises_selectors.building_get(self.kwargs["pk"])

"""What the API answers for field work (trips, receptions) and the premises inventory (buildings): read-only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import display_name
from fieldwork.models import PlannedVisit, Reception, Trip
from premises.models import Building

MAX_ROWS = 100  # the people and visits of one trip, the hosts of one reception: never unbounded


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return display_name(user)


class TripListSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=Trip.Status.choices, source="current_status", read_only=True,
        help_text="as on the trip page: an approved trip is in_progress from its start date",
    )  # fmt: skip
    status_display = serializers.CharField(source="get_current_status_display", read_only=True)
    lead_name = serializers.SerializerMethodField()
    group = serializers.IntegerField(source="team_id", read_only=True, allow_null=True)
    group_name = serializers.SerializerMethodField()
    visit_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Trip
        fields = [
            "id", "destinations", "start_date", "end_date", "status", "status_display", "lead", "lead_name", "group",
            "group_name", "purpose", "visit_count", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_lead_name(self, trip: Trip) -> str:
        return display_name(trip.lead)

    def get_group_name(self, trip: Trip) -> str:
        return str(trip.team) if trip.team_id else ""


class VisitSerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    project_name = serializers.SerializerMethodField()
    logged = serializers.SerializerMethodField()

    class Meta:
        model = PlannedVisit
        fields = ["id", "date", "time", "company", "company_name", "project", "project_name", "note", "is_unplanned",
                  "is_new_lead", "logged"]  # fmt: skip
        read_only_fields = fields

    def get_project_name(self, visit: PlannedVisit) -> str:
        return visit.project.name if visit.project_id else ""

    def get_logged(self, visit: PlannedVisit) -> bool:
        return visit.contact_log_id is not None


class TripDetailSerializer(TripListSerializer):
    members = serializers.SerializerMethodField()
    visits = serializers.SerializerMethodField()

    class Meta(TripListSerializer.Meta):
        fields = [*TripListSerializer.Meta.fields, "transport_notes", "budget_notes", "approved_at", "cancel_reason",
                  "cancelled_at", "members", "visits"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(many=True))
    def get_members(self, trip: Trip) -> list[dict]:
        members = list(trip.members.all())[:MAX_ROWS]  # prefetched by fieldwork.selectors.trip_get_for_user
        return PersonSerializer(members, many=True).data

    @extend_schema_field(VisitSerializer(many=True))
    def get_visits(self, trip: Trip) -> list[dict]:
        return VisitSerializer(self.context["visits"][:MAX_ROWS], many=True).data


class ReceptionListSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    project_name = serializers.SerializerMethodField()
    group = serializers.IntegerField(source="team_id", read_only=True, allow_null=True)
    group_name = serializers.SerializerMethodField()

    class Meta:
        model = Reception
        fields = ["id", "starts_at", "ends_at", "status", "status_display", "company", "company_name", "project",
                  "project_name", "group", "group_name", "headcount", "updated_at"]  # fmt: skip
        read_only_fields = fields

    def get_project_name(self, reception: Reception) -> str:
        return reception.project.name if reception.project_id else ""

    def get_group_name(self, reception: Reception) -> str:
        return str(reception.team) if reception.team_id else ""


class ReceptionDetailSerializer(ReceptionListSerializer):
    hosts = serializers.SerializerMethodField()

    class Meta(ReceptionListSerializer.Meta):
        fields = [*ReceptionListSerializer.Meta.fields, "visitors", "itinerary", "note", "cancel_reason",
                  "cancelled_at", "contact_log", "hosts"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(many=True))
    def get_hosts(self, reception: Reception) -> list[dict]:
        hosts = list(reception.hosts.all())[:MAX_ROWS]  # prefetched by fieldwork.selectors.reception_get_for_user
        return PersonSerializer(hosts, many=True).data


class BuildingSerializer(serializers.ModelSerializer):
    owner_display = serializers.CharField(source="get_owner_display", read_only=True)
    structure_display = serializers.CharField(source="get_structure_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Building
        fields = [
            "id", "name", "address", "owner", "owner_display", "floor_area_m2", "floors", "ceiling_height_m",
            "structure", "structure_display", "floor_load_t_m2", "crane_t", "power_kva", "water_transport_km",
            "price_note", "available_from", "status", "status_display", "notes", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

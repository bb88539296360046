"""What the API answers: read-only views of the apps' rows, with display names resolved."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import ContactLog, FollowUp
from crm import permissions as crm_permissions
from crm.models import Company, Contact
from projects.models import Project, StageRequest

MAX_CONTACTS = 100


def display_name(user) -> str:
    if user is None:
        return ""
    membership = getattr(user, "membership", None)
    return membership.display_name if membership is not None else user.get_username()


class ProjectListSerializer(serializers.ModelSerializer):
    company = serializers.IntegerField(source="company_id", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    group = serializers.IntegerField(source="owner_team_id", read_only=True, allow_null=True)
    group_name = serializers.SerializerMethodField()
    owner_name = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id", "name", "company", "company_name", "stage", "stage_display", "status", "status_display",
            "group", "group_name", "owner", "owner_name", "planned_investment", "contracted_amount",
            "funds_in_place", "expected_signing_date", "last_contact_at", "version", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_group_name(self, project: Project) -> str:
        return str(project.owner_team) if project.owner_team_id else ""

    def get_owner_name(self, project: Project) -> str:
        return display_name(project.owner)


class ProjectDetailSerializer(ProjectListSerializer):
    class Meta(ProjectListSerializer.Meta):
        fields = [
            *ProjectListSerializer.Meta.fields, "product", "channel", "fixed_asset_investment",
            "expected_annual_output", "expected_annual_tax", "is_provincial_major", "is_high_tech",
            "planned_construction_date", "stage_entered_at", "signed_on", "construction_started_on",
            "production_started_on", "status_reason", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer):
    email = serializers.CharField(read_only=True, help_text="an email address, or empty")  # "" is no address

    class Meta:
        model = Contact
        fields = ["id", "name", "title", "phone", "wechat_id", "email", "notes"]
        read_only_fields = fields


class ContactDetailSerializer(ContactSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta(ContactSerializer.Meta):
        fields = [*ContactSerializer.Meta.fields, "company", "company_name", "created_at"]
        read_only_fields = fields


class ContactWriteSerializer(serializers.ModelSerializer):
    """What a script sends to add or change a contact person; the rules are crm.services'."""

    class Meta:
        model = Contact
        fields = ["name", "title", "phone", "wechat_id", "email", "notes"]


class CompanyListSerializer(serializers.ModelSerializer):
    contact_count = serializers.IntegerField(read_only=True)
    # not recorded is "" (documented as such: a read-only model field would be documented as the choices only)
    size = serializers.ChoiceField(choices=Company.Size.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Company
        fields = ["id", "name", "credit_code", "province", "city", "industry", "size", "contact_count"]
        read_only_fields = fields


class CompanyDetailSerializer(CompanyListSerializer):
    contacts_visible = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()

    class Meta(CompanyListSerializer.Meta):
        fields = [*CompanyListSerializer.Meta.fields, "contacts_visible", "contacts"]
        read_only_fields = fields

    def _visible(self, company: Company) -> bool:
        return crm_permissions.can_view_company_contacts(self.context["request"].user, company)

    def get_contacts_visible(self, company: Company) -> bool:
        return self._visible(company)

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, company: Company) -> list:
        """The contact persons, as on the company page: empty for someone who may not see them."""
        if not self._visible(company):
            return []
        return ContactSerializer(company.contacts.order_by("pk")[:MAX_CONTACTS], many=True).data


class ContactLogSerializer(serializers.ModelSerializer):
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    project_name = serializers.SerializerMethodField()
    company_name = serializers.CharField(source="company.name", read_only=True)
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = ContactLog
        fields = [
            "id", "project", "project_name", "company", "company_name", "channel", "channel_display",
            "occurred_at", "duration_minutes", "author", "author_name", "summary", "outcome", "next_step",
        ]  # fmt: skip
        read_only_fields = fields

    def get_project_name(self, log: ContactLog) -> str:
        return log.project.name if log.project_id else ""

    def get_author_name(self, log: ContactLog) -> str:
        return display_name(log.author)


class FollowUpSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    project_name = serializers.SerializerMethodField()
    company_name = serializers.CharField(source="company.name", read_only=True)
    owner_name = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id", "title", "due_date", "due_time", "status", "status_display", "project", "project_name",
            "company", "company_name", "owner", "owner_name", "done_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_project_name(self, follow_up: FollowUp) -> str:
        return follow_up.project.name if follow_up.project_id else ""

    def get_owner_name(self, follow_up: FollowUp) -> str:
        return display_name(follow_up.owner)


class ContactLogCreateSerializer(serializers.Serializer):
    """What a script sends to log a contact; the rules are activities.services.contact_log_create's."""

    project = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    company = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    channel = serializers.ChoiceField(choices=ContactLog._meta.get_field("channel").choices)
    summary = serializers.CharField(max_length=5000)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    duration_minutes = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=24 * 60)
    outcome = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    next_step = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class ProjectUpdateSerializer(serializers.ModelSerializer):
    """The fields a script may change (PATCH); bounds are the model's, the rules projects.services'."""

    version = serializers.IntegerField(required=False, min_value=1, help_text="the version read; or If-Match")

    class Meta:
        model = Project
        fields = [
            "version", "name", "product", "planned_investment", "contracted_amount", "funds_in_place",
            "expected_signing_date", "planned_construction_date",
        ]  # fmt: skip


class StageRequestCreateSerializer(serializers.Serializer):
    to_stage = serializers.CharField(max_length=20)
    comment = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class StageRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageRequest
        fields = [
            "id", "project", "from_stage", "to_stage", "is_skip", "status", "comment", "requested_by",
            "requested_at", "decided_by", "decided_at", "decision_comment",
        ]  # fmt: skip
        read_only_fields = fields


class StageRequestInboxSerializer(StageRequestSerializer):
    """A pending request in the sign-off inbox, with the names the inbox page shows."""

    project_name = serializers.CharField(source="project.name", read_only=True)
    company_name = serializers.CharField(source="project.company.name", read_only=True)
    group_name = serializers.SerializerMethodField()
    requested_by_name = serializers.SerializerMethodField()

    class Meta(StageRequestSerializer.Meta):
        fields = [*StageRequestSerializer.Meta.fields, "project_name", "company_name", "group_name",
                  "requested_by_name"]  # fmt: skip
        read_only_fields = fields

    def get_group_name(self, stage_request: StageRequest) -> str:
        project = stage_request.project
        return str(project.owner_team) if project.owner_team_id else ""

    def get_requested_by_name(self, stage_request: StageRequest) -> str:
        return display_name(stage_request.requested_by)


class StageRequestDecisionSerializer(serializers.Serializer):
    """Approve or reject; the rules (who decides, a comment to reject) are projects.services'."""

    approve = serializers.BooleanField(help_text="true approves the move, false rejects it")
    comment = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")

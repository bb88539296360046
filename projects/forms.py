from functools import partial

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.autocomplete import MAX_PK, AutocompleteSelect
from core.forms import BoundedModelMultipleChoiceField, PlausibleDateField
from crm.identity import validate_credit_code
from crm.models import Company, ConflictClaim
from projects.models import ChainLink, IndustryChain, Project, ProjectIncrement
from projects.selectors import ProjectFilters
from projects.stages import Stage, next_stage
from teams.models import Membership, Team

PROJECT_FORM_FIELDS = [
    "name", "product", "chain", "chain_link", "channel", "referrer",
    "planned_investment", "fixed_asset_investment", "contracted_amount", "funds_in_place",
    "expected_annual_output", "expected_annual_tax", "is_provincial_major", "is_high_tech",
    "expected_signing_date", "planned_construction_date", "owner", "collaborators",
    "floor_area_m2", "ceiling_height_m", "structure", "land_mu", "power_kva", "needs_water_transport",
    "premises_notes",
]  # fmt: skip


def _member_label(user: User) -> str:
    """How people are named in pickers: display name · group (never the login name)."""
    membership = getattr(user, "membership", None)
    if membership is None:
        return user.get_full_name() or "—"
    return f"{membership.display_name} · {membership.team.name}" if membership.team else membership.display_name


def group_members(*, active_only: bool = True) -> QuerySet[User]:
    """People who can own or work on projects: recruiters and group leaders of a group (no directors,
    no administrators, nobody without a group), with their group loaded for the label (one query)."""
    people = User.objects.filter(membership__role__in=Membership.TEAM_ROLES, membership__team__isnull=False)
    if active_only:
        people = people.filter(is_active=True)
    return people.select_related("membership__team").order_by("membership__team__code", "membership__display_name")


class ProjectForm(forms.ModelForm):
    """Project facts; the service checks the rules that involve other rows (owner in the group, …)."""

    class Meta:
        model = Project
        fields = PROJECT_FORM_FIELDS
        # planned dates from 2000 to ten years ahead (core.dates), with min/max on the inputs
        field_classes = {
            "expected_signing_date": PlausibleDateField,
            "planned_construction_date": PlausibleDateField,
            "collaborators": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "product": forms.Textarea(attrs={"rows": 2}),
            "premises_notes": forms.Textarea(attrs={"rows": 2}),
            "collaborators": forms.SelectMultiple(attrs={"size": 6}),
            # A search box (companies in the park first), never a <select> of every company.
            "referrer": AutocompleteSelect(
                url=reverse_lazy("projects:referrer_autocomplete"), placeholder=_("Type the referring company")
            ),
        }

    def __init__(self, *args, team: Team | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        active_people = group_members()
        self.fields["owner"].queryset = active_people.filter(membership__team=team) if team else active_people
        self.fields["owner"].label_from_instance = _member_label
        self.fields["owner"].required = False
        self.fields["collaborators"].queryset = active_people
        self.fields["collaborators"].label_from_instance = _member_label
        self.fields["chain"].queryset = IndustryChain.objects.filter(is_active=True)
        self.fields["chain_link"].queryset = ChainLink.objects.filter(is_active=True).select_related("chain")
        self.fields["referrer"].queryset = Company.objects.all()


class ProjectCreateForm(ProjectForm):
    company_name = forms.CharField(
        label=_("Investor company"),
        max_length=200,
        help_text=_("Type the name; existing companies and who holds them are shown as you type."),
    )
    company_credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=30, required=False, validators=[validate_credit_code]
    )
    owner_team = forms.ModelChoiceField(label=_("Owner group"), queryset=Team.objects.filter(is_active=True))

    field_order = ["company_name", "company_credit_code", "name", "owner_team"]

    def __init__(self, *args, choose_team: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Near-duplicates (and who holds them) appear under the field while typing.
        self.fields["company_name"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("crm:company_suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#company-suggestions",
                "hx-include": "[name=company_credit_code]",
                "autocomplete": "off",
            }
        )
        if not choose_team:
            del self.fields["owner_team"]


class ProjectEditForm(ProjectForm):
    """Each field also carries, in a hidden `initial-<name>` input, the value the page was loaded with:
    when the save is refused as stale, `edited_fields()` names only what this editor changed, never
    the fields somebody else changed meanwhile."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True

    def edited_fields(self) -> list[str]:
        """Fields whose submitted value differs from the value the editor's page started from. A post
        without the loaded values (not from this page) names none: what it started from is unknown."""
        if self.add_initial_prefix("version") not in self.data:
            return []
        return [name for name in self.changed_data if name != "version"]


def display_value(field: forms.Field, value) -> str:
    """A form value as the page shows it: choices by label, people and rows by their names."""
    if value is None or value == "":
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(field.label_from_instance(item) for item in value)
    if isinstance(field, forms.ModelChoiceField):
        return field.label_from_instance(value)
    if isinstance(field, forms.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class StageRequestForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"))
    comment = forms.CharField(label=_("Why now?"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, project: Project, may_skip: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if may_skip:
            choices = [(stage.value, stage.label) for stage in Stage if stage != project.stage]
        else:
            following = next_stage(project.stage)
            choices = [(following.value, following.label)] if following else []
        self.fields["to_stage"].choices = choices
        if choices:
            self.fields["to_stage"].initial = (
                (next_stage(project.stage) or choices[0][0]) if may_skip else choices[0][0]
            )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting."),
    )  # fmt: skip


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Project.Status.choices)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(v, label) for v, label in Project.Status.choices if v != project.status]


class IncrementForm(forms.ModelForm):
    class Meta:
        model = ProjectIncrement
        fields = ["amount", "signed_on", "note"]
        field_classes = {"signed_on": partial(PlausibleDateField, latest=timezone.localdate)}  # not in the future


class ConflictDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ConflictClaim.Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ChainForm(forms.ModelForm):
    class Meta:
        model = IndustryChain
        fields = ["name", "position", "is_active"]


class ChainLinkForm(forms.ModelForm):
    class Meta:
        model = ChainLink
        fields = ["name", "segment", "is_active"]


class ProjectFilterForm(forms.Form):
    """The list's filters (GET). Unknown values are ignored rather than failing the page."""

    SIZE_CHOICES = [("", _("Any size")), ("1", _("≥ 1亿元")), ("10", _("≥ 10亿元"))]
    SORT_CHOICES = [
        ("-updated_at", _("Recently updated")),
        ("name", _("Project name")),
        ("-planned_investment", _("Largest investment")),
        ("-stage", _("Furthest stage")),
        ("stage", _("Earliest stage")),
        ("expected_signing_date", _("Expected signing")),
    ]

    q = forms.CharField(label=_("Search"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Project.Status.choices]
    )
    chain = forms.ModelChoiceField(
        label=_("Industry chain"), required=False, queryset=IndustryChain.objects.all(), empty_label=_("All chains")
    )
    team = forms.ModelChoiceField(
        label=_("Group"), required=False, queryset=Team.objects.all(), empty_label=_("All groups")
    )
    owner = forms.ModelChoiceField(  # people who left still own projects: a link may name them
        label=_("Owner"), required=False, queryset=group_members(active_only=False),
        widget=AutocompleteSelect(
            url=format_lazy("{}?owners=1", reverse_lazy("teams:member_autocomplete")), placeholder=_("Anyone")
        ),
    )  # fmt: skip
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Project.Channel.choices]
    )
    size = forms.ChoiceField(label=_("Size"), required=False, choices=SIZE_CHOICES)
    provincial_major = forms.BooleanField(label=_("Provincial major"), required=False)
    high_tech = forms.BooleanField(label=_("High-tech"), required=False)
    referrer = forms.ModelChoiceField(
        label=_("Referred by"), required=False, queryset=Company.objects.all(),
        widget=AutocompleteSelect(url=reverse_lazy("projects:referrer_autocomplete"), placeholder=_("Any referrer")),
    )  # fmt: skip
    company = forms.IntegerField(required=False, min_value=1, max_value=MAX_PK, widget=forms.HiddenInput)
    signed_year = forms.IntegerField(
        label=_("Signed in"), required=False, min_value=2000, max_value=2100, widget=forms.HiddenInput
    )
    reached = forms.ChoiceField(
        required=False, widget=forms.HiddenInput,
        choices=[("", ""), ("construction", _("Construction started")), ("production", _("In production"))],
    )  # fmt: skip
    on_schedule = forms.BooleanField(required=False, widget=forms.HiddenInput)
    created_year = forms.IntegerField(required=False, min_value=2000, max_value=2100, widget=forms.HiddenInput)
    stage_days = forms.IntegerField(required=False, min_value=1, max_value=3650, widget=forms.HiddenInput)
    reached_stage = forms.ChoiceField(required=False, choices=[("", ""), *Stage.choices], widget=forms.HiddenInput)
    chain_link = forms.IntegerField(required=False, min_value=1, max_value=MAX_PK, widget=forms.HiddenInput)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    SELECTS = ("stage", "status", "chain", "team", "channel", "size", "sort")
    SEARCHES = ("owner", "referrer")  # picked by typing: the page never lists every person or company

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].label_from_instance = _member_label
        for name in self.SELECTS:
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in self.SEARCHES:
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    def filters(self) -> ProjectFilters:
        """The selectors' filters for what was asked (all projects when the query is not valid): the list
        page and its export read the same ones."""
        if not self.is_valid():
            return ProjectFilters()
        data = self.cleaned_data
        return ProjectFilters(
            query=data["q"].strip(),
            stage=data["stage"],
            status=data["status"],
            chain=data["chain"].pk if data["chain"] else None,
            team=data["team"].pk if data["team"] else None,
            owner=data["owner"].pk if data["owner"] else None,
            channel=data["channel"],
            min_investment_yi=int(data["size"]) if data["size"] else None,
            provincial_major=data["provincial_major"],
            high_tech=data["high_tech"],
            company=data["company"],
            referrer=data["referrer"].pk if data["referrer"] else None,
            signed_year=data["signed_year"],
            reached=data["reached"],
            on_schedule=data["on_schedule"],
            created_year=data["created_year"],
            stage_days=data["stage_days"],
            reached_stage=data["reached_stage"],
            chain_link=data["chain_link"],
            sort=data["sort"] or "-updated_at",
        )

    def select_fields(self):
        return [self[name] for name in self.SELECTS]

    def search_fields(self):
        return [self[name] for name in self.SEARCHES]

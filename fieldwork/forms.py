"""Input shape of trips, visits, reports and receptions; the rules are the services'."""

from django import forms
from django.contrib.auth.models import User
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from core.dates import EARLIEST_DATE, latest_plan_date
from core.forms import BoundedModelMultipleChoiceField, PlausibleDateField
from crm.identity import validate_credit_code
from crm.models import Company
from fieldwork.models import FieldworkPolicy, Reception, Trip
from projects.models import Project
from teams.models import Membership, Team

TEXT_LIMIT = 20_000
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
COLLEAGUES_URL = format_lazy("{}?colleagues=1", reverse_lazy("teams:member_autocomplete"))


class PlausibleDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] |= {"min": f"{EARLIEST_DATE.isoformat()}T00:00",
                                       "max": f"{latest_plan_date().isoformat()}T23:59"}  # fmt: skip
        return context


def colleagues():
    return (
        User.objects.filter(is_active=True, membership__isnull=False)
        .exclude(membership__role=Membership.Role.ADMIN)
        .select_related("membership")
    )


def _colleague_label(user: User) -> str:
    return user.membership.display_name if hasattr(user, "membership") else user.get_username()


class TripForm(forms.Form):
    destinations = forms.CharField(label=_("Destinations"), max_length=200, help_text=_("Cities, e.g. 丽水, 衢州"))
    start_date = PlausibleDateField(label=_("From"))
    end_date = PlausibleDateField(label=_("Until (return date)"))
    lead = forms.ModelChoiceField(
        label=_("Trip lead"), queryset=User.objects.none(), required=False, help_text=_("Empty: you."),
        widget=AutocompleteSelect(url=COLLEAGUES_URL, placeholder=_("Type a colleague's name")),
    )  # fmt: skip
    members = BoundedModelMultipleChoiceField(
        label=_("Travelling with"), queryset=User.objects.none(), required=False,
        widget=AutocompleteSelectMultiple(url=COLLEAGUES_URL, placeholder=_("Type a colleague's name")),
    )  # fmt: skip
    purpose = forms.CharField(
        label=_("Purpose"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Whom you visit and what you want to achieve."),
    )  # fmt: skip
    transport_notes = forms.CharField(
        label=_("Transport"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )
    budget_notes = forms.CharField(
        label=_("Budget"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead", "members"):
            self.fields[name].queryset = colleagues()
            self.fields[name].label_from_instance = _colleague_label


class VisitForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False,
        widget=AutocompleteSelect(url=reverse_lazy("projects:project_autocomplete"), placeholder=_("Type a project")),
    )  # fmt: skip
    company = forms.ModelChoiceField(
        label=_("or company (no project yet)"), queryset=Company.objects.all(), required=False,
        widget=AutocompleteSelect(url=reverse_lazy("crm:company_autocomplete"), placeholder=_("Type a company")),
    )  # fmt: skip
    date = PlausibleDateField(label=_("Date"))
    time = forms.TimeField(label=_("Time"), required=False, widget=TIME)
    people = BoundedModelMultipleChoiceField(
        label=_("Who goes"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: everyone on the trip."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, trip: Trip, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        people = User.objects.filter(pk__in=[trip.lead_id, *(m.pk for m in trip.members.all())])
        self.fields["people"].queryset = people.select_related("membership")
        self.fields["people"].label_from_instance = _colleague_label


class NewLeadForm(forms.Form):
    """A new lead met on the road: the investor, the project and the day it was met."""

    company_name = forms.CharField(
        label=_("Investor company"), max_length=200,
        help_text=_("An existing company is used when the name or the credit code matches."),
    )  # fmt: skip
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=30, required=False, validators=[validate_credit_code]
    )
    name = forms.CharField(label=_("Project name"), max_length=200)
    product = forms.CharField(
        label=_("Product / what will be built"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    date = PlausibleDateField(label=_("Met on"))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")], widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when sending the trip back."),
    )  # fmt: skip


class TripReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Trip summary"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Prefilled from the visits' logs: edit it before filing."),
    )  # fmt: skip


class QueryForm(forms.Form):
    """A list's query string: always bound; an invalid parameter counts as absent (never an error page)."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)

    @property
    def values(self) -> dict:
        self.is_valid()
        return {name: self.cleaned_data.get(name, field.to_python(None)) for name, field in self.fields.items()}


class TripListQuery(QueryForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Trip.Status.choices]
    )
    team = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label=_("My trips"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(is_active=True).values_list("pk", "name")
        self.fields["team"].choices = [("", _("All groups")), *teams]
        for name in ("status", "team"):
            self.fields[name].widget.attrs.update({"class": "form-select form-select-sm", "data-submit-on-change": ""})


class ReceptionListQuery(QueryForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Reception.Status.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm", "data-submit-on-change": ""}),
    )  # fmt: skip


class ReceptionForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False,
        widget=AutocompleteSelect(url=reverse_lazy("projects:project_autocomplete"), placeholder=_("Type a project")),
    )  # fmt: skip
    company = forms.ModelChoiceField(
        label=_("or company (no project yet)"), queryset=Company.objects.all(), required=False,
        widget=AutocompleteSelect(url=reverse_lazy("crm:company_autocomplete"), placeholder=_("Type a company")),
    )  # fmt: skip
    visitors = forms.CharField(
        label=_("Visitors"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: name, title (e.g. 刘振宇, 总经理)."),
    )  # fmt: skip
    headcount = forms.IntegerField(label=_("Headcount"), min_value=1, max_value=500, initial=1)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=PlausibleDateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), required=False, widget=PlausibleDateTimeInput())
    hosts = BoundedModelMultipleChoiceField(
        label=_("Hosts"), queryset=User.objects.none(),
        widget=AutocompleteSelectMultiple(url=COLLEAGUES_URL, placeholder=_("Type a colleague's name")),
    )  # fmt: skip
    # Hidden until the service warns that a host is busy then; then a checkbox to confirm.
    confirm_double_booking = forms.BooleanField(label=_("Keep these hosts"), required=False, widget=forms.HiddenInput)
    itinerary = forms.CharField(
        label=_("Itinerary"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line: time, what, where (e.g. 10:30 看厂房 园区三号厂房)."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )
    held_summary = forms.CharField(
        label=_("Already held: what was said"), required=False, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Only for a reception that has already taken place."),
    )  # fmt: skip
    held_outcome = forms.CharField(
        label=_("Outcome"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 1})
    )

    def __init__(self, *args, projects=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = colleagues()
        self.fields["hosts"].label_from_instance = _colleague_label
        if editing:  # the investor stays; a planned reception is not recorded as held from here
            for name in ("project", "company", "held_summary", "held_outcome"):
                del self.fields[name]
        else:
            self.fields["project"].queryset = projects if projects is not None else Project.objects.none()

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at.year < EARLIEST_DATE.year or starts_at.date() > latest_plan_date():
            raise forms.ValidationError(_("Choose a plausible date and time."), code="implausible_date")
        return starts_at

    def offer_double_booking_confirmation(self, error) -> None:
        errors = getattr(error, "error_dict", {}).get("hosts", [])
        if any(item.code == "double_booked" for item in errors):
            self.fields["confirm_double_booking"].widget = forms.CheckboxInput()


class ReceptionCompleteForm(forms.Form):
    summary = forms.CharField(label=_("What was said"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(
        label=_("Outcome"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_step = forms.CharField(
        label=_("Next step"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 1})
    )
    follow_up_due_date = PlausibleDateField(label=_("Follow up on"), required=False)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = FieldworkPolicy
        fields = ["report_due_days", "min_groups_out"]

"""Input shape of the aftercare pages; the rules are the services'."""

from django import forms
from django.contrib.auth.models import User
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from aftercare.models import MAX_SLA_DAYS, RequestKind, ServiceRequest
from aftercare.services import MAX_NOTE, MAX_RESOLUTION
from core.autocomplete import AutocompleteSelect
from core.forms import PlausibleDateField
from core.query import IdField, QueryForm, SearchField, YearField
from projects.models import Project
from teams.models import Membership

ANY = [("", _("Any"))]


def center_people():
    """Active people who work with companies (everyone but administrators), labelled by their name."""
    return (
        User.objects.filter(is_active=True, membership__isnull=False)
        .exclude(membership__role=Membership.Role.ADMIN)
        .select_related("membership")
    )


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.membership.display_name


def _person_widget(placeholder=None) -> AutocompleteSelect:
    return AutocompleteSelect(url=format_lazy("{}?colleagues=1", reverse_lazy("teams:member_autocomplete")),
                              placeholder=placeholder or _("Type a name"))  # fmt: skip


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=RequestKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=20_000,
                                  widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    project = forms.ModelChoiceField(label=_("Project"), required=False, queryset=Project.objects.none(),
                                     empty_label=_("The company as a whole"))  # fmt: skip
    responsible = PersonField(label=_("Responsible"), queryset=center_people(), widget=_person_widget())
    due_on = PlausibleDateField(
        label=_("Due on"), required=False,
        help_text=_("Leave empty to use the service level of the type (working days, Monday to Friday)."),
    )  # fmt: skip

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["project"].queryset = projects


class RequestEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=20_000,
                                  widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    responsible = PersonField(label=_("Responsible"), queryset=center_people(), widget=_person_widget())
    due_on = PlausibleDateField(label=_("Due on"))
    note = forms.CharField(label=_("Why (kept in the history)"), required=False, max_length=MAX_NOTE)

    @classmethod
    def initial_for(cls, request: ServiceRequest) -> dict:
        return {"title": request.title, "description": request.description, "responsible": request.responsible_id,
                "due_on": request.due_on}  # fmt: skip


class StartForm(forms.Form):
    note = forms.CharField(label=_("What was done"), required=False, max_length=MAX_NOTE)


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("How it was resolved"), max_length=MAX_RESOLUTION,
                                 widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


STATUS_FILTERS = [("", _("Any status")), ("open_any", _("Not resolved")), *ServiceRequest.Status.choices]
AGE_FILTERS = [("", _("Any age")), ("lt5", _("Under 5 working days")), ("5to10", _("5–10 working days")),
               ("gt10", _("Over 10 working days"))]  # fmt: skip


class RequestFilterForm(QueryForm):
    """The request list's filters (GET); a bad value is ignored."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *RequestKind.choices])
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    responsible = PersonField(label=_("Responsible"), required=False, queryset=center_people(),
                              widget=_person_widget(_("Anyone")))  # fmt: skip
    age = forms.ChoiceField(label=_("Age"), required=False, choices=AGE_FILTERS)
    team = IdField()
    company = IdField()
    resolved_year = YearField(widget=forms.HiddenInput)
    within_sla = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CompanyFilterForm(QueryForm):
    q = SearchField(label=_("Search"))
    open = forms.BooleanField(label=_("With open requests"), required=False)


class ServiceLevelForm(forms.Form):
    """One number of working days per request type."""

    def __init__(self, *args, days: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in RequestKind:
            self.fields[kind.value] = forms.IntegerField(
                label=kind.label, min_value=1, max_value=MAX_SLA_DAYS, initial=days.get(kind.value),
                help_text=_("working days"),
            )  # fmt: skip

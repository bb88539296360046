from django import forms
from django.contrib.auth.models import User
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import Channel, ContactLog, FollowUp
from activities.selectors import ActivityFilters
from activities.services import contact_time_error
from core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from core.forms import BoundedModelMultipleChoiceField, PlausibleDateField
from crm.models import Company, Contact
from projects.models import Project
from teams.models import Membership

TEXT_LIMIT = 20_000  # characters of one text field of a log: pages of minutes, not a book
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (type, content and size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def _colleague_label(user: User) -> str:
    membership = getattr(user, "membership", None)
    return membership.display_name if membership else user.get_username()


class ContactLogForm(forms.Form):
    """The one short form of a contact: project (or company), how, when, with whom, what, what next."""

    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    company = forms.ModelChoiceField(queryset=Company.objects.none(), required=False, widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=pgettext_lazy("contact", "Channel"), choices=Channel.choices, widget=forms.RadioSelect
    )
    occurred_at = forms.DateTimeField(
        label=_("Happened at"),
        required=False,
        help_text=_("Empty: now."),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "min": "2000-01-01T00:00"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    duration_minutes = forms.IntegerField(label=_("Minutes"), required=False, min_value=1, max_value=24 * 60)
    contacts = BoundedModelMultipleChoiceField(
        label=_("Spoke with"), queryset=Contact.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("What was said"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(
        label=_("Outcome"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 1})
    )
    next_step = forms.CharField(
        label=_("Next step"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 1})
    )
    follow_up_due_date = PlausibleDateField(label=_("Follow up on"), required=False)
    follow_up_due_time = forms.TimeField(label=_("Follow-up time"), required=False, widget=TIME)
    follow_up_title = forms.CharField(
        label=_("Follow-up"), required=False, max_length=200, help_text=_("Empty: the next step is used.")
    )
    participants = BoundedModelMultipleChoiceField(
        label=_("Also took part"), queryset=User.objects.none(), required=False,
        widget=AutocompleteSelectMultiple(
            url=format_lazy("{}?colleagues=1", reverse_lazy("teams:member_autocomplete")),
            placeholder=_("Type a colleague's name"),
        ),
    )  # fmt: skip
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=_("PDF, docx, xlsx, JPG or PNG, up to 10 MB each.")
    )

    def __init__(self, *args, projects=None, project: Project | None = None, company: Company | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["project"].queryset = projects
        if project is None and company is not None:  # a contact with a company, no project yet
            self.fields["company"].queryset = Company.objects.filter(pk=company.pk)
            self.fields["company"].initial = company.pk
            self.fields["contacts"].queryset = Contact.objects.filter(company_id=company.pk)
        if project is not None:
            self.fields["project"].queryset = Project.objects.filter(pk=project.pk)
            self.fields["project"].initial = project.pk
            self.fields["project"].widget = forms.HiddenInput()
            self.fields["contacts"].queryset = Contact.objects.filter(company_id=project.company_id)
        self.fields["contacts"].label_from_instance = lambda contact: str(contact)
        self.fields["participants"].queryset = (
            User.objects.filter(is_active=True, membership__isnull=False)
            .exclude(membership__role=Membership.Role.ADMIN)
            .select_related("membership")
        )
        self.fields["participants"].label_from_instance = _colleague_label
        # One query for the company's few contacts, read once for the check and the checkboxes (a choices
        # iterator would read them again); a POST is still validated against the queryset.
        contacts = [(contact.pk, str(contact)) for contact in self.fields["contacts"].queryset]
        if contacts:
            self.fields["contacts"].choices = contacts
        else:
            del self.fields["contacts"]

    def clean_occurred_at(self):
        occurred_at = self.cleaned_data["occurred_at"] or timezone.now()
        error = contact_time_error(occurred_at)
        if error:
            raise forms.ValidationError(error, code="implausible_date")
        return occurred_at


class ContactLogEditForm(forms.ModelForm):
    class Meta:
        model = ContactLog
        fields = ["channel", "occurred_at", "duration_minutes", "summary", "outcome", "next_step"]
        widgets = {
            "occurred_at": DATETIME,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }


class FollowUpForm(forms.ModelForm):
    due_date = PlausibleDateField(label=_("Due on"))

    class Meta:
        model = FollowUp
        fields = ["title", "due_date", "due_time"]
        widgets = {"due_time": TIME}


class RescheduleForm(forms.Form):
    due_date = PlausibleDateField(label=_("New date"))
    due_time = forms.TimeField(label=_("at"), required=False, widget=TIME)


class ActivityFilterForm(forms.Form):
    channel = forms.ChoiceField(
        label=pgettext_lazy("contact", "Channel"),
        required=False,
        choices=[("", pgettext_lazy("contact", "All channels")), *Channel.choices],
    )
    member = forms.ModelChoiceField(
        label=_("Member"), required=False,
        queryset=User.objects.filter(membership__isnull=False).select_related("membership"),
        widget=AutocompleteSelect(url=reverse_lazy("teams:member_autocomplete"), placeholder=_("Anyone")),
    )  # fmt: skip
    team = forms.ModelChoiceField(label=_("Group"), required=False, queryset=None, empty_label=_("All groups"))
    project = forms.ModelChoiceField(
        label=_("Project"), required=False, queryset=Project.objects.none(),
        widget=AutocompleteSelect(url=reverse_lazy("projects:project_autocomplete"), placeholder=_("All projects")),
    )  # fmt: skip
    date_from = PlausibleDateField(label=_("From"), required=False)
    date_to = PlausibleDateField(label=_("To"), required=False)

    def filters(self) -> ActivityFilters:
        """The selectors' filters for what was asked (no filter when the query is not valid): the activity
        list and its export read the same ones."""
        if not self.is_valid():
            return ActivityFilters()
        data = self.cleaned_data
        return ActivityFilters(
            channel=data["channel"],
            member=data["member"].pk if data["member"] else None,
            team=data["team"].pk if data["team"] else None,
            project=data["project"].pk if data["project"] else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )

    def __init__(self, *args, projects=None, **kwargs):
        from teams.models import Team

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(is_active=True)
        if projects is not None:
            self.fields["project"].queryset = projects
        self.fields["member"].label_from_instance = _colleague_label
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

"""Input shape of the 督办 pages; the rules are the services'."""

from django import forms
from django.contrib.auth.models import User
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.autocomplete import AutocompleteSelect
from core.forms import PlausibleDateField
from core.query import IdField, QueryForm
from supervision.models import MAX_NOTE, MAX_TEXT, SupervisionOrder
from supervision.selectors import OPEN
from supervision.urgency import COLOURS, LABELS
from teams.models import Membership, Team


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.membership.display_name


class IssueForm(forms.Form):
    required = forms.CharField(label=_("What is required"), max_length=MAX_TEXT,
                               widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    responsible = PersonField(label=_("Responsible"), queryset=User.objects.none(), empty_label=None,
                              widget=forms.RadioSelect)  # fmt: skip
    due_on = PlausibleDateField(label=_("Deadline"))
    first_report_on = PlausibleDateField(
        label=_("First progress report by"), required=False,
        help_text=_("Optional: the order turns yellow if no report by then."),
    )  # fmt: skip

    def __init__(self, *args, candidates: list[User], owner_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label_from_instance = lambda user: (
            (_("%(name)s (project owner)") if user.pk == owner_id else _("%(name)s (group leader)"))
            % {"name": user.membership.display_name}
        )
        self.fields["responsible"].queryset = User.objects.filter(pk__in=[u.pk for u in candidates]).select_related(
            "membership"
        )
        if candidates:
            self.fields["responsible"].initial = candidates[0].pk

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=MAX_NOTE)


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Progress report"), max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Closing note (optional)"), required=False, max_length=MAX_NOTE)


STATUS_FILTERS = [(OPEN, _("Not closed")), ("", _("Any status")), *SupervisionOrder.Status.choices]


class OrderFilterForm(QueryForm):
    """The list's filters (GET); a bad value is ignored. Open orders unless a status is asked for."""

    colour = forms.ChoiceField(label=_("Colour"), required=False,
                               choices=[("", _("Any colour")), *((c, LABELS[c]) for c in COLOURS)])  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)
    team = forms.ModelChoiceField(label=_("Group"), required=False, queryset=Team.objects.order_by("name"),
                                  empty_label=_("All groups"))  # fmt: skip
    responsible = PersonField(
        label=_("Responsible"), required=False,
        queryset=User.objects.filter(is_active=True, membership__isnull=False)
        .exclude(membership__role=Membership.Role.ADMIN).select_related("membership"),
        widget=AutocompleteSelect(url=format_lazy("{}?colleagues=1", reverse_lazy("teams:member_autocomplete")),
                                  placeholder=_("Anyone")),
    )  # fmt: skip
    project = IdField()

    def __init__(self, data=None, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = OPEN
        super().__init__(data, **kwargs)

    @property
    def filter_values(self) -> dict:
        values = self.values
        return values | {
            "team": values["team"].pk if values["team"] else None,
            "responsible": values["responsible"].pk if values["responsible"] else None,
        }

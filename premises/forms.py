"""Input shape of the premises pages; the rules are the services'."""

from decimal import Decimal

from django import forms
from django.contrib.auth.models import User
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.forms import TEXT_LIMIT
from activities.services import contact_time_error
from core.autocomplete import AutocompleteSelect
from core.forms import BoundedModelMultipleChoiceField, PlausibleDateField
from core.query import QueryForm
from premises.models import BUILDING_STRUCTURES, Building, BuildingFile, LandPlot

ANY = [("", _("Any"))]


class BuildingForm(forms.ModelForm):
    available_from = PlausibleDateField(label=_("available from"), required=False)

    class Meta:
        model = Building
        fields = [
            "name", "address", "owner", "floor_area_m2", "floors", "ceiling_height_m", "structure",
            "floor_load_t_m2", "crane_t", "power_kva", "water_transport_km", "price_note", "available_from",
            "status", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class BuildingFilterForm(QueryForm):
    """The inventory's filters (GET); a bad value is ignored."""

    min_height = forms.DecimalField(
        label=_("Clear height at least (m)"), required=False, min_value=Decimal("0"), max_value=Decimal("60"),
        decimal_places=1,
    )  # fmt: skip
    min_area = forms.DecimalField(label=_("Area from (m²)"), required=False, min_value=0, max_value=10_000_000)
    max_area = forms.DecimalField(label=_("to (m²)"), required=False, min_value=0, max_value=10_000_000)
    structure = forms.ChoiceField(label=_("Structure"), required=False, choices=ANY + BUILDING_STRUCTURES)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + Building.Status.choices)


class ReserveForm(forms.Form):
    project = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    expires_on = PlausibleDateField(label=_("Reserved until"))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class BuildingFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BuildingFile.Kind.choices,
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))  # fmt: skip
    file = forms.FileField(
        label=_("File"), help_text=_("Photos: JPG or PNG; floor plans: PDF, JPG or PNG; up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )  # fmt: skip


class LandPlotForm(forms.ModelForm):
    class Meta:
        model = LandPlot
        fields = ["name", "address", "area_mu", "use", "plot_ratio", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class LandPlotFilterForm(QueryForm):
    min_area = forms.DecimalField(label=_("Land from (亩)"), required=False, min_value=0, max_value=100_000)
    max_area = forms.DecimalField(label=_("to (亩)"), required=False, min_value=0, max_value=100_000)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + LandPlot.Status.choices)


class EditorGrantForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Member"), queryset=User.objects.filter(is_active=True, membership__isnull=False),
        widget=AutocompleteSelect(url=reverse_lazy("teams:member_autocomplete"), placeholder=_("Type a name")),
    )  # fmt: skip


class SiteVisitForm(forms.Form):
    """A 实地考察 of the project's investor: which of the listed buildings were shown, when, what was said."""

    buildings = BoundedModelMultipleChoiceField(
        label=_("Buildings shown"), queryset=Building.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    occurred_at = forms.DateTimeField(
        label=_("Happened at"), required=False, help_text=_("Empty: now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "min": "2000-01-01T00:00"},
                                   format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    summary = forms.CharField(label=_("What was said"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.CharField(label=_("Outcome"), max_length=TEXT_LIMIT, required=False)

    def __init__(self, *args, buildings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buildings"].queryset = Building.objects.filter(pk__in=[b.pk for b in buildings])
        self.fields["buildings"].choices = [(b.pk, b.name) for b in buildings]

    def clean_occurred_at(self):
        occurred_at = self.cleaned_data["occurred_at"] or timezone.now()
        if error := contact_time_error(occurred_at):
            raise forms.ValidationError(error)
        return occurred_at

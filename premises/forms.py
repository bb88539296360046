"""Input shape of the premises pages; the rules are the services'."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PlausibleDateField
from core.query import QueryForm
from premises.models import BUILDING_STRUCTURES, Building

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

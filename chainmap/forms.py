"""Input shape of the chain-map pages; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chainmap.models import LOCATION_MAX_LENGTH, NAME_MAX_LENGTH, NAME_MIN_LENGTH, NOTES_MAX_LENGTH, TargetCompany
from core.query import QueryForm
from projects.models import ChainLink, IndustryChain
from teams.models import Team


class TargetForm(forms.ModelForm):
    name = forms.CharField(label=_("company name"), min_length=NAME_MIN_LENGTH, max_length=NAME_MAX_LENGTH)
    location = forms.CharField(
        label=_("where it is"),
        required=False,
        max_length=LOCATION_MAX_LENGTH,
        help_text=_("city or province, e.g. 宁波市"),
    )
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=NOTES_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = TargetCompany
        fields = ["name", "location", "is_chain_leader", "notes"]


class LeadForm(forms.Form):
    """Turning a target into a lead: the project's name; a director also chooses the owner group."""

    name = forms.CharField(label=_("project name"), min_length=NAME_MIN_LENGTH, max_length=200)
    owner_team = forms.ModelChoiceField(label=_("Owner group"), queryset=Team.objects.filter(is_active=True))

    def __init__(self, *args, choose_team: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_team:
            del self.fields["owner_team"]


class DrillDownFilters(QueryForm):
    """The lists' filters (GET); a bad value is ignored."""

    chain = forms.ModelChoiceField(
        label=_("Industry chain"), required=False, queryset=IndustryChain.objects.all(), empty_label=_("All chains")
    )
    link = forms.ModelChoiceField(
        label=_("Chain link"), required=False, queryset=ChainLink.objects.select_related("chain"),
        empty_label=_("All links"),
    )  # fmt: skip


class TargetFilters(DrillDownFilters):
    STATUS_CHOICES = [
        ("", _("Any status")),
        ("open", _("Not yet a project")),
        ("converted", _("Turned into a project")),
    ]

    leader = forms.BooleanField(label=_("Chain leaders only"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

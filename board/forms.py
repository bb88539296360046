from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import ProjectFilterForm
from projects.stages import Stage

MAX_OFFSET = 1_000_000


class BoardFilterForm(ProjectFilterForm):
    """The project list's filters (one definition), of which the board shows group, chain, owner, channel
    and size, plus the toggle that adds paused and dropped projects."""

    BOARD_FIELDS = ("team", "chain", "owner", "channel", "size")

    closed = forms.BooleanField(label=_("Show paused and dropped"), required=False)

    def board_fields(self):
        return [self[name] for name in self.BOARD_FIELDS]

    def show_closed(self) -> bool:
        return self.is_valid() and self.cleaned_data["closed"]


class BoardColumnForm(forms.Form):
    """Which column to page through ("more"), and from where."""

    stage = forms.ChoiceField(choices=Stage.choices)
    offset = forms.IntegerField(min_value=0, max_value=MAX_OFFSET)


class BoardMoveForm(forms.Form):
    """Any stage may be asked for: whether this person may move there is the service's rule
    (projects.services.project_request_stage), and its reason is what the board shows."""

    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    comment = forms.CharField(
        label=_("Why now?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the project is ready for this move.")},
    )  # fmt: skip

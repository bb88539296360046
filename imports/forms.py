from django import forms
from django.utils.translation import gettext_lazy as _

from core.query import QueryForm
from imports.models import ImportRun


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("Ledger file"),
        help_text=_(".xlsx or .csv (UTF-8, UTF-8 with BOM or GBK), the first row being the headers; at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, ImportRun.Kind(kind).label) for kind in kinds]


class RowFilterForm(QueryForm):
    action = forms.ChoiceField(
        required=False,
        choices=[
            ("", _("All rows")),
            ("error", _("Errors")),
            ("create", _("New")),
            ("update", _("Changed")),
            ("unchanged", _("Unchanged")),
        ],
    )

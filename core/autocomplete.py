"""Pick one object by typing: a search box that asks the server, never a `<select>` of every row.

`AutocompleteSelect` is the widget of a `ModelChoiceField`: the field keeps its whole queryset to validate
what comes back, while the page carries only the chosen object's label (one query, only when a value is
set). An endpoint answers `?q=` with `autocomplete_response()`; `static/js/juneng.js` asks it while the
person types, lists the options under the box (arrow keys and Enter work), and writes the picked one's
pk into the hidden input, firing `change` so htmx filter forms refresh.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

MAX_OPTIONS = 10
MAX_QUERY_LENGTH = 100
MAX_PK = 2**63 - 1  # BigAutoField


def is_pk(value) -> bool:
    """Whether a submitted value can be a primary key: ASCII digits ("²".isdigit() is True too, and int()
    refuses it) of a number a database integer holds."""
    text = str(value)
    return text.isascii() and text.isdigit() and int(text) <= MAX_PK


@dataclass(frozen=True)
class Option:
    value: int | str
    label: str
    detail: str = ""


class AutocompleteSelect(forms.Widget):
    template_name = "core/widgets/autocomplete.html"

    def __init__(self, url: str, *, attrs: dict | None = None, placeholder: str = ""):
        super().__init__(attrs)
        self.url = url
        self.placeholder = placeholder or _("Type to search")

    def format_value(self, value):
        return "" if value in (None, "") else str(value)

    def _label(self, value: str) -> str:
        choices = getattr(self, "choices", None)
        queryset = getattr(choices, "queryset", None)
        if not value or queryset is None or not is_pk(value):
            return ""
        instance = queryset.filter(pk=int(value)).first()
        return choices.field.label_from_instance(instance) if instance else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["url"] = str(self.url)
        widget["placeholder"] = self.placeholder
        widget["label"] = self._label(widget["value"])
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class AutocompleteSelectMultiple(AutocompleteSelect):
    """The same search box for a `ModelMultipleChoiceField`: each picked object becomes a removable chip
    carrying its own hidden input."""

    template_name = "core/widgets/autocomplete_multiple.html"
    allow_multiple_selected = True

    def format_value(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values if is_pk(v)]

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        widget["url"] = str(self.url)
        widget["placeholder"] = self.placeholder
        chosen = []
        if widget["value"] and getattr(self.choices, "queryset", None) is not None:
            label = self.choices.field.label_from_instance
            chosen = [(obj.pk, label(obj)) for obj in self.choices.queryset.filter(pk__in=widget["value"])]
        widget["chosen"] = chosen
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty selection is a value


def autocomplete_query(request: HttpRequest) -> str:
    """What was typed, cleaned: stripped, without NUL characters (PostgreSQL refuses them), bounded."""
    return request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def autocomplete_response(request: HttpRequest, options: Iterable[Option]) -> TemplateResponse:
    return TemplateResponse(request, "core/widgets/autocomplete_options.html", {"options": list(options)[:MAX_OPTIONS]})

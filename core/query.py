"""A page's query string through a form: each parameter is either valid or ignored (as if it were absent),
never an error page. Years stay within what a calendar of the center's records can hold, ids within a
database integer, searches lose NUL characters (PostgreSQL refuses them) and are cut to a bounded length.

    class DashboardQuery(QueryForm):
        year = YearField()
        team = IdField()

    params = DashboardQuery(request.GET).values  # {"year": 2026 or None, "team": 3 or None}
"""

from django import forms

from core.autocomplete import MAX_PK as MAX_ID
from core.autocomplete import is_pk

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
MAX_SEARCH_LENGTH = 100


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR, **kwargs)


class IdField(forms.IntegerField):
    """The primary key of a row, as a positive integer a database column can hold."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_python(self, value):
        # int() reads "٣" or "３" too, and spends seconds on a 100,000-digit string: only short ASCII
        # digits are ids
        if isinstance(value, str) and value.strip() and not is_pk(value.strip()[:20]):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class SearchField(forms.CharField):
    """What someone typed into a search box: stripped, without NUL characters, at most `max_length`."""

    def __init__(self, *, max_length: int = MAX_SEARCH_LENGTH, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.bound_length = max_length

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "").strip()[: self.bound_length]


class QueryForm(forms.Form):
    """Always bound (an empty query string is a valid one); `values` holds every field, an invalid
    parameter replaced by that field's empty value."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)

    @property
    def values(self) -> dict:
        self.is_valid()
        return {
            name: self.cleaned_data[name] if name in self.cleaned_data else field.to_python(None)
            for name, field in self.fields.items()
        }

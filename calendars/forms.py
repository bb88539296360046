"""The calendar's query string: the days FullCalendar asks for, an optional group and kind."""

import re
from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from calendars.registry import KIND_LABELS
from core.dates import date_bounds_error

MAX_RANGE_DAYS = 100  # a month view asks for 6 weeks, a list of the month for up to 31 days
MAX_ID = 2**63 - 1
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


class DayField(forms.DateField):
    """A day, given as YYYY-MM-DD or as an ISO timestamp of which only the (local, wall-clock) date counts:
    FullCalendar sends the start of the first day shown, in the browser's offset."""

    def to_python(self, value):
        if isinstance(value, str):
            match = _DAY.match(value.strip().replace(" ", "+"))  # an unescaped "+" arrives as a space
            if not match:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = match.group(1)
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and (reason := date_bounds_error(value)):
            raise forms.ValidationError(reason, code="bounds")


class EventsQueryForm(forms.Form):
    """start (included) and end (excluded) as FullCalendar sends them, at most MAX_RANGE_DAYS apart."""

    start = DayField()
    end = DayField()
    group = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = forms.ChoiceField(required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "")] + list(KIND_LABELS.items())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end <= start:
                raise forms.ValidationError(_("The end must come after the start."), code="order")
            if (end - start).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(
                    _("Ask for at most %(days)s days at a time.") % {"days": MAX_RANGE_DAYS}, code="range"
                )
        return data

    @property
    def first_day(self) -> date:
        return self.cleaned_data["start"]

    @property
    def last_day(self) -> date:
        return self.cleaned_data["end"] - timedelta(days=1)

    @property
    def kinds(self) -> frozenset[str] | None:
        return frozenset({self.cleaned_data["kind"]}) if self.cleaned_data.get("kind") else None

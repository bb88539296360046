from django import forms
from django.core.exceptions import ValidationError

from core.autocomplete import is_pk
from core.dates import date_bounds_error, date_input_bounds


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors beside their fields when the form has
    them, everything else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PlausibleDateInput(forms.DateInput):
    """A date input whose min/max follow core.dates' bounds, computed when rendered (the latest date moves)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d", *, latest=None):
        super().__init__(attrs, format)
        self.latest = latest

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        latest = self.latest() if callable(self.latest) else self.latest
        context["widget"]["attrs"] |= date_input_bounds(latest)
        return context


class PlausibleDateField(forms.DateField):
    """A date a person types, refused (with the reason) before 2000 or beyond the planning horizon;
    `latest` (a date or a callable) lowers the horizon, e.g. to today for dates that already happened."""

    def __init__(self, *args, latest=None, **kwargs):
        self.latest = latest
        kwargs.setdefault("widget", PlausibleDateInput(latest=latest))
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            error = date_bounds_error(value, latest=self.latest() if callable(self.latest) else self.latest)
            if error:
                raise ValidationError(error, code="implausible_date")


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses, as an invalid choice, a value no primary key can be:
    Django only catches ValueError while looking values up, and a 25-digit number raises OverflowError
    in the database driver instead (a 500)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk" and not isinstance(value, str | bytes) and hasattr(value, "__iter__"):
            for pk in value:
                if not is_pk(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)

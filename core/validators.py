import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalize_phone(value: str) -> str:
    """Strip spaces, brackets and the +86 / 0086 prefix, keeping digits and the area-code dash; a mobile
    number loses its dashes too (138-1234-5678 → 13812345678), so one number has one spelling."""
    value = re.sub(r"[\s()（）]", "", value or "")
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :].lstrip("-")
    undashed = value.replace("-", "")
    return undashed if MOBILE_RE.match(undashed) else value


def validate_chinese_phone(value: str) -> None:
    """A mainland mobile number (1xxxxxxxxxx) or a landline with area code (0514-87654321)."""
    phone = normalize_phone(value)
    if not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        raise ValidationError(
            _("Enter a mobile number (11 digits starting with 1) or a landline with area code, e.g. 0514-87654321."),
            code="invalid_phone",
        )

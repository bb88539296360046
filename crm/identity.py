"""How Juneng recognises an investor company: its unified social credit code (GB 32100-2015) and its
name with the usual variations removed."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the 18th is a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_RE = re.compile(rf"^[{CREDIT_CODE_ALPHABET}]{{18}}$")


def normalize_credit_code(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().replace(" ", "").upper()


def credit_code_check_character(first17: str) -> str:
    pairs = zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    total = sum(CREDIT_CODE_ALPHABET.index(char) * weight for char, weight in pairs)
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    if not CREDIT_CODE_RE.match(code):
        raise ValidationError(
            _("A unified social credit code has 18 characters: digits and capital letters except I, O, S, V, Z."),
            code="credit_code_format",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid (its check character does not match)."),
            code="credit_code_check",
        )


# Removed from names before comparing: legal-form suffixes, "group", and the "(China)" of foreign firms.
_NAME_NOISE = ("(中国)", "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团")


def normalize_company_name(name: str) -> str:
    """`XX（中国）有限公司`, `xx (中国) 有限公司` and `XX集团` all become `xx`: full-width characters turn
    half-width (NFKC), spaces go, letters are lower-cased and the noise words above are dropped."""
    text = unicodedata.normalize("NFKC", name or "").lower()
    text = re.sub(r"\s+", "", text)
    for noise in _NAME_NOISE:
        text = text.replace(noise, "")
    return text

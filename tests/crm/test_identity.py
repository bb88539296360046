"""How an investor is recognised: the unified social credit code (GB 32100-2015) and the normalised name."""

import pytest
from django.core.exceptions import ValidationError

from crm.identity import (
    credit_code_check_character,
    normalize_company_name,
    normalize_credit_code,
    validate_credit_code,
)
from tests.factories import valid_credit_code

pytestmark = pytest.mark.django_db

VALID_CODES = ["91350100M000100Y43", "91110000600037341L", "91320000134776283T"]


def _refusal_code(value: str) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_credit_code(value)
    return refused.value.code


@pytest.mark.parametrize("code", VALID_CODES)
def test_real_credit_codes_are_accepted(code):
    # given a code as printed on a business licence / when validated / then nothing is raised
    validate_credit_code(code)
    assert credit_code_check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),
        (" 9135 0100 M000 100Y 43 ", "91350100M000100Y43"),
        ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L"),
        ("91320000134776283t\u3000", "91320000134776283T"),
    ],
)
def test_lower_case_spaces_and_full_width_input_is_normalised_and_accepted(typed, expected):
    # given a code typed carelessly / when normalised / then it is the printed code, which is valid
    assert normalize_credit_code(typed) == expected
    validate_credit_code(typed)


def test_a_wrong_check_character_is_refused_as_a_check_error():
    assert _refusal_code("91350100M000100Y44") == "credit_code_check"
    assert _refusal_code("91110000600037341K") == "credit_code_check"


@pytest.mark.parametrize("value", ["91350100M000100Y4", "91350100M000100Y431", "", "9135"])
def test_a_code_of_the_wrong_length_is_refused_as_a_format_error(value):
    assert _refusal_code(value) == "credit_code_format"


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_letters_the_standard_forbids_are_refused_as_a_format_error(letter):
    # given a valid code with one character replaced by a letter GB 32100 leaves out
    code = "91350100M000100Y43"
    forged = code[:8] + letter + code[9:]
    # then it is a format error, not a check-character error
    assert _refusal_code(forged) == "credit_code_format"


def test_the_test_factory_makes_valid_codes():
    for n in (0, 1, 42, 9999999):
        validate_credit_code(valid_credit_code(n))


VARIANTS_OF_ONE_COMPANY = [
    "扬州恒盛智谷科技有限公司",
    "扬州恒盛智谷科技（中国）有限公司",
    "扬州恒盛智谷科技 (中国) 有限公司",
    "扬州恒盛智谷科技集团",
    "扬州恒盛智谷科技股份有限公司",
    "扬州恒盛智谷科技有限责任公司",
    " 扬州恒盛智谷科技　有限公司 ",
]


@pytest.mark.parametrize("variant", VARIANTS_OF_ONE_COMPANY)
def test_name_variants_of_one_company_normalise_equal(variant):
    assert normalize_company_name(variant) == normalize_company_name("扬州恒盛智谷科技有限公司") == "扬州恒盛智谷科技"


@pytest.mark.parametrize("variant", ["ＡＢＣ科技有限公司", "abc科技", "ABC科技集团", "Abc 科技（中国）有限公司"])
def test_full_width_letters_and_case_variants_normalise_equal(variant):
    assert normalize_company_name(variant) == "abc科技"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("扬州恒盛智谷科技有限公司", "扬州恒盛智能科技有限公司"),
        ("ABC科技有限公司", "ABD科技有限公司"),
        ("扬州恒盛智谷科技有限公司", "苏州恒盛智谷科技有限公司"),
    ],
)
def test_different_companies_do_not_normalise_equal(one, other):
    assert normalize_company_name(one) != normalize_company_name(other)

"""Identifier check characters exactly as DOMAIN.md gives them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innohub.common.identifiers import (
    USCC_WEIGHTS,
    IdentifierError,
    uscc_check_character,
    validate_il_company_number,
    validate_uscc,
)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_it_accepts_valid_unified_social_credit_codes(code):
    assert validate_uscc(code) == code


def test_it_normalises_full_width_lower_case_and_spaces_before_checking():
    assert validate_uscc("９１３５０１００ｍ０００１００ｙ４３") == "91350100M000100Y43"
    assert validate_uscc(" 9135 0100 m000 100y43 ") == "91350100M000100Y43"


def test_it_computes_the_uscc_check_character_with_the_standard_weights():
    assert uscc_check_character("91350100M000100Y4") == "3"
    assert uscc_check_character("91110000600037341") == "L"


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_the_check_character_follows_the_weights_in_domain_rules(body):
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    assert uscc_check_character(body) == alphabet[(31 - total % 31) % 31]
    assert [pow(3, i, 31) for i in range(17)] == list(USCC_WEIGHTS)


def test_a_letter_as_registering_authority_is_allowed_as_the_standard_says():
    body = "Y1310107MA1G00000"
    assert validate_uscc(body + uscc_check_character(body)).startswith("Y1")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "checksum"),
        ("91350100M000100Y4", "length"),
        ("91350100M000100I43", "character"),  # I is not in the alphabet
        ("9135A100M000100Y43", "region"),
    ],
)
def test_it_rejects_bad_codes_with_the_reason(code, reason):
    with pytest.raises(IdentifierError) as caught:
        validate_uscc(code)
    assert caught.value.code == reason
    assert str(caught.value)


def test_it_names_the_expected_check_character():
    with pytest.raises(IdentifierError, match="expected 3"):
        validate_uscc("91350100M000100Y44")


def test_it_accepts_a_valid_israeli_company_number():
    assert validate_il_company_number("516179157") == "516179157"
    assert validate_il_company_number("51-617915-7") == "516179157"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("516179150", "checksum"),
        ("416179157", "prefix"),
        ("51617915", "length"),
        ("51617915X", "length"),
    ],
)
def test_it_rejects_bad_israeli_company_numbers(number, reason):
    with pytest.raises(IdentifierError) as caught:
        validate_il_company_number(number)
    assert caught.value.code == reason


@given(st.text(max_size=40))
def test_validators_raise_only_identifier_error(text):
    for validator in (validate_uscc, validate_il_company_number):
        try:
            result = validator(text)
        except IdentifierError:
            continue
        assert validator(result) == result  # a valid value stays valid once normalised


ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
BODIES = st.builds(
    lambda head, region, tail: head + region + tail,
    st.text(alphabet=ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
)


@given(BODIES)
def test_every_body_has_exactly_one_valid_check_character(body):
    valid = [c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if _ok(body + c)]
    assert valid == [uscc_check_character(body)]


def _ok(code):
    try:
        validate_uscc(code)
    except IdentifierError:
        return False
    return True

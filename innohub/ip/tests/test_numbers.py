"""IP number formats, exactly as DOMAIN.md gives them."""

from __future__ import annotations

import pytest

from innohub.common.identifiers import IdentifierError
from innohub.ip.numbers import (
    cn_patent_check_character,
    parse_nice_classes,
    validate_cn_patent_application,
    validate_il_patent_number,
    validate_pct_number,
    validate_similar_groups,
    validate_software_registration,
    validate_trademark_number,
)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("201710601862.3", "201710601862.3"),
        ("201220687633.0", "201220687633.0"),
        ("ZL 201710601862.3", "201710601862.3"),
        ("CN201710601862.3", "201710601862.3"),
        ("ＺＬ２０１７１０６０１８６２．３", "201710601862.3"),  # full-width, as pasted from Word
        ("2017 1060 1862.3", "201710601862.3"),
        ("2017106018623", "201710601862.3"),  # the dot left out
        ("95115608.X", "95115608.X"),  # before October 2003: 8 digits, weights 2–9
        ("zl95115608.x", "95115608.X"),
    ],
)
def test_it_accepts_and_normalises_chinese_patent_application_numbers(given, stored):
    assert validate_cn_patent_application(given) == stored


def test_the_check_character_is_computed_as_domain_md_gives_it():
    assert cn_patent_check_character("202010123456") == "2"
    assert cn_patent_check_character("201710601862") == "3"
    assert cn_patent_check_character("95115608") == "X"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("201710601862.4", "checksum"),
        ("202010123456.3", "checksum"),
        ("201710601862", "check_missing"),
        ("201740601862.3", "type"),  # type digit 4 does not exist
        ("199910601862.3", "year"),
        ("20171060186.3", "format"),
        ("abc", "format"),
    ],
)
def test_it_refuses_a_wrong_patent_application_number_with_a_reason(given, code):
    with pytest.raises(IdentifierError) as error:
        validate_cn_patent_application(given)
    assert error.value.code == code


def test_the_error_names_the_expected_check_character():
    with pytest.raises(IdentifierError) as error:
        validate_cn_patent_application("202010123456.7")
    assert "2" in str(error.value.message)


def test_the_type_digit_must_match_the_kind_of_patent():
    assert validate_cn_patent_application("201220687633.0", kind="utility")
    with pytest.raises(IdentifierError) as error:
        validate_cn_patent_application("201220687633.0", kind="invention")
    assert error.value.code == "type_mismatch"


def test_software_registration_numbers_and_the_certificate_number_mistake():
    assert validate_software_registration("2021SR0805085") == "2021SR0805085"
    assert validate_software_registration("2019sr123456") == "2019SR123456"
    with pytest.raises(IdentifierError) as error:
        validate_software_registration("软著登字第7654321号")
    assert error.value.code == "certificate"
    for wrong in ("2021SR12345", "21SR0805085", "2021SR080508512"):
        with pytest.raises(IdentifierError):
            validate_software_registration(wrong)


def test_trademark_numbers_are_digits_and_classes_run_from_1_to_45():
    assert validate_trademark_number("第 12345678 号") == "12345678"
    with pytest.raises(IdentifierError):
        validate_trademark_number("TM-12A")
    assert parse_nice_classes("第9类、第42类, 9") == [9, 42]
    with pytest.raises(IdentifierError):
        parse_nice_classes("46")
    with pytest.raises(IdentifierError):
        parse_nice_classes("0")
    assert validate_similar_groups("0304，0901") == "0304,0901"
    with pytest.raises(IdentifierError):
        validate_similar_groups("304")


def test_pct_and_israeli_numbers():
    assert validate_pct_number("pct/il2020/050123") == "PCT/IL2020/050123"
    assert validate_pct_number("PCT/US98/01234") == "PCT/US98/01234"
    with pytest.raises(IdentifierError):
        validate_pct_number("PCT/IL2020/50123")
    assert validate_il_patent_number("IL 254321") == "254321"
    with pytest.raises(IdentifierError):
        validate_il_patent_number("25A321")

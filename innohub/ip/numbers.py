"""Validators for IP numbers (patent applications, software and trademark registrations, PCT).

Pure functions with no database access. Each takes any user input and returns the number in
its stored form, or raises IdentifierError with a translated message saying what is wrong.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext_lazy as _

from innohub.common.identifiers import IdentifierError, normalise

# Chinese patent application numbers (CNIPA), the rules DOMAIN.md gives.
CN_PATENT_TYPES = {
    "1": "invention",
    "2": "utility",
    "3": "design",
    "8": "invention",  # a PCT application for an invention entering the Chinese national phase
    "9": "utility",  # a PCT application for a utility model entering the Chinese national phase
}
CN_PATENT_WEIGHTS_2003 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
CN_PATENT_WEIGHTS_1985 = (2, 3, 4, 5, 6, 7, 8, 9)
# The 12-digit format with a 4-digit year started on 2003-10-01.
CN_PATENT_NEW_FORMAT_FROM = 2003

SOFTWARE_RE = re.compile(r"^\d{4}SR\d{6,7}$")
PCT_RE = re.compile(r"^PCT/([A-Z]{2})(\d{4})/(\d{6})$|^PCT/([A-Z]{2})(\d{2})/(\d{5})$")
IL_PATENT_RE = re.compile(r"^\d{5,7}$")

NICE_CLASSES = range(1, 46)
SIMILAR_GROUP_RE = re.compile(r"^\d{4}$")


def cn_patent_check_character(digits: str) -> str:
    """The check character after the dot: digits × weights, sum mod 11, 10 written as X."""
    weights = CN_PATENT_WEIGHTS_2003 if len(digits) == 12 else CN_PATENT_WEIGHTS_1985
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if total == 10 else str(total)


def validate_cn_patent_application(value: object, kind: str | None = None) -> str:
    """A Chinese patent application number, stored as `201710601862.3` (or `95115608.X`).

    Accepts an optional CN or ZL prefix (a granted patent is ZL + the application number),
    spaces, full-width characters and a missing dot. With `kind` ("invention", "utility",
    "design") the type digit must match it.
    """
    text = normalise(value)
    for prefix in ("ZL", "CN"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    body, dot, check = text.partition(".")
    if not dot and len(text) in (9, 13):
        body, check = text[:-1], text[-1]
    if not body.isdigit() or len(body) not in (8, 12):
        raise IdentifierError(
            _(
                "A Chinese patent application number has 12 digits, a dot and a check character "
                "(e.g. 201710601862.3), or 8 digits for applications before October 2003."
            ),
            "format",
        )
    if not check:
        raise IdentifierError(
            _("The check character after the dot is missing (it should be %(expected)s).")
            % {"expected": cn_patent_check_character(body)},
            "check_missing",
        )
    type_digit = body[4] if len(body) == 12 else body[2]
    if type_digit not in CN_PATENT_TYPES:
        raise IdentifierError(
            _(
                "The type digit of this application number is %(digit)s; it must be 1 "
                "(invention), 2 (utility model), 3 (design), 8 or 9 (PCT national phase)."
            )
            % {"digit": type_digit},
            "type",
        )
    if len(body) == 12:
        year = int(body[:4])
        if year < CN_PATENT_NEW_FORMAT_FROM or year > date.today().year + 1:  # noqa: DTZ011
            raise IdentifierError(
                _("The year in this application number (%(year)d) is not possible.")
                % {"year": year},
                "year",
            )
    expected = cn_patent_check_character(body)
    if check != expected:
        raise IdentifierError(
            _(
                "The check character of this patent application number is wrong "
                "(expected %(expected)s)."
            )
            % {"expected": expected},
            "checksum",
        )
    if kind is not None and CN_PATENT_TYPES[type_digit] != kind:
        raise IdentifierError(
            _(
                "Type digit %(digit)s in this number does not match the kind of patent "
                "(1 or 8: invention, 2 or 9: utility model, 3: design)."
            )
            % {"digit": type_digit},
            "type_mismatch",
        )
    return f"{body}.{check}"


def validate_software_registration(value: object) -> str:
    """A CPCC software copyright registration number such as 2021SR0805085."""
    number = normalise(value)
    if not SOFTWARE_RE.match(number):
        if number.startswith("软著登字") or "软著登字" in number:
            raise IdentifierError(
                _(
                    "This is a certificate number (软著登字第…号); enter the registration "
                    "number, such as 2021SR0805085."
                ),
                "certificate",
            )
        raise IdentifierError(
            _(
                "A software registration number is a 4-digit year, SR and 6 or 7 digits, "
                "such as 2021SR0805085."
            ),
            "format",
        )
    return number


def validate_trademark_number(value: object) -> str:
    """A Chinese trademark registration (or application) number: digits only."""
    number = normalise(value)
    if number.startswith("第") and number.endswith("号"):
        number = number[1:-1]
    if not number.isdigit() or not 1 <= len(number) <= 10:
        raise IdentifierError(
            _("A trademark registration number is made of digits only (up to 10)."), "format"
        )
    return number


def validate_pct_number(value: object) -> str:
    """A PCT application number: PCT/IL2020/050123 (before 2004: PCT/IL98/01234)."""
    number = normalise(value)
    if not number.startswith("PCT"):
        number = "PCT/" + number
    if not PCT_RE.match(number):
        raise IdentifierError(
            _(
                "A PCT application number is PCT/, the receiving office's two letters, the year "
                "and a 6-digit serial, such as PCT/IL2020/050123."
            ),
            "format",
        )
    return number


def validate_il_patent_number(value: object) -> str:
    """An Israeli patent (application) number: 5 to 7 digits, with or without the IL prefix."""
    number = normalise(value)
    if number.startswith("IL"):
        number = number[2:]
    if not IL_PATENT_RE.match(number):
        raise IdentifierError(
            _("An Israeli patent number has 5 to 7 digits, such as 254321."), "format"
        )
    return number


def validate_nice_class(value: object) -> int:
    text = normalise(value)
    if not text.isdigit() or int(text) not in NICE_CLASSES:
        raise IdentifierError(
            _("“%(value)s” is not a Nice class; classes run from 1 to 45.") % {"value": value},
            "nice_class",
        )
    return int(text)


def validate_similar_groups(value: object) -> str:
    """CNIPA similar-group codes (4 digits each, e.g. 0304), stored comma-separated."""
    codes = [c for c in re.split(r"[,，;；\s、]+", str(value or "").strip()) if c]
    for code in codes:
        if not SIMILAR_GROUP_RE.match(normalise(code)):
            raise IdentifierError(
                _("“%(code)s” is not a similar-group code (4 digits, such as 0304).")
                % {"code": code},
                "similar_group",
            )
    return ",".join(normalise(c) for c in codes)


def parse_nice_classes(value: object) -> list[int]:
    """Nice classes from text such as "9, 42" or "第9类、第42类" (sorted, without repeats)."""
    text = normalise(value).replace("第", " ").replace("类", " ")
    parts = [p for p in re.split(r"[,，;；\s、/]+", text) if p]
    return sorted({validate_nice_class(p) for p in parts})

"""Validators for organisation identifiers; pure functions with no database access.

Every validator takes any user input and either returns the normalised identifier or
raises IdentifierError with a translated message. No other exception escapes.
"""

from __future__ import annotations

import unicodedata

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.il import hp as stdnum_hp

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^(i-1) mod 31


class IdentifierError(ValueError):
    def __init__(self, message: str | Promise, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


def normalise(value: object) -> str:
    """Full-width to ASCII, upper case, without spaces, hyphens and dots used as separators."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else ""))
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-").upper()


def uscc_check_character(first17: str) -> str:
    """The 18th character of a Unified Social Credit Code (GB 32100-2015).

    python-stdnum computes the same character, but its validate() also demands digits in
    positions 1-2, where the standard allows letters (registering authority "Y", for one);
    so innohub checks the format itself and uses the library for the arithmetic only.
    """
    return stdnum_uscc.calc_check_digit(first17)


def validate_uscc(value: object) -> str:
    code = normalise(value)
    if len(code) != 18:
        raise IdentifierError(
            _("A Unified Social Credit Code has 18 characters; this one has %(count)d.")
            % {"count": len(code)},
            "length",
        )
    bad = [ch for ch in code if ch not in USCC_ALPHABET]
    if bad:
        raise IdentifierError(
            _("“%(char)s” cannot appear in a Unified Social Credit Code.") % {"char": bad[0]},
            "character",
        )
    if not code[2:8].isdigit():
        raise IdentifierError(
            _("Characters 3 to 8 of a Unified Social Credit Code are the region code (digits)."),
            "region",
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise IdentifierError(
            _(
                "The check character of this Unified Social Credit Code is wrong "
                "(expected %(expected)s)."
            )
            % {"expected": expected},
            "checksum",
        )
    return code


def validate_il_company_number(value: object) -> str:
    number = normalise(value)
    if not number.isdigit() or len(number) != 9:
        raise IdentifierError(
            _("An Israeli company number has 9 digits."),
            "length",
        )
    if not number.startswith("5"):
        raise IdentifierError(
            _("An Israeli company number starts with 5."),
            "prefix",
        )
    if not stdnum_hp.is_valid(number):
        raise IdentifierError(
            _("The check digit of this Israeli company number is wrong."),
            "checksum",
        )
    return number

"""Signed codes for registrations: the check-in code in the QR and the private manage link."""

from __future__ import annotations

import re

from django.core import signing

CHECK_IN_SALT = "innohub.events.check-in"
MANAGE_SALT = "innohub.events.registration"

# A pasted code may be the whole URL the QR holds; the code is its last path segment.
_CODE_IN_URL = re.compile(r"/check-in/([^/?#\s]+)/?(?:[?#].*)?$")


def _sign(salt: str, registration_id: int) -> str:
    return signing.Signer(salt=salt).sign(str(registration_id))


def _unsign(salt: str, token: str) -> int | None:
    try:
        value = signing.Signer(salt=salt).unsign(token.strip())
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def check_in_code(registration_id: int) -> str:
    """Stable for a registration (the same QR in every e-mail); unforgeable without the key."""
    return _sign(CHECK_IN_SALT, registration_id)


def registration_id_from_check_in_code(text: str) -> int | None:
    """The registration a typed, pasted or scanned code stands for; None when it is not ours."""
    text = (text or "").strip()
    match = _CODE_IN_URL.search(text)
    if match:
        text = match.group(1)
    return _unsign(CHECK_IN_SALT, text)


def manage_token(registration_id: int) -> str:
    return _sign(MANAGE_SALT, registration_id)


def registration_id_from_manage_token(token: str) -> int | None:
    return _unsign(MANAGE_SALT, token or "")

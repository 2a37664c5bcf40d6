"""Invitation links: a one-time link to choose a password, valid for two weeks."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_DAYS = 14


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token (it dies once a password is set), with its own salt and age."""

    key_salt = "innohub.accounts.invitations.InvitationTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            expected = self._make_token_with_timestamp(user, timestamp, secret)
            if constant_time_compare(expected, token):
                break
        else:
            return False
        return self._num_seconds(self._now()) - timestamp <= INVITATION_DAYS * 24 * 3600


invitation_token = InvitationTokenGenerator()

"""The IP settings in one place: the unverified engine rules and the reminder lead times."""

from __future__ import annotations

from django.conf import settings

from innohub.ip.deadlines import Rules

DEFAULT_REMINDER_DAYS = (90, 30, 7)


def engine_rules() -> Rules:
    """The rules DOMAIN.md marks UNVERIFIED, as this deployment configures them."""
    return Rules(
        il_shift_days_off=getattr(settings, "INNOHUB_IP_IL_SHIFT_DAYS_OFF", True),
        il_renewal_window_months=getattr(settings, "INNOHUB_IP_IL_RENEWAL_WINDOW_MONTHS", 3),
    )


def default_reminder_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "INNOHUB_IP_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))

"""Settings of the denials app, with their defaults (settings.py or the environment set them)."""

from __future__ import annotations

import datetime as dt
import os

from django.conf import settings


def government() -> str:
    """Our own government (ISO alpha-2): the notifying government of outgoing denials."""
    return str(
        getattr(settings, "CATCHALL_GOVERNMENT", None)
        or os.environ.get("CATCHALL_GOVERNMENT")
        or "DE"
    ).upper()


def validity_years() -> int:
    return int(getattr(settings, "CATCHALL_DENIAL_VALIDITY_YEARS", 3))


def consultation_threshold() -> float:
    """The name score from which a denied party counts as the same party: the screening
    engine's match threshold unless the authority configures its own."""
    value = getattr(settings, "CATCHALL_DENIAL_CONSULTATION_THRESHOLD", None)
    if value is not None:
        return float(value)
    from catchall.core.screening import ScreeningConfig

    return ScreeningConfig().match_threshold


def valid_until(denied_on: dt.date) -> dt.date:
    """``denied_on`` plus the configured validity (29 February falls back to the 28th)."""
    years = validity_years()
    try:
        return denied_on.replace(year=denied_on.year + years)
    except ValueError:
        return denied_on.replace(year=denied_on.year + years, day=28)

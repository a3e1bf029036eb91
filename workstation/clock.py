"""The one source of "now": timezone-aware UTC, and the branch's local business date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BRANCH_TZ = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (what every timestamp column stores)."""
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """``moment`` in the branch's time zone (China Standard Time), for display and business dates."""
    return moment.astimezone(BRANCH_TZ)


def business_date(moment: datetime | None = None) -> date:
    """The branch's calendar day for ``moment`` (default: now); tickets number per business date."""
    return local(moment or utcnow()).date()

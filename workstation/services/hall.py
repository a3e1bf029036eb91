"""The waiting hall (叫号屏): who is being called to which counter, how many wait, how long.

:func:`board` reads one snapshot of today's queue for the hall's display; each call carries a
``call_key`` (visit, call count) so the display announces every call and recall exactly once.
:func:`estimate_wait` is the estimated wait of a new ticket on a line: the clients ahead of it,
times the line's mean service time today (the policy's default until a few clients were
served), shared by the counters that serve the line.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.clock import business_date, utcnow
from workstation.domain import ServiceLine, VisitStatus
from workstation.models import Branch, Counter, Visit

DEFAULT_SERVICE_MINUTES: dict[str, float] = {"A": 25.0, "B": 20.0, "C": 8.0, "T": 20.0}
"""A line's service time before enough clients were served today (new accounts take longest)."""
MIN_SAMPLES = 3
RECENT_CALLS = 6
BUSY = (VisitStatus.CALLED, VisitStatus.SERVING)
CALLING_WINDOW = timedelta(minutes=10)
"""A called ticket stays on the "now calling" panel until served or for this long."""


@dataclass(frozen=True)
class Call:
    label: str
    counter_number: int
    counter_name: str
    called_at: datetime
    call_key: str
    """``visit id:call count``: a new key is a new call or recall, to announce once."""


@dataclass(frozen=True)
class LineLoad:
    line: ServiceLine
    waiting: int
    counters: int
    estimated_minutes: int
    """For a ticket taken now (all ``waiting`` ahead of it)."""
    service_minutes: float
    busy: int
    """Counters of the line calling or serving someone now."""


@dataclass(frozen=True)
class HallBoard:
    branch_name: str
    calling: tuple[Call, ...]
    recent: tuple[Call, ...]
    lines: tuple[LineLoad, ...]
    at: datetime


def estimate_wait(ahead: int, service_minutes: float, counters: int, busy: int | None = None) -> int:
    """Minutes until a client with ``ahead`` clients before them is called (rounded up).

    The client is called after ``ahead + 1 − idle`` services end; with every counter busy, the
    first ends after about half a service on average, each next one ``service / counters`` later.
    ``busy`` counters being unknown, all are taken as busy.
    """
    counters = max(1, counters)
    idle = 0 if busy is None else max(0, counters - busy)
    completions = ahead + 1 - idle
    if completions <= 0:
        return 0
    return math.ceil((completions - 0.5) * service_minutes / counters)


def mean_service_minutes(durations: Sequence[float], line: str) -> float:
    """Today's mean service time of a line, or its default while there are few samples."""
    if len(durations) < MIN_SAMPLES:
        return DEFAULT_SERVICE_MINUTES.get(line, 15.0)
    return sum(durations) / len(durations)


def estimate_for(session: Session, branch_id: uuid.UUID, day: date, line: ServiceLine, ahead: int) -> int:
    """The estimated wait of a ticket with ``ahead`` clients before it on ``line`` today."""
    if ahead <= 0:
        return 0
    load = next(load for load in line_loads(session, branch_id, day) if load.line is line)
    return estimate_wait(ahead, load.service_minutes, load.counters, load.busy)


def line_loads(session: Session, branch_id: uuid.UUID, day: date) -> tuple[LineLoad, ...]:
    """Waiting clients, counters and the estimated wait of a new ticket, per line."""
    visits = session.execute(
        sa.select(Visit.service_line, Visit.status, Visit.started_at, Visit.finished_at, Visit.counter_id).where(
            Visit.branch_id == branch_id, Visit.business_date == day
        )
    ).all()
    counters = session.scalars(
        sa.select(Counter).where(Counter.branch_id == branch_id, Counter.active.is_(True), Counter.deleted_at.is_(None))
    ).all()
    loads = []
    for line in ServiceLine:
        waiting = sum(1 for v in visits if v.service_line is line and v.status is VisitStatus.WAITING)
        durations = [
            (v.finished_at - v.started_at).total_seconds() / 60
            for v in visits
            if v.service_line is line and v.started_at and v.finished_at and v.finished_at > v.started_at
        ]
        serving = [c.id for c in counters if line.value in c.service_lines]
        busy = len({v.counter_id for v in visits if v.counter_id in serving and v.status in BUSY})
        mean = mean_service_minutes(durations, line.value)
        estimate = estimate_wait(waiting, mean, len(serving), busy)
        loads.append(LineLoad(line, waiting, len(serving), estimate, mean, busy))
    return tuple(loads)


def board(session: Session, branch_id: uuid.UUID, *, now: datetime | None = None) -> HallBoard:
    """One snapshot for the hall's display."""
    now = now or utcnow()
    day = business_date(now)
    branch = session.get(Branch, branch_id)
    rows = session.execute(
        sa.select(Visit, Counter.number, Counter.name)
        .join(Counter, Counter.id == Visit.counter_id)
        .where(Visit.branch_id == branch_id, Visit.business_date == day, Visit.called_at.is_not(None))
        .order_by(Visit.called_at.desc())
        .limit(40)
    ).all()
    calls = [
        (visit.status, Call(visit.ticket_label, number, name, visit.called_at, f"{visit.id}:{visit.call_count}"))
        for visit, number, name in rows
        if visit.called_at is not None
    ]
    calling = tuple(
        call for status, call in calls if status is VisitStatus.CALLED and now - call.called_at <= CALLING_WINDOW
    )
    return HallBoard(
        branch_name=branch.name if branch else "",
        calling=_latest_per_counter(calling),
        recent=tuple(call for _, call in calls[:RECENT_CALLS]),
        lines=line_loads(session, branch_id, day),
        at=now,
    )


def _latest_per_counter(calls: Iterable[Call]) -> tuple[Call, ...]:
    """One number per counter: the latest one it called (calls arrive newest first)."""
    seen: dict[int, Call] = {}
    for call in calls:
        seen.setdefault(call.counter_number, call)
    return tuple(seen.values())

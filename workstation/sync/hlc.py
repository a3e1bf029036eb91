"""Hybrid logical clocks for the one co-edited value: an appointment's status.

A stamp is ``"<physical ms, 13 digits>.<counter, 5 digits>.<node>"``: ordering the text orders
the clocks, which are monotonic on each node even when its wall clock steps back, and the node id
breaks the last tie (docs/tech-notes.md §1.3.4). Rows written without a stamp fall back to a stamp made
from their ``status_changed_at`` with counter 0 and no node, so both kinds compare.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from workstation.clock import utcnow

NODE_LEN = 16
"""Node ids are cut to 16 characters so a stamp fits ``appointment.status_clock`` (40)."""


class HybridClock:
    """One node's clock: :meth:`now` for a local event, :meth:`observe` for a received stamp."""

    def __init__(self, node: str) -> None:
        self.node = node[:NODE_LEN]
        self._last_ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self, wall: datetime | None = None) -> str:
        """A stamp greater than every stamp this clock made or observed."""
        ms = to_ms(wall or utcnow())
        with self._lock:
            if ms > self._last_ms:
                self._last_ms, self._counter = ms, 0
            else:
                self._counter += 1
            return format_stamp(self._last_ms, self._counter, self.node)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another node (so our next event sorts after it)."""
        parsed = parse_stamp(stamp)
        if parsed is None:
            return
        ms, counter = parsed
        with self._lock:
            if (ms, counter) > (self._last_ms, self._counter):
                self._last_ms, self._counter = ms, counter


def to_ms(moment: datetime) -> int:
    return int(moment.astimezone(UTC).timestamp() * 1000)


def format_stamp(ms: int, counter: int, node: str) -> str:
    return f"{ms:013d}.{counter:05d}.{node[:NODE_LEN]}"


def parse_stamp(stamp: str) -> tuple[int, int] | None:
    """``(physical ms, counter)`` of a stamp, or None for an empty or foreign one."""
    parts = stamp.split(".", 2)
    if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return int(parts[0]), int(parts[1])


def stamp_of(clock: str | None, changed_at: datetime | None) -> str:
    """The comparable stamp of a status: its own clock, else one made from ``changed_at``."""
    if clock and parse_stamp(clock) is not None:
        return clock
    if changed_at is None:
        return ""
    return format_stamp(to_ms(changed_at), 0, "")

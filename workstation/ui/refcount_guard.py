"""A guard against a PySide6 6.12 reference-count bug on Python 3.11 (see docs/architecture.md).

On Python 3.11 every call of a PySide6 6.12.0 method that returns nothing (``setText``, ``show``,
``processEvents``…) takes one reference from ``None`` without having added it (measured again on
this stack: 1000 calls of ``QLabel.setText`` lower ``sys.getrefcount(None)`` by 1000, 5000 void
calls are enough for "deallocating None" at interpreter exit). From Python 3.12 ``None`` is
immortal and nothing happens; PySide6 6.11.3 loses none, but the separate QtPdf wheel the preview
uses exists only for 6.12.

So the guard runs only where the bug is: :func:`needed` is Python < 3.12 *and* a probe of a few
void calls actually loses references (a fixed PySide6 switches it off by itself). Where needed,
:func:`keep_none_alive` raises the reference counts of ``None``, ``True`` and ``False`` by a big
number when one runs low, on a timer. It writes the count itself: no memory is pinned (an earlier
version kept a list of a million ``None`` s, 8 MB per million void calls).
"""

from __future__ import annotations

import ctypes
import functools
import sys

LOW_WATER = 250_000
CHUNK = 1_000_000
"""References added at a time (a number: nothing is allocated)."""
CHECK_INTERVAL_MS = 10_000
PROBE_CALLS = 64
SINGLETONS: tuple[object, ...] = (None, True, False)
"""``True`` and ``False`` lose references the same way (seen as "deallocating True or False")."""


def loses_references() -> bool:
    """Whether the installed PySide6 loses a reference to ``None`` per void call (measured)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= PROBE_CALLS // 2


@functools.cache
def needed() -> bool:
    """Python < 3.12 (``None`` is mortal) and the installed PySide6 has the bug."""
    return sys.version_info < (3, 12) and loses_references()


def keep_none_alive() -> None:
    """Raise the reference count of ``None``, ``True`` and ``False`` when one is below
    :data:`LOW_WATER` (cheap otherwise; nothing when not :func:`needed`)."""
    if not needed():
        return
    for singleton in SINGLETONS:
        if sys.getrefcount(singleton) < LOW_WATER:
            # CPython 3.11: ob_refcnt is the object's first field. These references are never
            # given back, so the count stays high through the interpreter's own clean-up.
            ctypes.c_ssize_t.from_address(id(singleton)).value += CHUNK


def install(parent: object) -> object | None:
    """Top up now and every :data:`CHECK_INTERVAL_MS` on a timer owned by ``parent`` (the app)."""
    if not needed():
        return None
    from PySide6.QtCore import QObject, QTimer

    keep_none_alive()
    assert isinstance(parent, QObject)
    timer = QTimer(parent)
    timer.setInterval(CHECK_INTERVAL_MS)
    timer.timeout.connect(keep_none_alive)
    timer.start()
    return timer

"""A guard against a PySide6 6.12 reference-count bug on Python 3.11.

On Python 3.11 every call of a PySide6 6.12.0 method that returns nothing (``setText``, ``show``,
``processEvents``…) takes one reference from ``None`` without having added it (measured: 300 calls
of ``QLabel.setText`` lower ``sys.getrefcount(None)`` by 301). ``None`` starts with a few thousand
references, so a working day of clicks would bring it to zero, and CPython aborts with
"deallocating None" — seen at interpreter exit in the test suite. From Python 3.12 ``None`` is
immortal and nothing happens. Until a fixed PySide6 is pinned, the app keeps ``None``'s count far
from zero: :func:`keep_none_alive` adds references in big chunks when it runs low, on a timer.
"""

from __future__ import annotations

import sys

LOW_WATER = 250_000
CHUNK = 1_000_000
"""References added at a time: a list of this many ``None`` s (8 MB at 8 bytes per slot)."""
CHECK_INTERVAL_MS = 10_000
SINGLETONS: tuple[object, ...] = (None, True, False)
"""``True`` and ``False`` lose references the same way (seen as "deallocating True or False")."""


def needed() -> bool:
    return sys.version_info < (3, 12)


def keep_none_alive() -> None:
    """Top up the reference count of ``None``, ``True`` and ``False`` when one is below
    :data:`LOW_WATER` (cheap otherwise)."""
    if not needed():
        return
    for singleton in SINGLETONS:
        if sys.getrefcount(singleton) < LOW_WATER:
            import ctypes

            chunk = [singleton] * CHUNK
            # One extra reference on the list, never given back: it must outlive the interpreter's
            # own clean-up too, or freeing it at exit would drop the count below zero.
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(chunk))


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

"""The runtime state of one open workstation, in one object instead of process-wide registries.

While a workstation database is open the process keeps, for it:

- its :class:`~workstation.sync.link.CentralLink` (the central engine built from the sync
  settings and the keyring password, one timeout policy, one back-off);
- its :class:`~workstation.services.branch_queue.BranchQueue` on that link;
- its central gift stock authorities (:meth:`Runtime.stock_authority`, one per workstation id,
  all on that link) and the gift requests whose central outcome is unknown (:attr:`Runtime.in_doubt`);
- the lock that lets one sync cycle run at a time (:attr:`Runtime.sync_lock`).

All of it hangs off one :class:`Runtime`. The UI reaches it as ``SessionContext.runtime``; callers
that hold only the store use :func:`for_store` (the one remaining lookup, by the store's URL), and
:func:`forget` releases it (the central engine is disposed) when the database is closed.

By default the central database comes from the saved sync settings, re-read on every use so a
supervisor's change applies at the next click; :func:`use_central` fixes it instead (tests,
tools), None meaning local only.
"""

from __future__ import annotations

import logging
import threading
import uuid

from sqlalchemy.engine import Engine

from workstation import errors
from workstation.services.branch_queue import BranchQueue, queue_engine
from workstation.services.gifts_central import CentralStockAuthority, InDoubt
from workstation.store import Store
from workstation.sync.credentials import with_password
from workstation.sync.link import CentralLink
from workstation.sync.settings import load_settings

log = logging.getLogger(__name__)

FROM_SETTINGS = "settings"
"""The central database of a runtime comes from the saved sync settings."""


class Runtime:
    """Everything one open workstation keeps while it runs (see the module docstring). Thread-safe."""

    def __init__(self, store: Store, central: Engine | CentralLink | str | None = FROM_SETTINGS) -> None:
        self.store = store
        self.in_doubt = InDoubt()
        self.sync_lock = threading.Lock()
        self._guard = threading.Lock()
        self._from_settings = isinstance(central, str)
        self._key: str | None = None
        self._queue = BranchQueue(store, None if isinstance(central, str) else central)
        self._authorities: dict[uuid.UUID | None, CentralStockAuthority] = {}

    # --- what it holds ---------------------------------------------------------------------------

    @property
    def link(self) -> CentralLink:
        """The central link (its engine is None when no central database is configured)."""
        return self.queue.link

    @property
    def queue(self) -> BranchQueue:
        """The branch queue on this workstation's link."""
        if self._from_settings:
            self._refresh()
        with self._guard:
            return self._queue

    def stock_authority(self, workstation_id: uuid.UUID | None) -> CentralStockAuthority | None:
        """The central gift stock authority of ``workstation_id`` on this link, or None when no
        central database is configured (the services' local authority applies)."""
        link = self.link
        if link.engine is None:
            return None
        with self._guard:
            mine = self._authorities.get(workstation_id)
            if mine is None or mine.link is not link:
                mine = CentralStockAuthority(link, workstation_id, in_doubt=self.in_doubt)
                self._authorities[workstation_id] = mine
            return mine

    def close(self) -> None:
        """Release the central engine (when this runtime built it from the settings)."""
        if self._from_settings:
            with self._guard:
                self._queue.link.dispose()

    # --- the settings ----------------------------------------------------------------------------

    def _refresh(self) -> None:
        settings = load_settings(self.store)
        key = f"{settings.display()}?{settings.sslmode}" if settings.configured else ""
        with self._guard:
            if key == self._key:
                return
        central: Engine | None = None
        if settings.configured:
            try:
                central = queue_engine(with_password(settings.url()))
            except errors.WorkstationError as exc:  # no keyring here: work locally
                log.warning("workstation runtime: central not used (%s)", exc.message())
        with self._guard:
            if key == self._key:  # another thread got there first: keep its engine
                old = BranchQueue(self.store, central)
            else:
                old, self._queue, self._key = self._queue, BranchQueue(self.store, central), key
                self._authorities.clear()
        old.link.dispose()


_runtimes: dict[str, Runtime] = {}
_runtimes_guard = threading.Lock()


def for_store(store: Store) -> Runtime:
    """The runtime of the open workstation ``store`` (made on first use, from the settings)."""
    with _runtimes_guard:
        found = _runtimes.get(str(store.url))
        if found is None:
            found = _runtimes[str(store.url)] = Runtime(store)
        return found


def use_central(store: Store, central: Engine | CentralLink | None) -> Runtime:
    """Make ``central`` the central database of ``store``'s runtime (None: local only)."""
    made = Runtime(store, central)
    with _runtimes_guard:
        old = _runtimes.get(str(store.url))
        _runtimes[str(store.url)] = made
    if old is not None:
        old.close()
    return made


def forget(store: Store) -> None:
    """Drop the runtime of ``store`` (the database is being closed); its engine is disposed."""
    with _runtimes_guard:
        found = _runtimes.pop(str(store.url), None)
    if found is not None:
        found.close()

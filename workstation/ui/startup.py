"""Opening the workstation's database before anyone logs in (runs on a worker thread, no Qt).

The SQLAlchemy and Alembic imports happen here, inside :func:`open_database`, so that the login
window is on screen while they load.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.errors import WorkstationNotSetUp
from workstation.paths import default_target

__all__ = ["OpenedDatabase", "WorkstationNotSetUp", "default_target", "open_database"]

if TYPE_CHECKING:
    from workstation.services.identity import Identity
    from workstation.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    """An open store and who this workstation is."""

    store: Store
    identity: Identity
    idle_lock_minutes: float
    seeded_demo: bool = False


def open_database(target: str, *, demo: bool = False) -> OpenedDatabase:
    """Open and migrate ``target``; with ``demo``, seed it with the demo branch on first use.

    Raises:
        StoreError: every way the database cannot be used, including :class:`WorkstationNotSetUp`.
    """
    from workstation.services.identity import current_identity
    from workstation.services.policy import get_policy
    from workstation.store import display_url, normalize_url, open_store

    store = _open_demo(target) if demo else open_store(target)
    try:
        seeded = False
        with store.read() as session:
            identity = current_identity(session)
        if identity is None and demo:
            from workstation.demo import seed_demo

            log.info("seeding the demo database %s", display_url(store.url))
            seed_demo(store)
            seeded = True
            with store.read() as session:
                identity = current_identity(session)
        if identity is None:
            raise WorkstationNotSetUp(target=display_url(normalize_url(target)))
        with store.read() as session:
            minutes = float(get_policy(session, "ui", identity.branch_id)["idle_lock_minutes"])
    except BaseException:
        store.dispose()
        raise
    return OpenedDatabase(store=store, identity=identity, idle_lock_minutes=minutes, seeded_demo=seeded)


def _open_demo(target: str) -> Store:
    """Open the demo database; one that cannot be read (its key lost with a reset keyring) is set aside.

    The demo file holds only generated data, so instead of refusing to start the file is renamed
    (``demo.db.unreadable-<time>``, never deleted) and a fresh demo database is seeded in its place.
    """
    from workstation.errors import DatabaseCorrupt
    from workstation.store import open_store

    try:
        return open_store(target)
    except DatabaseCorrupt:
        path = _sqlite_path(target)
        if path is None or not path.exists():
            raise
        aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        path.rename(aside)
        log.warning("the demo database could not be read; set aside as %s and seeded anew", aside)
        return open_store(target)


def _sqlite_path(target: str) -> Path | None:
    """The file behind a SQLite ``target`` (a path or a ``sqlite:///`` URL), else None."""
    if "://" not in target:
        return Path(target)
    prefix = "sqlite:///"
    return Path(target[len(prefix) :]) if target.startswith(prefix) else None

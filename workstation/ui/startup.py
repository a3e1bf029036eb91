"""Opening the workstation's database before anyone logs in (runs on a worker thread, no Qt).

The SQLAlchemy and Alembic imports happen here, inside :func:`open_database`, so that the login
window is on screen while they load.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workstation import errors

if TYPE_CHECKING:
    from workstation.services.identity import Identity
    from workstation.store import Store

log = logging.getLogger(__name__)

APP_NAME = "counter-workstation"
DB_ENV = "WORKSTATION_DB"


class WorkstationNotSetUp(errors.StoreError):
    """The database opened but holds no branch identity: this workstation was never set up."""

    code = "store.not_set_up"
    zh = (
        "数据库 {target} 尚未设置营业部信息，工作站无法使用。"
        "体验演示数据请使用 --demo 启动；正式使用请由技术支持运行 “workstation-cli demo --db {target}” "
        "或与中心同步完成初始化。"
    )
    en = (
        "The database {target} has no branch set up, so the workstation cannot be used. "
        "Start with --demo to try the demo data, or have support run “workstation-cli demo --db {target}” "
        "or synchronise with the central database first."
    )


@dataclass(frozen=True)
class OpenedDatabase:
    """An open store and who this workstation is."""

    store: Store
    identity: Identity
    idle_lock_minutes: float
    seeded_demo: bool = False


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_target(demo: bool, explicit: str | None = None) -> str:
    """Where to open: the demo file, ``--db``, ``$WORKSTATION_DB``, or the user data folder."""
    if demo:
        return str(data_dir() / "demo.db")
    return explicit or os.environ.get(DB_ENV) or str(data_dir() / "workstation.db")


def open_database(target: str, *, demo: bool = False) -> OpenedDatabase:
    """Open and migrate ``target``; with ``demo``, seed it with the demo branch on first use.

    Raises:
        StoreError: every way the database cannot be used, including :class:`WorkstationNotSetUp`.
    """
    from workstation.services.identity import current_identity
    from workstation.services.policy import get_policy
    from workstation.store import display_url, normalize_url, open_store

    store = open_store(target)
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

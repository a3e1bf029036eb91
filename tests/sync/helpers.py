"""Shared checks of the sync tests: local business writes and "central and local agree"."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from tests.sync.conftest import Central
from workstation.clock import business_date, utcnow
from workstation.domain import ServiceLine
from workstation.models import Client, OutboxMessage, Visit
from workstation.services.identity import require_identity
from workstation.store import Store
from workstation.sync.apply import LOCAL_COLUMNS, synced_tables


def add_clients(store: Store, n: int, *, prefix: str = "") -> list[uuid.UUID]:
    """``n`` new clients (and a visit each) written at the counter, like the services do."""
    ids = []
    with store.write() as session:
        identity = require_identity(session)
        for i in range(n):
            client = Client(
                branch_id=identity.branch_id, name=f"客户{prefix}{i}", id_number=f"{prefix}{uuid.uuid4().hex[:16]}"
            )
            session.add(client)
            session.flush()
            session.add(
                Visit(
                    branch_id=identity.branch_id,
                    business_date=business_date(),
                    service_line=ServiceLine.OTHER,
                    ticket_no=uuid.uuid4().int % 10**9,  # unique across workstations (see the report)
                    ticket_label=f"C{i + 1:03d}",
                    client_id=client.id,
                    issued_at=utcnow(),
                )
            )
            ids.append(client.id)
    return ids


def unacked(store: Store) -> int:
    o = OutboxMessage.__table__
    with store.read() as session:
        return int(session.scalar(sa.select(sa.func.count()).where(o.c.acked_at.is_(None))) or 0)


def outbox_ids(store: Store) -> set[uuid.UUID]:
    with store.read() as session:
        return set(session.scalars(sa.select(OutboxMessage.msg_id)))


def snapshot(engine: sa.Engine, branch_id: Any) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every synced row the branch sees (its own and firm-wide), by table and id."""
    out: dict[str, dict[Any, dict[str, Any]]] = {}
    with engine.connect() as conn:
        for name, synced in synced_tables().items():
            table = synced.table
            query = sa.select(table)
            if "branch_id" in table.c and name not in ("gift",):
                query = query.where(sa.or_(table.c.branch_id == branch_id, table.c.branch_id.is_(None)))
            skip = LOCAL_COLUMNS.get(name, frozenset())
            out[name] = {
                r.id: {k: getattr(v, "value", v) for k, v in r._mapping.items() if k not in skip}
                for r in conn.execute(query)
            }
    return out


def assert_agree(central: Central, store: Store, code: str) -> None:
    """The workstation holds exactly the central rows of its branch (and firm-wide), same versions."""
    branch_id = central.branch_ids[code]
    mine, theirs = snapshot(store.engine, branch_id), snapshot(central.engine, branch_id)
    for name in mine:
        if name == "gift":
            continue  # the gift catalogue is scoped through campaigns; checked by count below
        assert mine[name] == theirs[name], name
    assert set(mine["gift"]) <= set(theirs["gift"])


def current_xid(engine: sa.Engine) -> int:
    """The transaction id the next transaction of the cluster gets (about)."""
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar_one())


def burn_xids_to(engine: sa.Engine, target: int) -> int:
    """Advance the cluster's transaction id counter until the next id is ``target`` (or just past
    it when another session took some meanwhile); return the next id.

    A DO block that COMMITs in a loop gives each iteration its own top-level transaction id:
    ~250,000 ids per second on the test server, one round trip (a cross of 10^6 takes ~4 s).
    """
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        now = int(conn.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar_one())
        if target - now - 1 > 0:
            conn.exec_driver_sql(
                f"DO $$ BEGIN FOR i IN 1..{target - now - 1} LOOP PERFORM pg_current_xact_id(); COMMIT; "
                "END LOOP; END $$"
            )
        return int(conn.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar_one())


def next_power_of_ten(value: int, margin: int = 0) -> int:
    """The smallest power of ten above ``value + margin``."""
    power = 10
    while power <= value + margin:
        power *= 10
    return power

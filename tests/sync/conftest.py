"""Fixtures for the sync tests: a central database on the real PostgreSQL, workstations, a proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests.conftest import fresh_pg_url
from tests.dbfiles import copy_db
from tests.sync.proxy import Proxy
from workstation import pgserver as pg
from workstation.clock import utcnow
from workstation.domain import AppointmentStatus
from workstation.models import Appointment, Branch, Campaign, Counter, Gift, Policy, Staff
from workstation.store import Store, open_store
from workstation.sync.central import add_branch, central_engine, init_central
from workstation.sync.engine import enroll

BRANCHES = {"0101": "北京国贸营业部", "0202": "上海陆家嘴营业部"}


@dataclass
class Central:
    url: str
    engine: Engine
    branch_ids: dict[str, object]

    def session(self) -> sa.orm.Session:
        """A central session that writes like the call centre (no outbox rows)."""
        session = sa.orm.Session(self.engine, expire_on_commit=False)
        session.info["applying_sync"] = True
        return session

    def count(self, table: str, where: str = "true") -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {where}").scalar_one())


def seed_central(engine: Engine) -> dict[str, object]:
    """Two branches with a counter, a clerk each, a call-centre agent, a firm-wide policy and a
    branch campaign with a gift, written as the central side would."""
    ids: dict[str, object] = {}
    with sa.orm.Session(engine) as session, session.begin():
        session.info["applying_sync"] = True
        for code, name in BRANCHES.items():
            branch = Branch(code=code, name=name, address="地址")
            session.add(branch)
            session.flush()
            ids[code] = branch.id
            session.add(Counter(branch_id=branch.id, number=1, name="1号窗口", service_lines=["A"]))
            session.add(
                Staff(staff_no=f"S{code}", name="柜员", branch_id=branch.id, roles=["clerk"], password_hash="x")
            )
            campaign = Campaign(code=f"C{code}", name="开户礼", branch_id=branch.id, starts_on=date.today(),
                                ends_on=date.today() + timedelta(days=30))  # fmt: skip
            session.add(campaign)
            session.flush()
            session.add(Gift(campaign_id=campaign.id, sku=f"G{code}", name="保温杯", unit_value_fen=5000))
        session.add(Staff(staff_no="T001", name="电销坐席", roles=["telesales"], password_hash="x"))
        session.add(Policy(key="reception", value={"check_in_early_minutes": 30, "check_in_late_minutes": 30}))
    return ids


@pytest.fixture
def central(pg_server: pg.PgServer, pg_template: str) -> Iterator[Central]:
    url = fresh_pg_url(pg_server, pg_template)
    engine = central_engine(url)
    init_central(engine)
    yield Central(url=url, engine=engine, branch_ids=seed_central(engine))
    engine.dispose()


@pytest.fixture
def roles(central: Central) -> Iterator[dict[str, Engine]]:
    """An engine per branch, connected as that branch's own role (role name in ``engine.url``)."""
    engines = {}
    for code in BRANCHES:
        with central.engine.begin() as conn:
            role, password = add_branch(conn, code)
        url = sa.engine.make_url(central.url).set(username=role, password=password)
        engines[code] = central_engine(url)
    yield engines
    for engine in engines.values():
        engine.dispose()


@pytest.fixture
def proxy(pg_server: pg.PgServer) -> Iterator[Proxy]:
    server = Proxy(pg_server.port)
    yield server
    server.close()


@pytest.fixture
def make_workstation(tmp_path: Path, sqlite_template: Path, central: Central) -> Iterator[Callable[[str, str], Store]]:
    """Workstations enrolled in the central database: ``make_workstation("0101", "ws1")``."""
    opened: list[Store] = []

    def make(code: str, name: str) -> Store:
        target = tmp_path / f"{name}.db"
        copy_db(sqlite_template, target)
        store = open_store(target)
        opened.append(store)
        enroll(store, central.engine, code, name)
        return store

    yield make
    for store in opened:
        store.dispose()


def book(central: Central, code: str, n: int, *, start: int = 0) -> list[object]:
    """``n`` appointments booked centrally for branch ``code`` (today, one per 10 minutes)."""
    now = utcnow()
    ids = []
    with central.session() as session, session.begin():
        for i in range(start, start + n):
            appointment = Appointment(
                branch_id=central.branch_ids[code], code=f"{code}{i:06d}", client_name=f"客户{i}",
                mobile=f"138{i:08d}", slot_start=now + timedelta(minutes=10 * i),
                slot_end=now + timedelta(minutes=10 * i + 30), status=AppointmentStatus.BOOKED,
            )  # fmt: skip
            session.add(appointment)
            session.flush()
            ids.append(appointment.id)
    return ids

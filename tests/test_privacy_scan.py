"""A demo day, then a scan of every file the workstation left behind for client data in clear.

Seed the demo branch, then through the services: check appointments in, open an account (wizard,
submission with its print package, four-eyes review), issue a gift, print documents, export the
day's reports (CSV and XLSX), back the database up, and log like a careless developer would
(the personal data filter masks it). Then the database, its -wal/-shm, the backups, the logs and
the exports are read as raw bytes (XLSX unzipped): no full ID number, mobile or bank card of any
client may appear. A plain copy of the same database is the positive control (the scan finds them
there), so a passing scan means something.
"""

from __future__ import annotations

import logging
import logging.handlers
import uuid
import zipfile
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.accounts.world import pages
from tests.dbfiles import file_bytes
from workstation import cipher
from workstation.accounts.steps import steps_for
from workstation.accounts.wizard import AccountWizard
from workstation.clock import business_date
from workstation.demo import seed_demo
from workstation.domain import ApplicationKind, Role
from workstation.forms.catalog import FORMS
from workstation.models import AccountApplication, Appointment, Client, Gift, Staff
from workstation.services import documents, gifts, reception, reports
from workstation.services.actor import Actor
from workstation.store import Store, backup_sqlite, open_store
from workstation.ui.documents.demo import LoggedOnly
from workstation.ui.logfile import PersonalDataFilter
from workstation.ui.reports.export import ReportTable, export

log = logging.getLogger("workstation.demo_day")


def actor_of(store: Store, staff_no: str) -> Actor:
    with store.read() as session:
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == staff_no)).one()
        assert staff.branch_id is not None
        return Actor(staff.id, staff.staff_no, staff.name, frozenset(Role(r) for r in staff.roles), staff.branch_id)


def demo_day(store: Store, folder: Path) -> list[Path]:
    """All journeys of a day; returns the exported files."""
    seed_demo(store, clients=60, appointments=20)
    reception_clerk, clerk, reviewer = actor_of(store, "R001"), actor_of(store, "C001"), actor_of(store, "V001")
    with store.write() as session:
        today = business_date()
        booked = session.scalars(sa.select(Appointment).where(Appointment.status == "booked")).all()
        checked = 0
        for appointment in booked:
            if appointment.slot_start.astimezone().date() == today and checked < 3:
                result = reception.check_in(session, reception_clerk, appointment.id, now=appointment.slot_start)
                log.info("checked in %s %s", appointment.client_name, appointment.mobile)  # careless: masked
                checked += 1 if result else 0

    wizard = AccountWizard()
    data = pages()
    with store.write() as session:
        app_id = wizard.start(session, clerk, ApplicationKind.NEW_ACCOUNT).application_id
    for step in steps_for(ApplicationKind.NEW_ACCOUNT):
        with store.write() as session:
            assert wizard.save_step(session, clerk, app_id, step, data[step], confirmed=["card.luhn"]).done
    with store.write() as session:
        wizard.submit(session, clerk, app_id)
    from workstation.accounts.review import review

    with store.write() as session:
        review(session, reviewer, app_id, True)

    with store.read() as session:
        clients = session.execute(sa.select(Client.id, Client.name, Client.id_number, Client.mobile)).all()
        gift_ids = session.scalars(sa.select(Gift.id)).all()
    issued = 0
    for client in clients:
        for gift_id in gift_ids:
            try:
                with store.write() as session:
                    gifts.issue(session, clerk, client.id, gift_id, request_id=uuid.uuid4())
                issued += 1
                break
            except Exception:  # not eligible for this campaign: try the next
                continue
        if issued:
            break
    assert issued, "no demo client could be given a gift"

    backend = LoggedOnly()
    for client in clients[:2]:
        with store.write() as session:
            sample = FORMS["account-application"].sample()
            form = sample | {k: v for k, v in {"client_name": client.name, "id_number": client.id_number,
                                                 "mobile": client.mobile}.items() if k in sample}  # fmt: skip
            view = documents.create_document(session, clerk, "account-application", form, client_id=client.id)
        documents.print_document(store, clerk, view.document_id, "Counter-A4", reprint=False, backend=backend)
        log.warning("printed for id %s, mobile %s", client.id_number, client.mobile)  # careless: masked

    with store.read() as session:
        day = reports.reception_day(session, clerk.branch_id, business_date())
        rows = reports.telesales_conversion(
            session, clerk.branch_id, business_date() - timedelta(days=30), business_date()
        )
    tables = [
        ReportTable("接待", ("指标", "值"), tuple((k, str(v)) for k, v in asdict(day).items())),
        ReportTable(
            "电销转化",
            ("坐席", "活动", "预约", "到店"),
            tuple((r.agent_name, r.campaign_name, r.booked, r.checked_in) for r in rows),
        ),
    ]
    return [export(tables, folder / "report.csv"), export(tables, folder / "report.xlsx")]


def secrets_of(store: Store) -> set[str]:
    """Every full ID number, mobile and bank card held about clients."""
    found: set[str] = set()
    with store.read() as session:
        for id_number, mobile in session.execute(sa.select(Client.id_number, Client.mobile)):
            found.update(v for v in (id_number, mobile) if v)
        found.update(m for m in session.scalars(sa.select(Appointment.mobile)) if m)
        for step_data in session.scalars(sa.select(AccountApplication.step_data)):
            card = step_data.get("custody_bank", {}).get("bank_card")
            if card:
                found.add(card)
    return found


def readable(path: Path) -> bytes:
    """What a thief reads from a file: raw bytes; an XLSX (a zip) with its members unpacked."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return path.read_bytes()


def leaks(data: bytes, secrets: set[str]) -> set[str]:
    return {s for s in secrets if s.encode("utf-8") in data or s.encode("utf-16-le") in data}


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = tmp_path / "logs" / "workstation.log"
    path.parent.mkdir()
    handler = logging.handlers.RotatingFileHandler(path, encoding="utf-8")
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield path
    root.removeHandler(handler)
    root.setLevel(previous)
    handler.close()


def test_after_a_demo_day_no_client_data_is_in_clear_in_any_file(tmp_path: Path, log_file: Path) -> None:
    path = tmp_path / "data" / "workstation.db"
    store = open_store(path)
    try:
        exports = demo_day(store, tmp_path)
        secrets = secrets_of(store)
        backup = backup_sqlite(path, "demo-day", keep=2, key=store.key)
        assert any(len(s) >= 16 for s in secrets) and any(len(s) == 11 for s in secrets)  # cards/IDs and mobiles
        # Positive control: the same rows in a plain file are found by this scan.
        plain = tmp_path / "plain.db"
        raw = cipher.connect(path, store.key, isolation_level=None)
        try:
            raw.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
            raw.execute("SELECT sqlcipher_export('plain')")
            raw.execute("DETACH DATABASE plain")
        finally:
            raw.close()
        assert leaks(plain.read_bytes(), secrets)
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the day's writes are (partly) in the WAL
        scanned = {
            "database, -wal, -shm": file_bytes(path),
            "backup": backup.read_bytes(),
            "log": log_file.read_bytes(),
            **{f"export {p.name}": readable(p) for p in exports},
        }
        assert b"printed for id" in scanned["log"]  # the careless lines were written, masked
        found = {name: leaks(data, secrets) for name, data in scanned.items()}
        assert found == {name: set() for name in scanned}
    finally:
        store.dispose()

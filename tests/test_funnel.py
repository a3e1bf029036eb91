"""The telesales funnel with 有效户 on both backends: invited → booked → came → opened → funded.

The same report the central database runs (workstation/sync/report.py), here over a hand-made
branch on SQLite and PostgreSQL, the funding coming from an imported back-office file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa

from workstation.clock import BRANCH_TZ, business_date
from workstation.demo import seed_branch, seed_staff
from workstation.domain import (
    ApplicationKind,
    ApplicationStatus,
    AppointmentStatus,
    Role,
    ServiceLine,
    VisitOutcome,
)
from workstation.models import AccountApplication, Appointment, Campaign, Client, Visit
from workstation.services import funding
from workstation.services.actor import Actor
from workstation.store import Store
from workstation.sync.report import HEADERS, csv_bytes, telesales_report, totals

TODAY = business_date()
NOON = datetime.combine(TODAY, time(12), tzinfo=BRANCH_TZ)
S, C, N, X, B = (
    AppointmentStatus.SERVED, AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW,
    AppointmentStatus.CANCELLED, AppointmentStatus.BOOKED,
)  # fmt: skip


def seed(store: Store) -> Actor:
    """Agent T001 × campaign F1: 7 invited, 1 cancelled, 5 came, 4 opened (one by outcome only,
    one through the visit's application), 3 of whose clients are in the funding file (one with
    assets but no deposit date, so not funded); agent T002 opened 1, funded 0."""
    counter = iter(range(1000))
    with store.write() as session:
        branch = seed_branch(session)
        staff = {s.staff_no: s for s in seed_staff(session, branch)}
        campaign = Campaign(code="F1", name="开户季", branch_id=branch.id, starts_on=TODAY, ends_on=TODAY)
        session.add(campaign)
        session.flush()
        t1, t2, clerk = staff["T001"], staff["T002"], staff["C001"]

        def client(account: str | None) -> Client:
            n = next(counter)
            row = Client(branch_id=branch.id, name=f"客{n}", id_number=f"F{n}", fund_account=account)
            session.add(row)
            session.flush()
            return row

        def appointment(agent, status, who=None):  # type: ignore[no-untyped-def]
            n = next(counter)
            row = Appointment(
                branch_id=branch.id, code=f"F{n:06d}", client_name=f"客{n}", mobile=f"139{n:08d}", slot_start=NOON,
                slot_end=NOON + timedelta(minutes=30), status=status, campaign_id=campaign.id,
                telesales_agent_id=agent.id, client_id=who and who.id,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return row

        def visit(row, outcome, who=None):  # type: ignore[no-untyped-def]
            v = Visit(
                branch_id=branch.id, business_date=TODAY, service_line=ServiceLine.TELESALES,
                ticket_no=next(counter), ticket_label="T001", issued_at=NOON, appointment_id=row.id, outcome=outcome,
                client_id=who and who.id,
            )  # fmt: skip
            session.add(v)
            session.flush()
            return v

        def opened(who, **links):  # type: ignore[no-untyped-def]
            session.add(AccountApplication(
                branch_id=branch.id, kind=ApplicationKind.NEW_ACCOUNT, status=ApplicationStatus.APPROVED,
                clerk_id=clerk.id, client_id=who.id, **links,
            ))  # fmt: skip

        a = client("320000000001")  # opened through the appointment's application: funded
        opened(a, appointment_id=appointment(t1, S).id)
        b = client("320000000002")  # opened through the visit's application: funded
        opened(b, visit_id=visit(appointment(t1, S), VisitOutcome.CONSULTATION).id)
        c = client("320000000003")  # opened by the visit's outcome, client on the visit: funded
        visit(appointment(t1, S), VisitOutcome.ACCOUNT_OPENED, c)
        d = client("320000000004")  # opened, in the file with assets but no first deposit: not funded
        opened(d, appointment_id=appointment(t1, S, d).id)
        appointment(t1, C, client("320000000005"))  # came, funded, but never opened here: not counted
        appointment(t1, N)
        appointment(t1, X)
        e = client("320000000006")  # T002: opened, not in the file
        opened(e, appointment_id=appointment(t2, S).id)
        return Actor(clerk.id, clerk.staff_no, clerk.name, frozenset({Role.CLERK}), branch.id)


FILE = (
    "资金账号,首次入金日期,资产\n"
    '320000000001,2026-12-01,"10,000"\n'
    '320000000002,2026-12-01,"250,000.50"\n'
    '320000000003,2026/11/30,"1,000"\n'
    '320000000004,,"5,000"\n'
    '320000000005,2026-12-01,"1,000"\n'
)


def test_the_funnel_counts_funded_accounts_from_the_imported_file(store: Store, tmp_path: Path) -> None:
    actor = seed(store)
    with store.engine.connect() as conn:
        before = {r.agent_no: r for r in telesales_report(conn, TODAY, TODAY)}
    assert before["T001"].funded == 0 and before["T001"].funded_rate == 0
    path = tmp_path / "funding.csv"
    path.write_bytes(FILE.encode("gbk"))
    with store.write() as session:
        report = funding.import_funding(session, actor, funding.read_file(path), TODAY)
    assert (report.matched, report.newly_funded) == (5, 4)
    with store.engine.connect() as conn:
        rows = telesales_report(conn, TODAY, TODAY)
        assert conn.scalar(sa.select(sa.func.count()).where(Client.first_funded_on.is_not(None))) == 4
    table = {r.agent_no: r for r in rows}
    t1, t2 = table["T001"], table["T002"]
    funnel = (t1.invited, t1.booked, t1.checked_in, t1.accounts_opened, t1.funded)
    assert funnel == (7, 6, 5, 4, 3)
    assert t1.funded_rate == 0.75
    assert (t2.invited, t2.accounts_opened, t2.funded, t2.funded_rate) == (1, 1, 0, 0)
    assert totals(rows).funded == 3
    lines = csv_bytes(rows, TODAY, TODAY).decode("utf-8-sig").splitlines()
    assert lines[1].split(",") == list(HEADERS)
    total = lines[-1].split(",")
    assert total[HEADERS.index("有效户")] == "3" and total[HEADERS.index("开户")] == "5"

"""The telesales report in the central database: numbers per agent and campaign, CSV/XLSX export."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests.sync.conftest import Central
from workstation.cli import main
from workstation.clock import BRANCH_TZ, business_date
from workstation.domain import (
    ApplicationKind,
    ApplicationStatus,
    AppointmentStatus,
    GiftIssueStatus,
    ServiceLine,
    VisitOutcome,
)
from workstation.models import AccountApplication, Appointment, Campaign, Client, Gift, GiftIssue, Staff, Visit
from workstation.sync.report import HEADERS, NO_AGENT, csv_bytes, export, telesales_report

TODAY = business_date()
NOON = datetime.combine(TODAY, time(12), tzinfo=BRANCH_TZ)
S, C, N, X = (
    AppointmentStatus.SERVED,
    AppointmentStatus.CHECKED_IN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.CANCELLED,
)


def seed(central: Central) -> None:
    """Two agents, two branches' campaigns, appointments in every state, visits, applications, gifts."""
    counter = iter(range(1000))
    with central.session() as session, session.begin():
        t1 = session.scalars(sa.select(Staff).where(Staff.staff_no == "T001")).one()
        t2 = Staff(staff_no="T002", name="=坐席二", roles=["telesales"], password_hash="x")
        session.add(t2)
        clerk = session.scalars(sa.select(Staff).where(Staff.staff_no == "S0101")).one()
        c1, c2 = (session.scalars(sa.select(Campaign).where(Campaign.code == c)).one() for c in ("C0101", "C0202"))
        g1 = session.scalars(sa.select(Gift).where(Gift.sku == "G0101")).one()
        b1, b2 = central.branch_ids["0101"], central.branch_ids["0202"]
        session.flush()

        def appointment(branch, agent, campaign, status, *, when=NOON):  # type: ignore[no-untyped-def]
            n = next(counter)
            row = Appointment(
                branch_id=branch, code=f"R{n:06d}", client_name=f"客户{n}", mobile=f"139{n:08d}", slot_start=when,
                slot_end=when + timedelta(minutes=30), status=status, campaign_id=campaign and campaign.id,
                telesales_agent_id=agent and agent.id,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return row

        def visit(branch, row, outcome):  # type: ignore[no-untyped-def]
            v = Visit(
                branch_id=branch, business_date=TODAY, service_line=ServiceLine.TELESALES, ticket_no=next(counter),
                ticket_label="T001", issued_at=NOON, appointment_id=row.id, outcome=outcome,
            )  # fmt: skip
            session.add(v)
            session.flush()
            return v

        def application(branch, kind, status, **links):  # type: ignore[no-untyped-def]
            session.add(AccountApplication(branch_id=branch, kind=kind, status=status, clerk_id=clerk.id, **links))

        def gift(branch, agent, campaign, item, status=GiftIssueStatus.SIGNED, *, when=NOON, quantity=1):  # type: ignore[no-untyped-def]
            client = Client(branch_id=branch, name="领取人", id_number=f"G{next(counter)}")
            session.add(client)
            session.flush()
            session.add(GiftIssue(
                branch_id=branch, campaign_id=campaign.id, gift_id=item.id, client_id=client.id, quantity=quantity,
                unit_value_fen=item.unit_value_fen, status=status, issued_by_id=clerk.id, issued_at=when,
                telesales_agent_id=agent and agent.id,
            ))  # fmt: skip

        # T001 × C0101: five appointments in every state.
        opened = appointment(b1, t1, c1, S)
        v_opened = visit(b1, opened, VisitOutcome.ACCOUNT_OPENED)
        application(b1, ApplicationKind.NEW_ACCOUNT, ApplicationStatus.APPROVED, appointment_id=opened.id,
                    visit_id=v_opened.id)  # outcome and application: still one account  # fmt: skip
        moved = appointment(b1, t1, c1, C)
        application(b1, ApplicationKind.TRANSFER_IN, ApplicationStatus.APPROVED,
                    visit_id=visit(b1, moved, VisitOutcome.CONSULTATION).id)  # fmt: skip
        appointment(b1, t1, c1, N)
        appointment(b1, t1, c1, X)
        waiting = appointment(b1, t1, c1, AppointmentStatus.BOOKED)
        application(b1, ApplicationKind.NEW_ACCOUNT, ApplicationStatus.SUBMITTED, appointment_id=waiting.id)
        appointment(b1, t1, c1, S, when=NOON - timedelta(days=20))  # outside the period
        gift(b1, t1, c1, g1)
        gift(b1, t1, c1, g1, GiftIssueStatus.AWAITING_SIGNATURE, quantity=2)
        gift(b1, t1, c1, g1, GiftIssueStatus.VOIDED)
        gift(b1, t1, c1, g1, when=NOON - timedelta(days=20))
        gift(b1, None, c1, g1)  # a walk-in's gift: not a telesales result
        # T002 × C0202 at the other branch: a transfer by visit outcome only, a no-show.
        visit(b2, appointment(b2, t2, c2, S), VisitOutcome.TRANSFER_SUBMITTED)
        appointment(b2, t2, c2, N)
        # T002 gives a gift of campaign C0101 without any appointment in the period.
        gift(b1, t2, c1, g1)
        # Booked at reception on the client's behalf: no agent, no campaign.
        appointment(b1, None, None, AppointmentStatus.BOOKED)


@pytest.fixture
def seeded(central: Central) -> Central:
    seed(central)
    return central


def figures(row: object) -> tuple[int, ...]:
    names = ("invited", "booked", "checked_in", "no_show", "cancelled", "accounts_opened", "transfer_ins",
             "gifts_issued", "gift_value_fen")  # fmt: skip
    return tuple(getattr(row, name) for name in names)


def test_numbers_per_agent_and_campaign(seeded: Central) -> None:
    with seeded.engine.connect() as conn:
        rows = telesales_report(conn, TODAY - timedelta(days=1), TODAY + timedelta(days=1))
    table = {(r.agent_no, r.campaign_code): r for r in rows}
    assert list(table) == [("T001", "C0101"), ("T002", "C0101"), ("T002", "C0202"), ("", "")]
    assert figures(table["T001", "C0101"]) == (5, 4, 2, 1, 1, 1, 1, 2, 15000)
    assert table["T001", "C0101"].show_up_rate == round(2 / 3, 3)
    assert figures(table["T002", "C0202"]) == (2, 2, 1, 1, 0, 0, 1, 0, 0)
    assert figures(table["T002", "C0101"]) == (0, 0, 0, 0, 0, 0, 0, 1, 5000)
    assert table["", ""].agent_name == NO_AGENT and figures(table["", ""])[:2] == (1, 1)
    with seeded.engine.connect() as conn:  # the period moves the old appointment and gift in
        wide = {(r.agent_no, r.campaign_code): r for r in telesales_report(conn, TODAY - timedelta(days=30), TODAY)}
    assert wide["T001", "C0101"].invited == 6 and wide["T001", "C0101"].gifts_issued == 3


def test_csv_is_utf8_with_bom_and_safe_for_excel(seeded: Central) -> None:
    with seeded.engine.connect() as conn:
        rows = telesales_report(conn, TODAY, TODAY)
    data = csv_bytes(rows, TODAY, TODAY)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[1] == list(HEADERS)
    assert lines[-1][1] == "合计" and lines[-1][4] == "8"  # 5 + 2 + 1 invited
    assert any(line[1] == "'=坐席二" for line in lines[2:])  # no formula injection


def test_cli_writes_csv_and_xlsx_atomically_and_they_read_back(
    seeded: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = seeded.url.replace("postgresql+psycopg://", "postgresql://")
    period = ["--from", (TODAY - timedelta(days=1)).isoformat(), "--to", TODAY.isoformat()]
    target = tmp_path / "电销.csv"
    assert main(["report", "telesales", "--central", url, *period, "--out", str(target)]) == 0
    assert "4 行" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    t001 = next(r for r in rows if r[0] == "T001")
    assert t001[4:13] == ["5", "4", "2", "1", "1", "1", "1", "2", "150.0"]
    book = tmp_path / "电销.xlsx"
    assert main(["report", "telesales", "--central", url, *period, "--out", str(book)]) == 0
    sheet = load_workbook(book).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1] == list(HEADERS)
    xlsx_t001 = next(r for r in values if r[0] == "T001")
    assert xlsx_t001[4:13] == [5, 4, 2, 1, 1, 1, 1, 2, 150]
    assert values[-1][1] == "合计"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["电销.csv", "电销.xlsx"]  # no temporary files left
    capsys.readouterr()
    assert main(["report", "telesales", "--central", url, *period]) == 0
    assert capsys.readouterr().out.splitlines()[0].split("\t") == list(HEADERS)


def test_cli_rejects_a_reversed_period_and_reports_offline(capsys: pytest.CaptureFixture[str]) -> None:
    from workstation import pgserver as pg

    url = f"postgresql://x@127.0.0.1:{pg.free_port()}/c"
    assert main(["report", "telesales", "--central", url, "--from", "2024-02-02", "--to", "2024-02-01"]) == 2
    assert "晚于" in capsys.readouterr().err
    assert main(["report", "telesales", "--central", url]) == 2
    assert "无法连接" in capsys.readouterr().err


def test_export_keeps_the_old_file_when_the_folder_is_missing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export([], date(2024, 1, 1), date(2024, 1, 31), tmp_path / "missing" / "r.csv")

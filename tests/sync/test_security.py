"""Each branch syncs with its own PostgreSQL role: row-level security and grants keep it to its
own branch's rows and to what its side owns."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import ProgrammingError

from tests.sync.conftest import Central, book
from tests.sync.helpers import add_clients, assert_agree
from workstation.clock import utcnow
from workstation.models import Campaign, Client, Gift, GiftIssue, OutboxMessage, Staff, Visit
from workstation.store import Store
from workstation.sync.central import init_central
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]


def seed_branch_facts(central: Central, code: str) -> None:
    """A client, a visit and a gift issue of branch ``code``, already central."""
    branch_id = central.branch_ids[code]
    with central.session() as session, session.begin():
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == f"S{code}")).one()
        campaign = session.scalars(sa.select(Campaign).where(Campaign.code == f"C{code}")).one()
        gift = session.scalars(sa.select(Gift).where(Gift.campaign_id == campaign.id)).one()
        client = Client(branch_id=branch_id, name=f"客户{code}", id_number=f"ID{code}")
        session.add(client)
        session.flush()
        session.add(
            Visit(
                branch_id=branch_id, business_date=utcnow().date(), service_line="C", ticket_no=1,
                ticket_label="C001", client_id=client.id, issued_at=utcnow(),
            )
        )  # fmt: skip
        session.add(
            GiftIssue(
                branch_id=branch_id, campaign_id=campaign.id, gift_id=gift.id, client_id=client.id,
                unit_value_fen=5000, issued_by_id=staff.id, issued_at=utcnow(),
            )
        )  # fmt: skip


def test_a_branch_role_reads_only_its_own_clients_visits_and_gift_issues(
    central: Central, roles: dict[str, sa.Engine]
) -> None:
    for code in ("0101", "0202"):
        seed_branch_facts(central, code)
    mine = central.branch_ids["0101"]
    with roles["0101"].connect() as conn:
        for table in ("client", "visit", "gift_issue", "sync.processed_message"):
            rows = conn.exec_driver_sql(f"SELECT branch_id FROM {table}").scalars().all()
            assert set(rows) <= {mine}, table
        assert conn.exec_driver_sql("SELECT count(*) FROM client").scalar() == 1
        campaigns = conn.exec_driver_sql("SELECT code FROM campaign").scalars().all()
        assert campaigns == ["C0101"]
        assert conn.exec_driver_sql("SELECT sku FROM gift").scalars().all() == ["G0101"]
        assert conn.exec_driver_sql("SELECT count(*) FROM branch").scalar() == 2  # names and addresses are public


def test_a_branch_role_cannot_change_other_branches_or_central_tables(
    central: Central, roles: dict[str, sa.Engine]
) -> None:
    seed_branch_facts(central, "0202")
    other = central.branch_ids["0202"]
    engine = roles["0101"]
    with engine.begin() as conn:  # rows it cannot see, it cannot change
        assert conn.exec_driver_sql("UPDATE client SET name = 'x'").rowcount == 0
        assert conn.exec_driver_sql("UPDATE gift_issue SET status = 'voided'").rowcount == 0
    refused = [
        "UPDATE campaign SET per_client_cap_fen = 999999",
        "UPDATE policy SET value = '{}'",
        "INSERT INTO policy (id, key, value, description, created_at, updated_at, version) "
        "VALUES (gen_random_uuid(), 'k', '{}', '', now(), now(), 1)",
        "DELETE FROM client",
        "UPDATE appointment SET slot_start = now()",  # the call centre's columns
        "SELECT * FROM sync.branch_login",
        f"INSERT INTO client (id, branch_id, name, id_type, id_number, status, pinyin_full, pinyin_initials, "
        f"id_issuer, id_long_term, id_address, nationality, ethnicity, mobile, phone, email, address, postcode, "
        f"occupation, occupation_text, employer, education, tier, assets_fen, lowest_category, professional, "
        f"aml_risk, aml_reasons, integrity_flag, csdc_account, sh_account, sz_account, channel, created_at, "
        f"updated_at, version) VALUES ('{uuid.uuid4()}', '{other}', 'x', '00', 'Z9', 'prospect', '', '', '', "
        f"false, '', 'CHN', '', '', '', '', '', '', '', '', '', '', 'standard', 0, false, false, 'unrated', '', "
        f"false, '', '', '', 'walk_in', now(), now(), 1)",
    ]
    for statement in refused:
        with pytest.raises(ProgrammingError) as caught, engine.begin() as conn:
            conn.exec_driver_sql(statement)
        assert "permission denied" in str(caught.value) or "row-level security" in str(caught.value), statement
    assert central.count("client", f"branch_id = '{other}' AND name = 'x'") == 0


def test_a_workstation_syncs_through_its_branch_role(
    central: Central, roles: dict[str, sa.Engine], make_workstation: MakeWorkstation
) -> None:
    seed_branch_facts(central, "0202")
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 4)
    book(central, "0101", 3)
    book(central, "0202", 3, start=50)
    outcome = run_once(ws, roles["0101"])
    assert outcome.status is SyncStatus.OK and outcome.quarantined == 0, outcome
    assert_agree(central, ws, "0101")
    with ws.read() as session:  # nothing of the other branch came down
        assert session.scalar(sa.select(sa.func.count()).select_from(Client)) == 4


def test_a_forged_message_for_another_branch_is_quarantined(
    central: Central, roles: dict[str, sa.Engine], make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 2)
    other = central.branch_ids["0202"]
    with ws.write() as session:  # a tampered database: a client claiming to be of branch 0202
        session.add(Client(branch_id=other, name="冒充", id_number="FAKE1"))
    with ws.write() as session, session.no_autoflush:  # and an attempt to rewrite a campaign
        session.add(
            OutboxMessage(
                entity="campaign", entity_id=uuid.uuid4(), op="update", row_version=9, payload={}, branch_id=None
            )
        )
    outcome = run_once(ws, roles["0101"])
    assert outcome.status is SyncStatus.QUARANTINED  # the clerk sees 有隔离记录, not ok
    assert outcome.quarantined == 2
    assert central.count("client", "name = '冒充'") == 0
    assert central.count("client") == 2


def test_central_init_is_idempotent(central: Central) -> None:
    assert init_central(central.engine) == init_central(central.engine)


def test_appointment_status_flows_back_through_the_role(
    central: Central, roles: dict[str, sa.Engine], make_workstation: MakeWorkstation
) -> None:
    from workstation.domain import AppointmentStatus
    from workstation.models import Appointment

    ws = make_workstation("0101", "ws1")
    (appointment_id,) = book(central, "0101", 1)
    run_once(ws, roles["0101"])
    with ws.write() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        appointment.status = AppointmentStatus.CHECKED_IN
        appointment.status_changed_at = appointment.checked_in_at = utcnow() + timedelta(seconds=1)
    outcome = run_once(ws, roles["0101"])
    assert outcome.status is SyncStatus.OK and outcome.quarantined == 0, outcome
    assert central.count("appointment", "status = 'checked_in'") == 1
    assert_agree(central, ws, "0101")

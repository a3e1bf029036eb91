"""A stolen branch credential, used by an attacker against the real central PostgreSQL.

Every counter PC keeps its branch's credential; a stolen PC or a curious clerk has it. Each test
tries one thing an attacker would try with that credential alone and asserts the refusal (and that
nothing changed). The README's "Security" section lists the same guarantees.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from tests.sync.conftest import Central
from tests.sync.test_security import seed_branch_facts
from workstation.clock import utcnow
from workstation.models import AuditEvent, Gift, GiftIssue, GiftStockMovement, Staff
from workstation.sync.central import BRANCH_CONNECTION_LIMIT, add_branch, central_engine

REFUSED = ("permission denied", "row-level security", "insert-only", "must be", "violates", "returns at most")


@pytest.fixture
def attacker(central: Central) -> Iterator[tuple[sa.Engine, sa.engine.URL]]:
    """Branch 0101's own credential (and 0202's role exists too)."""
    with central.engine.begin() as conn:
        role, password = add_branch(conn, "0101")
        add_branch(conn, "0202")
    url = sa.engine.make_url(central.url).set(username=role, password=password)
    engine = central_engine(url)
    yield engine, url
    engine.dispose()


def refused(engine: sa.Engine, statement: str, params: dict[str, object] | None = None) -> str:
    """Run ``statement`` as the attacker; it must fail with a refusal. Returns the message."""
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(sa.text(statement), params or {})
    message = str(caught.value.orig)
    assert any(word in message for word in REFUSED), message
    return message


def seed_facts(central: Central, code: str) -> dict[str, uuid.UUID]:
    """An audit event, a gift, a stock receipt and an issue of branch ``code``, already central."""
    seed_branch_facts(central, code)
    branch = central.branch_ids[code]
    with central.session() as session, session.begin():
        gift = session.scalars(sa.select(Gift).where(Gift.sku == f"G{code}")).one()
        issue = session.scalars(sa.select(GiftIssue).where(GiftIssue.branch_id == branch)).one()
        event = AuditEvent(branch_id=branch, action="test.fact", details={"n": 1})
        receipt = GiftStockMovement(
            branch_id=branch, gift_id=gift.id, kind="receipt", quantity=10, reason="总部配送", occurred_at=utcnow()
        )
        issued = GiftStockMovement(
            branch_id=branch, gift_id=gift.id, kind="issue", quantity=-1, gift_issue_id=issue.id, occurred_at=utcnow()
        )
        session.add_all([event, receipt, issued])
        session.flush()
        return {"event": event.id, "gift": gift.id, "receipt": receipt.id, "issue": issue.id}


def movement(branch: object, gift: object, kind: str, quantity: int, **extra: object) -> dict[str, object]:
    return {
        "id": uuid.uuid4(), "branch_id": branch, "gift_id": gift, "kind": kind, "quantity": quantity,
        "workstation_id": extra.get("workstation_id"), "gift_issue_id": extra.get("gift_issue_id"),
    }  # fmt: skip


INSERT_MOVEMENT = (
    "INSERT INTO gift_stock_movement (id, branch_id, gift_id, kind, quantity, workstation_id, gift_issue_id, "
    "reason, occurred_at, created_at, updated_at, version) VALUES (:id, :branch_id, :gift_id, :kind, :quantity, "
    ":workstation_id, :gift_issue_id, '', now(), now(), now(), 1)"
)


# --- 1. facts cannot be rewritten --------------------------------------------------------------


def test_audit_events_and_stock_movements_cannot_be_changed_or_deleted(central: Central, attacker) -> None:
    engine, _ = attacker
    ids = seed_facts(central, "0101")
    refused(engine, "UPDATE audit_event SET action = 'nothing.happened' WHERE id = :i", {"i": ids["event"]})
    refused(engine, "DELETE FROM audit_event WHERE id = :i", {"i": ids["event"]})
    refused(engine, "UPDATE gift_stock_movement SET quantity = 5000 WHERE id = :i", {"i": ids["receipt"]})
    refused(engine, "DELETE FROM gift_stock_movement WHERE id = :i", {"i": ids["receipt"]})
    refused(engine, "TRUNCATE audit_event")
    # Not even the owner rewrites a fact: corrections are compensating rows.
    for statement in (
        "UPDATE audit_event SET action = 'x'",
        "DELETE FROM gift_stock_movement",
        "TRUNCATE gift_stock_movement CASCADE",
    ):
        refused(central.engine, statement)
    assert central.count("audit_event", "action = 'test.fact'") == 1
    assert central.count("gift_stock_movement", "quantity = 10 AND kind = 'receipt'") == 1


def test_a_branch_cannot_create_stock_head_office_did_not_send(central: Central, attacker) -> None:
    engine, _ = attacker
    ids = seed_facts(central, "0101")
    branch, gift = central.branch_ids["0101"], ids["gift"]
    for kind, quantity in (("receipt", 5000), ("allocation", 5000), ("adjustment", 5000), ("issue", 5)):
        refused(engine, INSERT_MOVEMENT, movement(branch, gift, kind, quantity))
    ws = uuid.uuid4()
    with central.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO workstation (id, branch_id, name, hostname, created_at, updated_at, version) "
                "VALUES (:i, :b, 'ws9', '', now(), now(), 1)"
            ),
            {"i": ws, "b": branch},
        )
    refused(engine, INSERT_MOVEMENT, movement(branch, gift, "reserve", 5000, workstation_id=ws))  # not from the pool
    refused(engine, INSERT_MOVEMENT, movement(branch, gift, "void", 5000, gift_issue_id=ids["issue"]))  # > issued
    refused(engine, INSERT_MOVEMENT, movement(branch, gift, "void", 1))  # a void of no issue
    # What a counter really does still works: a reserve from the pool, a void of the issue.
    with engine.begin() as conn:
        conn.execute(sa.text(INSERT_MOVEMENT), movement(branch, gift, "reserve", -3))
        conn.execute(sa.text(INSERT_MOVEMENT), movement(branch, gift, "reserve", 3, workstation_id=ws))
        conn.execute(sa.text(INSERT_MOVEMENT), movement(branch, gift, "void", 1, gift_issue_id=ids["issue"]))
        conn.execute(sa.text(INSERT_MOVEMENT), movement(branch, gift, "adjustment", -1))
    refused(engine, INSERT_MOVEMENT, movement(branch, gift, "void", 1, gift_issue_id=ids["issue"]))  # twice
    with central.engine.connect() as conn:
        total = conn.execute(
            sa.text("SELECT sum(quantity) FROM gift_stock_movement WHERE branch_id = :b AND gift_id = :g"),
            {"b": branch, "g": gift},
        ).scalar_one()
    assert total == 10 - 1 + 1 - 1


# --- 2. password verifiers ---------------------------------------------------------------------


def test_a_branch_cannot_read_password_verifiers_only_receives_its_own(central: Central, attacker) -> None:
    engine, _ = attacker
    refused(engine, "SELECT password_hash FROM staff")
    refused(engine, "SELECT * FROM staff")
    with engine.connect() as conn:
        names = set(conn.execute(sa.text("SELECT staff_no FROM staff")).scalars())
        assert names == {"S0101", "T001"}  # its own and the firm-wide call centre, not 0202's
        with central.session() as session:
            everyone = list(session.scalars(sa.select(Staff.id)))
        given = dict(conn.execute(sa.text("SELECT * FROM sync.staff_verifiers(:ids)"), {"ids": everyone}).all())
    with central.session() as session:
        other = session.scalars(sa.select(Staff).where(Staff.staff_no == "S0202")).one()
        own = session.scalars(sa.select(Staff).where(Staff.staff_no == "S0101")).one()
        assert other.id not in given and given[own.id] == own.password_hash
        own.active = False
        session.commit()
    with engine.connect() as conn:
        again = dict(conn.execute(sa.text("SELECT * FROM sync.staff_verifiers(:ids)"), {"ids": everyone}).all())
    assert own.id not in again  # a disabled member of staff: no verifier at all


# --- 3. the change log and SECURITY DEFINER functions -----------------------------------------


def test_a_branch_cannot_forge_change_log_entries(central: Central, attacker) -> None:
    engine, _ = attacker
    before = central.count("sync.change_log")
    refused(engine, "CREATE TEMP TABLE forged (id uuid, branch_id uuid)")
    refused(engine, "CREATE TABLE public.forged (id uuid)")
    refused(engine, "CREATE TABLE sync.forged (id uuid)")
    refused(engine, "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'")
    refused(engine, "CREATE TRIGGER t AFTER INSERT ON client FOR EACH ROW EXECUTE FUNCTION sync.log_change('global')")
    refused(engine, "INSERT INTO sync.change_log (entity, entity_id) VALUES ('client', gen_random_uuid())")
    refused(engine, "SELECT sync.branch_of('ws_branch_0202')")
    # Even a role that could make a trigger (the owner, here) cannot feed other tables through it.
    with central.engine.connect() as conn, pytest.raises(DBAPIError) as caught, conn.begin():
        conn.exec_driver_sql("CREATE TEMP TABLE forged (id uuid, branch_id uuid)")
        conn.exec_driver_sql(
            "CREATE TRIGGER f AFTER INSERT ON forged FOR EACH ROW EXECUTE FUNCTION sync.log_change('global')"
        )
        conn.exec_driver_sql("INSERT INTO forged SELECT gen_random_uuid(), NULL FROM generate_series(1, 1000)")
    assert "not a synchronised table" in str(caught.value.orig)
    assert central.count("sync.change_log") == before
    with central.engine.connect() as conn:
        definers = conn.execute(
            sa.text(
                "SELECT p.proname, p.proconfig, has_function_privilege('public', p.oid, 'EXECUTE') "
                "FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'sync' AND p.prosecdef"
            )
        ).all()
    assert {name for name, _, _ in definers} >= {"log_change", "staff_verifiers"}
    for name, config, public_may_execute in definers:
        assert any(c.startswith("search_path=") for c in config or []), name
        assert not public_may_execute, name


# --- 4. connections and timeouts ----------------------------------------------------------------


def test_a_branch_cannot_take_every_connection(central: Central, attacker) -> None:
    _, url = attacker
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    held = []
    try:
        with pytest.raises(psycopg.OperationalError) as caught:
            for _ in range(BRANCH_CONNECTION_LIMIT + 1):
                held.append(psycopg.connect(dsn, connect_timeout=5))
        assert "too many connections for role" in str(caught.value)
        assert len(held) == BRANCH_CONNECTION_LIMIT
        with central.engine.connect() as conn:  # everyone else still gets in
            assert conn.exec_driver_sql("SELECT 1").scalar_one() == 1
        settings = {
            name: held[0].execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
            for name in ("idle_in_transaction_session_timeout", "statement_timeout", "idle_session_timeout")
        }
        assert settings == {
            "idle_in_transaction_session_timeout": "1min",
            "statement_timeout": "2min",
            "idle_session_timeout": "30min",
        }
    finally:
        for conn in held:
            conn.close()


# --- 5. other branches, roles, schemas ----------------------------------------------------------


def test_a_branch_sees_nothing_of_another_branch(central: Central, attacker) -> None:
    engine, _ = attacker
    seed_facts(central, "0202")
    other = central.branch_ids["0202"]
    with engine.connect() as conn:
        for table in ("client", "visit", "gift_issue", "gift_stock_movement", "audit_event", "printed_document",
                      "staff", "sync.change_log", "sync.processed_message"):  # fmt: skip
            seen = conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE branch_id = :b"), {"b": other})
            assert seen.scalar_one() == 0, table
        assert conn.execute(sa.text("SELECT count(*) FROM sync.my_branch")).scalar_one() == 1
    refused(engine, "SELECT * FROM sync.branch_login")
    refused(engine, "SET ROLE ws_branch_0202")
    refused(engine, "ALTER ROLE ws_branch_0101 CONNECTION LIMIT -1")
    refused(engine, "ALTER ROLE ws_branch_0101 BYPASSRLS")

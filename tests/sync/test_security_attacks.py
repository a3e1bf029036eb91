"""Every attack of issue 10 (and more), run AS THE BRANCH ROLE on the real PostgreSQL: each refused.

A counter PC keeps its branch's central credential in its keyring, so a stolen PC or a curious
clerk has it. Each test connects with that credential alone and asserts the refusal: the
SQLSTATE PostgreSQL answers with, or that nothing changed. README, Security, lists the outcome.
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
from workstation.domain import StockMovementKind
from workstation.models import AuditEvent, Gift, GiftStockMovement, Staff
from workstation.sync.central import (
    BRANCH_CONNECTION_LIMIT,
    FORBIDDEN_SQLSTATE,
    IMMUTABLE_SQLSTATE,
    add_branch,
    central_engine,
    staff_verifiers,
)

DENIED = "42501"  # insufficient_privilege (also "new row violates row-level security policy")
TOO_MANY = "53300"  # too_many_connections
MINE, OTHER = "0101", "0202"


def sqlstate(engine: sa.Engine, statement: str) -> str:
    """Run ``statement`` (no parameters) in its own transaction; return the refusal's SQLSTATE."""
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.exec_driver_sql(statement.replace("%", "%%"))
    return str(getattr(caught.value.orig, "sqlstate", ""))


def scalar(engine: sa.Engine, statement: str, **params: object) -> object:
    with engine.connect() as conn:
        return conn.execute(sa.text(statement), params).scalar()


@pytest.fixture
def facts(central: Central) -> Iterator[dict[str, uuid.UUID]]:
    """Per branch: a client/visit/gift issue, an audit event and a stock receipt, all central."""
    ids: dict[str, uuid.UUID] = {}
    for code in (MINE, OTHER):
        seed_branch_facts(central, code)
        with central.session() as session, session.begin():
            branch_id = central.branch_ids[code]
            gift = session.scalars(sa.select(Gift).where(Gift.sku == f"G{code}")).one()
            event = AuditEvent(branch_id=branch_id, action="auth.login", details={"note": "原始"})
            movement = GiftStockMovement(
                branch_id=branch_id, gift_id=gift.id, kind=StockMovementKind.RECEIPT, quantity=10,
                reason="总部入库", occurred_at=utcnow(),
            )  # fmt: skip
            session.add_all([event, movement])
            session.flush()
            ids[f"event{code}"], ids[f"movement{code}"], ids[f"gift{code}"] = event.id, movement.id, gift.id
    yield ids


# --- 1. insert-only facts and head-office movements ---------------------------------------------


def test_a_branch_cannot_rewrite_or_delete_its_own_facts(
    central: Central, roles: dict[str, sa.Engine], facts: dict[str, uuid.UUID]
) -> None:
    me = roles[MINE]
    for statement in (
        "UPDATE audit_event SET action = 'x'",
        "UPDATE audit_event SET details = '{}'",
        "DELETE FROM audit_event",
        "UPDATE gift_stock_movement SET quantity = 5000",
        "DELETE FROM gift_stock_movement",
        "TRUNCATE audit_event",
        "TRUNCATE gift_stock_movement",
    ):
        assert sqlstate(me, statement) == DENIED, statement
    assert central.count("audit_event", "action = 'auth.login'") == 2
    assert central.count("gift_stock_movement", "quantity = 10") == 2


def test_not_even_the_owner_rewrites_a_fact(central: Central, facts: dict[str, uuid.UUID]) -> None:
    owner = central.engine  # the superuser that owns the tables
    for statement in (
        f"UPDATE audit_event SET action = 'x' WHERE id = '{facts['event0101']}'",
        f"DELETE FROM audit_event WHERE id = '{facts['event0101']}'",
        f"UPDATE gift_stock_movement SET quantity = 5000 WHERE id = '{facts['movement0101']}'",
        f"DELETE FROM gift_stock_movement WHERE id = '{facts['movement0101']}'",
        "TRUNCATE audit_event CASCADE",
        "TRUNCATE gift_stock_movement CASCADE",
    ):
        assert sqlstate(owner, statement) == IMMUTABLE_SQLSTATE, statement
    assert central.count("audit_event") == 2 and central.count("gift_stock_movement") == 2


def _movement(
    code: str, central: Central, facts: dict[str, uuid.UUID], kind: str, quantity: int, workstation: str = "NULL"
) -> str:
    return (
        "INSERT INTO gift_stock_movement (id, branch_id, gift_id, kind, quantity, workstation_id, reason, "
        f"occurred_at, created_at, updated_at, version) VALUES ('{uuid.uuid4()}', '{central.branch_ids[code]}', "
        f"'{facts['gift' + code]}', '{kind}', {quantity}, {workstation}, '', now(), now(), now(), 1)"
    )


def test_a_branch_cannot_mint_stock(central: Central, roles: dict[str, sa.Engine], facts: dict[str, uuid.UUID]) -> None:
    me = roles[MINE]
    for kind, quantity in (
        ("receipt", 5000), ("allocation", 5000), ("issue", 5000), ("void", 5000),
        ("reserve", 5000),  # into the pool: a reserve only takes units out of it
        ("reserve_release", -5000),  # out of the pool: a release only gives units back to it
    ):  # fmt: skip
        assert sqlstate(me, _movement(MINE, central, facts, kind, quantity)) == DENIED, kind
    assert sqlstate(me, _movement(OTHER, central, facts, "issue", -1)) == DENIED  # another branch's stock
    assert central.count("gift_stock_movement") == 2
    with me.begin() as conn:  # what a counter does: an issue takes stock out
        conn.exec_driver_sql(_movement(MINE, central, facts, "issue", -1))
    assert central.count("gift_stock_movement") == 3


# --- 2. verifiers -------------------------------------------------------------------------------


def test_a_branch_cannot_read_password_verifiers(central: Central, roles: dict[str, sa.Engine]) -> None:
    me = roles[MINE]
    for statement in ("SELECT password_hash FROM staff", "SELECT * FROM staff", "COPY staff TO STDOUT"):
        assert sqlstate(me, statement) == DENIED, statement
    with me.connect() as conn:
        names = set(conn.exec_driver_sql("SELECT staff_no FROM staff").scalars())
        every = list(central.engine.connect().exec_driver_sql("SELECT id FROM staff").scalars())
        given = staff_verifiers(conn, every)  # the narrow path: own branch and firm-wide only
    assert names == {f"S{MINE}", "T001"}
    with central.engine.connect() as conn:
        query = "SELECT id, password_hash FROM staff WHERE staff_no IN ('S0101', 'T001')"
        expected = {row[0]: row[1] for row in conn.exec_driver_sql(query)}
    assert given == expected


def test_the_counter_still_gets_its_verifiers_for_offline_login(
    central: Central, roles: dict[str, sa.Engine], make_workstation: object
) -> None:
    from workstation.sync.engine import run_once

    with central.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE staff SET password_hash = 'argon-'||staff_no, version = version + 1")
    ws = make_workstation(MINE, "ws1")  # type: ignore[operator]
    run_once(ws, roles[MINE])
    with ws.read() as session:
        hashes = {row[0]: row[1] for row in session.execute(sa.select(Staff.staff_no, Staff.password_hash))}
    assert hashes == {"S0101": "argon-S0101", "T001": "argon-T001"}


# --- 3. forged change-log entries ----------------------------------------------------------------


def test_a_branch_cannot_forge_change_log_entries(central: Central, roles: dict[str, sa.Engine]) -> None:
    me = roles[MINE]
    before = central.count("sync.change_log")
    temp_table = "CREATE TEMP TABLE forged (id uuid, branch_id uuid)"
    assert sqlstate(me, temp_table) == DENIED
    trigger = "CREATE TRIGGER t AFTER INSERT ON forged FOR EACH ROW EXECUTE FUNCTION sync.log_change('global')"
    assert sqlstate(me, f"{temp_table}; {trigger}") == DENIED
    for statement in (
        "INSERT INTO sync.change_log (entity, entity_id) VALUES ('client', gen_random_uuid())",
        "UPDATE sync.change_log SET branch_id = NULL",
        "DELETE FROM sync.change_log",
        "SELECT sync.log_change()",
    ):
        assert sqlstate(me, statement) == DENIED, statement
    assert central.count("sync.change_log") == before
    assert scalar(me, "SELECT has_function_privilege(current_user, 'sync.log_change()', 'EXECUTE')") is False


def test_log_change_refuses_any_table_outside_its_allow_list(central: Central) -> None:
    """Even a table the owner makes by mistake (or a temp table) cannot reach the change log."""
    owner = central.engine
    before = central.count("sync.change_log")
    for make, name in (
        ("CREATE TABLE public.forged (id uuid, branch_id uuid)", "public.forged"),
        ("CREATE TEMP TABLE client (id uuid, branch_id uuid)", "pg_temp.client"),  # named like a synced one
    ):
        statement = (
            f"{make}; CREATE TRIGGER t AFTER INSERT ON {name} FOR EACH ROW EXECUTE FUNCTION sync.log_change('global'); "
            f"INSERT INTO {name} SELECT gen_random_uuid(), NULL FROM generate_series(1, 1000)"
        )
        assert sqlstate(owner, statement) == FORBIDDEN_SQLSTATE, make
    assert central.count("sync.change_log") == before


def test_no_sync_function_is_public_and_every_definer_pins_its_search_path(central: Central) -> None:
    with central.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.oid::regprocedure::text, p.prosecdef, p.proconfig, "
            "EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a "
            "        WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') "
            "FROM pg_proc AS p WHERE p.pronamespace = 'sync'::regnamespace"
        ).all()
    assert {r[0] for r in rows} >= {"sync.log_change()", "sync.branch_of(name)", "sync.staff_verifiers(uuid[])"}
    for name, definer, config, public in rows:
        assert not public, name
        if definer:
            assert config and "search_path=pg_catalog, pg_temp" in config, name


# --- 4. connections and timeouts ----------------------------------------------------------------


def _conninfo(engine: sa.Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def test_a_branch_cannot_exhaust_the_server(central: Central) -> None:
    with central.engine.begin() as conn:
        role, password = add_branch(conn, MINE, connection_limit=3)
    engine = central_engine(sa.engine.make_url(central.url).set(username=role, password=password))
    opened = []
    try:
        for _ in range(3):
            opened.append(psycopg.connect(_conninfo(engine)))
        with pytest.raises(psycopg.OperationalError) as caught:
            opened.append(psycopg.connect(_conninfo(engine)))
        assert TOO_MANY in str(caught.value) or "too many connections" in str(caught.value)
        session = opened[0]
        for setting in ("idle_in_transaction_session_timeout", "statement_timeout", "idle_session_timeout"):
            assert session.execute(f"SHOW {setting}").fetchone()[0] not in ("0", ""), setting
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            session.execute(f'ALTER ROLE "{role}" CONNECTION LIMIT -1')
        session.rollback()
        # What PostgreSQL cannot lock: the timeouts are user-settable (README, Security).
        session.execute("SET idle_in_transaction_session_timeout = 0")
    finally:
        for conn in opened:
            conn.close()
        engine.dispose()


def test_branch_roles_get_the_default_connection_limit(central: Central, roles: dict[str, sa.Engine]) -> None:
    limit = scalar(central.engine, "SELECT rolconnlimit FROM pg_roles WHERE rolname = :r", r=roles[MINE].url.username)
    assert limit == BRANCH_CONNECTION_LIMIT


# --- more: other branches, creating, roles, server files --------------------------------------------


def test_a_branch_reads_nothing_of_another_branch(
    central: Central, roles: dict[str, sa.Engine], facts: dict[str, uuid.UUID]
) -> None:
    me, mine = roles[MINE], central.branch_ids[MINE]
    with central.engine.begin() as conn:  # the other branch's workstation and processed messages
        conn.exec_driver_sql(
            f"INSERT INTO sync.processed_message (msg_id, branch_id, entity, entity_id, row_version) "
            f"VALUES (gen_random_uuid(), '{central.branch_ids[OTHER]}', 'client', gen_random_uuid(), 1)"
        )
    for table in (
        "staff", "visit", "client", "gift_issue", "gift_stock_movement", "audit_event", "printed_document",
        "campaign", "sync.change_log", "sync.processed_message", "appointment", "counter",
    ):  # fmt: skip
        with me.connect() as conn:
            seen = set(conn.exec_driver_sql(f"SELECT DISTINCT branch_id FROM {table}").scalars())
        assert seen <= {mine, None}, table
    assert scalar(me, "SELECT count(*) FROM gift") == 1
    assert sqlstate(me, "SELECT * FROM sync.branch_login") == DENIED
    other_role = roles[OTHER].url.username
    assert scalar(me, "SELECT sync.branch_of(:r)", r=other_role) is None  # no role -> branch oracle
    assert scalar(me, "SELECT sync.current_branch()") == mine


def test_a_branch_cannot_create_anything_or_become_someone_else(roles: dict[str, sa.Engine]) -> None:
    me, other_role = roles[MINE], roles[OTHER].url.username
    for statement in (
        "CREATE TABLE public.x (id int)",
        "CREATE TABLE sync.x (id int)",
        "CREATE TABLE x (id int)",
        "CREATE SCHEMA x",
        "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE VIEW public.v AS SELECT 1",
        "CREATE TEMP TABLE t (id int)",
        f'SET ROLE "{other_role}"',
        "SET ROLE postgres",
        f'GRANT ws_branch TO "{other_role}"',
        "CREATE ROLE intruder LOGIN",
        "CREATE EXTENSION dblink",
        "SELECT pg_read_file('/etc/passwd')",
        "COPY (SELECT 1) TO '/tmp/x'",
        "COPY client FROM PROGRAM 'id'",
        "SET session_replication_role = replica",  # would skip the insert-only triggers
        "ALTER TABLE client DISABLE ROW LEVEL SECURITY",
        "DROP POLICY branch_rows ON client",
        "SELECT sync.refuse_change()",
    ):
        assert sqlstate(me, statement) == DENIED, statement
    for schema in ("public", "sync"):
        assert scalar(me, f"SELECT has_schema_privilege('{schema}', 'CREATE')") is False


def test_a_branch_cannot_write_into_another_branch_or_central_tables(
    central: Central, roles: dict[str, sa.Engine], facts: dict[str, uuid.UUID]
) -> None:
    me, other = roles[MINE], central.branch_ids[OTHER]
    for statement in (
        f"INSERT INTO sync.processed_message (msg_id, branch_id, entity, entity_id, row_version) "
        f"VALUES (gen_random_uuid(), '{other}', 'client', gen_random_uuid(), 1)",
        f"INSERT INTO audit_event (id, branch_id, at, action, entity, details, created_at, updated_at, version) "
        f"VALUES (gen_random_uuid(), '{other}', now(), 'x', '', '{{}}', now(), now(), 1)",
        "UPDATE staff SET name = 'x'",
        "UPDATE branch SET name = 'x'",
        "INSERT INTO staff (id, staff_no, name, branch_id, roles, password_hash, active, failed_logins, created_at, "
        "updated_at, version) VALUES (gen_random_uuid(), 'X1', 'x', NULL, '[]', 'x', true, 0, now(), now(), 1)",
        "UPDATE sync.processed_message SET branch_id = NULL",
        "DELETE FROM sync.processed_message",
    ):
        assert sqlstate(me, statement) == DENIED, statement
    with me.begin() as conn:  # rows it cannot see it cannot touch
        assert conn.exec_driver_sql(f"UPDATE visit SET ticket_label = 'X' WHERE branch_id = '{other}'").rowcount == 0


def test_other_sessions_queries_stay_hidden(central: Central, roles: dict[str, sa.Engine]) -> None:
    with roles[OTHER].connect() as spy_target, roles[MINE].connect() as conn:
        spy_target.exec_driver_sql("SELECT 'secret-query'")
        texts = (
            conn.exec_driver_sql(
                "SELECT query FROM pg_stat_activity WHERE usename IS NOT NULL AND usename <> current_user"
            )
            .scalars()
            .all()
        )
    assert texts and all(t == "<insufficient privilege>" for t in texts), texts


def test_what_a_branch_can_still_set_for_itself(central: Central, roles: dict[str, sa.Engine]) -> None:
    """PostgreSQL lets any role SET user-settable GUCs and ALTER ROLE itself SET them (README,
    Security): the timeouts are defaults, not limits. What holds: the CONNECTION LIMIT, the other
    role attributes, and the reaper that ends stuck transactions (next test)."""
    me = roles[MINE]
    role = me.url.username
    with me.connect() as conn:
        assert conn.exec_driver_sql("SHOW idle_in_transaction_session_timeout").scalar() == "1min"
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "1min"
        conn.exec_driver_sql("SET statement_timeout = 0")  # allowed: a session may lift its own
        conn.exec_driver_sql(f'ALTER ROLE "{role}" SET idle_in_transaction_session_timeout = 0')  # allowed too
        conn.commit()
    for statement in (
        f'ALTER ROLE "{role}" CONNECTION LIMIT -1',
        f'ALTER ROLE "{role}" SUPERUSER',
        f'ALTER ROLE "{role}" BYPASSRLS',
        f'ALTER ROLE "{role}" CREATEROLE',
        f'ALTER ROLE "{roles[OTHER].url.username}" SET statement_timeout = 0',
        f"ALTER ROLE \"{roles[OTHER].url.username}\" PASSWORD 'x'",
    ):
        assert sqlstate(me, statement) == DENIED, statement


def test_a_branch_stuck_in_a_transaction_cannot_hold_back_every_pull(
    central: Central, roles: dict[str, sa.Engine], make_workstation: object
) -> None:
    from tests.sync.conftest import book
    from workstation.models import Appointment
    from workstation.sync.central import reaper_statement
    from workstation.sync.pull import pull

    ws = make_workstation(MINE, "ws1")  # type: ignore[operator]
    with central.engine.begin() as conn:  # end stuck transactions at once (120 s in production)
        conn.exec_driver_sql(reaper_statement(reap_after_s=0).replace("%", "%%"))
    stuck = psycopg.connect(_conninfo(roles[OTHER]))
    try:
        stuck.execute("SET idle_in_transaction_session_timeout = 0")
        stuck.execute("SELECT pg_current_xact_id()")  # holds an xid, then idles in the transaction
        booked = set(book(central, MINE, 2))
        with central.engine.connect() as conn:  # the attack: every branch's pull would see nothing new
            held = conn.exec_driver_sql(
                "SELECT count(*) FROM sync.change_log WHERE entity = 'appointment' "
                "AND xid < pg_snapshot_xmin(pg_current_snapshot())"
            ).scalar()
        assert held == 0
        pull(ws, roles[MINE], central.branch_ids[MINE])
        with ws.read() as session:
            assert booked <= set(session.scalars(sa.select(Appointment.id)))
        with pytest.raises(psycopg.OperationalError):
            stuck.execute("SELECT 1")
    finally:
        stuck.close()


def test_the_branch_group_itself_sees_and_writes_nothing(central: Central, roles: dict[str, sa.Engine]) -> None:
    """A branch role may SET ROLE to the group it belongs to (PostgreSQL 15 has no WITH SET FALSE):
    as ``ws_branch`` it belongs to no branch, so every branch row is invisible and unwritable."""
    seed_branch_facts(central, MINE)
    with roles[MINE].connect() as conn:
        conn.exec_driver_sql("SET ROLE ws_branch")
        assert conn.exec_driver_sql("SELECT sync.current_branch()").scalar() is None
        assert conn.exec_driver_sql("SELECT count(*) FROM client").scalar() == 0
        assert conn.exec_driver_sql("UPDATE client SET name = 'x'").rowcount == 0


def test_central_init_keeps_a_hand_set_connection_limit_and_limits_the_others(central: Central) -> None:
    from workstation.sync.central import init_central

    with central.engine.begin() as conn:
        role, _ = add_branch(conn, MINE, connection_limit=7)
        other, _ = add_branch(conn, OTHER)
        conn.exec_driver_sql(f'ALTER ROLE "{other}" CONNECTION LIMIT -1')  # e.g. made by an older version
    init_central(central.engine)
    limits = {
        r: scalar(central.engine, "SELECT rolconnlimit FROM pg_roles WHERE rolname = :r", r=r) for r in (role, other)
    }
    assert limits == {role: 7, other: BRANCH_CONNECTION_LIMIT}

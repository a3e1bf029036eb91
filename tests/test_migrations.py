"""The migrations: they build exactly the models' schema, go down and up again, and each is tested.

Every revision under ``workstation/migrations/versions`` needs an upgrade test registered with
``@upgrade_test("<revision>")`` that starts from a database at the previous revision (style §14).
A model change without a migration shows up in :func:`test_migrated_schema_equals_the_models`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from tests.migration_scripts import add_test_revision
from workstation import migrate
from workstation.models import Base
from workstation.store import Store, create_engine, normalize_url

F = TypeVar("F", bound=Callable[..., Any])
UPGRADE_TESTS: dict[str, str] = {}
"""revision -> name of the test that upgrades a database from the revision before it."""


def upgrade_test(revision: str) -> Callable[[F], F]:
    def register(test: F) -> F:
        UPGRADE_TESTS[revision] = test.__name__
        return test

    return register


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate.alembic_config())


def schema_diffs(engine: sa.Engine) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        return list(compare_metadata(context, Base.metadata))


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def tables(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(sa.inspect(conn).get_table_names())


@pytest.fixture
def empty_engine(empty_db_url: str) -> Iterator[sa.Engine]:
    """An engine (with the workstation's settings) on a database with no schema at all."""
    engine = create_engine(normalize_url(empty_db_url))
    yield engine
    engine.dispose()


# --- the schema ----------------------------------------------------------------------------------


def test_migrated_schema_equals_the_models(store: Store) -> None:
    """Fails when a model changed without a migration (or a migration without the model)."""
    assert schema_diffs(store.engine) == []


def test_downgrade_to_nothing_and_up_again(store: Store) -> None:
    head = script().get_current_head()
    migrate.downgrade(store.engine, "base")
    assert tables(store.engine) <= {"alembic_version"}
    assert current_revision(store.engine) is None
    migrate.upgrade(store.engine)
    assert current_revision(store.engine) == head
    assert schema_diffs(store.engine) == []


def test_each_revision_goes_down_and_up_one_step_at_a_time(empty_engine: sa.Engine) -> None:
    revisions = [rev.revision for rev in reversed(list(script().walk_revisions()))]
    for revision in revisions:
        migrate.upgrade(empty_engine, revision=revision)
        assert current_revision(empty_engine) == revision
    for revision in reversed(revisions):
        down = script().get_revision(revision).down_revision
        migrate.downgrade(empty_engine, str(down) if down else "base")
    assert tables(empty_engine) <= {"alembic_version"}
    migrate.upgrade(empty_engine)
    assert schema_diffs(empty_engine) == []


def test_a_later_revision_applies_on_both_backends(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade machinery with a database behind head (a test revision on top of the real ones)."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO branch (id, code, name, address, postcode, phone, complaint_phone, opening_hours,"
            " landmarks, transit, trading_unit, created_at, updated_at, version)"
            " VALUES ('0190f4c212347abc8def0123456789ab', 'B1', '营业部', '北京', '', '', '', '', '[]', '[]', '',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )
    revision = add_test_revision(tmp_path, monkeypatch)
    plan = migrate.inspect_schema(store.engine)
    assert plan.needs_upgrade and plan.head == revision
    migrate.upgrade(store.engine)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT code, test_note FROM branch").all() == [("B1", "ok")]
    migrate.downgrade(store.engine, str(plan.current))
    assert "test_note" not in {c["name"] for c in sa.inspect(store.engine).get_columns("branch")}


# --- one upgrade test per revision ---------------------------------------------------------------

LATER_TABLES = frozenset({"lead", "return_visit"})
"""Model tables created by a revision after 0001 (0019)."""


@upgrade_test("0001")
def test_upgrade_0001_initial_schema_from_an_empty_database(empty_engine: sa.Engine) -> None:
    assert migrate.inspect_schema(empty_engine).current is None
    migrate.upgrade(empty_engine, revision="0001")
    assert current_revision(empty_engine) == "0001"
    expected = {table.name for table in Base.metadata.sorted_tables} - LATER_TABLES
    assert expected <= tables(empty_engine)
    # The tables work together: a branch, its staff, a client, the outbox.
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with empty_engine.begin() as conn:
        branch = Base.metadata.tables["branch"]
        conn.execute(
            branch.insert().values(
                id=uuid.UUID(int=1), code="B1", name="营业部", address="北京", postcode="", phone="",
                complaint_phone="", opening_hours="", landmarks=[], transit=[], trading_unit="",
                created_at=now, updated_at=now, version=1,
            )
        )  # fmt: skip
        count = conn.execute(sa.select(sa.func.count()).select_from(branch)).scalar()
    assert count == 1


@upgrade_test("0002")
def test_upgrade_0002_keeps_the_newest_firm_wide_policy_per_key(empty_engine: sa.Engine) -> None:
    migrate.upgrade(empty_engine, revision="0001")
    policy, branch = Base.metadata.tables["policy"], Base.metadata.tables["branch"]
    old, new = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    branch_id = uuid.UUID(int=99)
    with empty_engine.begin() as conn:
        conn.execute(
            branch.insert().values(
                id=branch_id, code="B1", name="营业部", address="北京", postcode="", phone="",
                complaint_phone="", opening_hours="", landmarks=[], transit=[], trading_unit="",
                created_at=old, updated_at=old, version=1,
            )
        )  # fmt: skip
        # At 0001 nothing stops two firm-wide rows with the same key.
        rows = [
            (1, "gifts", None, {"cap": 100}, old),
            (2, "gifts", None, {"cap": 300}, new),  # the newest: kept
            (3, "gifts", branch_id, {"cap": 50}, old),  # a branch override: kept
            (4, "tiers", None, {"core": 1}, old),
        ]
        for n, key, branch_ref, value, at in rows:
            conn.execute(
                policy.insert().values(
                    id=uuid.UUID(int=n), key=key, branch_id=branch_ref, value=value, description="",
                    created_at=at, updated_at=at, version=1,
                )
            )  # fmt: skip
    migrate.upgrade(empty_engine, revision="0002")
    assert current_revision(empty_engine) == "0002"
    with empty_engine.connect() as conn:
        kept = conn.execute(sa.select(policy.c.id).order_by(policy.c.id)).scalars()
        assert list(kept) == [uuid.UUID(int=2), uuid.UUID(int=3), uuid.UUID(int=4)]
    with pytest.raises(sa.exc.IntegrityError), empty_engine.begin() as conn:
        conn.execute(
            policy.insert().values(
                id=uuid.UUID(int=5), key="tiers", branch_id=None, value={}, description="",
                created_at=new, updated_at=new, version=1,
            )
        )  # fmt: skip


def test_every_revision_has_an_upgrade_test() -> None:
    revisions = {rev.revision for rev in script().walk_revisions()}
    missing = revisions - set(UPGRADE_TESTS)
    assert not missing, f"revisions without an @upgrade_test: {sorted(missing)} (style §14)"
    unknown = set(UPGRADE_TESTS) - revisions
    assert not unknown, f"@upgrade_test for revisions that do not exist: {sorted(unknown)}"


def test_every_file_in_versions_is_a_revision_in_one_line() -> None:
    files = sorted(p for p in (migrate.MIGRATIONS_DIR / "versions").glob("*.py") if p.name != "__init__.py")
    revisions = list(script().walk_revisions())
    assert len(files) == len(revisions), "a file under versions/ is not a revision (or one is missing)"
    for rev in revisions:
        assert rev.path is not None
        assert Path(rev.path).name.startswith(f"{rev.revision}_"), f"name the file after its revision: {rev.path}"
    assert len(script().get_heads()) == 1, "more than one head: merge the branches"


@upgrade_test("0003")
def test_upgrade_0003_adds_the_central_change_log_on_postgresql_only(empty_engine: sa.Engine) -> None:
    migrate.upgrade(empty_engine, revision="0002")
    before = tables(empty_engine)
    branch = Base.metadata.tables["branch"]
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    row = dict(
        code="B1", name="营业部", address="北京", postcode="", phone="", complaint_phone="", opening_hours="",
        landmarks=[], transit=[], trading_unit="", created_at=now, updated_at=now, version=1,
    )  # fmt: skip
    with empty_engine.begin() as conn:
        conn.execute(branch.insert().values(id=uuid.UUID(int=1), **row))  # a row from before: not logged
    migrate.upgrade(empty_engine, revision="0003")
    assert current_revision(empty_engine) == "0003"
    assert tables(empty_engine) == before  # nothing new in the workstation's own schema
    with empty_engine.begin() as conn:
        conn.execute(branch.insert().values(id=uuid.UUID(int=2), **{**row, "code": "B2"}))
        conn.execute(branch.update().where(branch.c.id == uuid.UUID(int=1)).values(name="新名", version=2))
    if empty_engine.dialect.name != "postgresql":
        return
    with empty_engine.connect() as conn:
        logged = conn.exec_driver_sql("SELECT entity, entity_id, branch_id FROM sync.change_log ORDER BY seq").all()
        assert [(e, i.int, b) for e, i, b in logged] == [("branch", 2, None), ("branch", 1, None)]
        xids = conn.exec_driver_sql("SELECT count(DISTINCT xid) FROM sync.change_log").scalar()
        assert xids == 1  # one transaction, one xid8
    migrate.downgrade(empty_engine, "0002")
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'sync'").scalar() == 0


@upgrade_test("0004")
def test_upgrade_0004_adds_the_check_in_search_index(empty_engine: sa.Engine) -> None:
    migrate.upgrade(empty_engine, revision="0003")
    assert "ix_appointment_check_in_search" not in indexes(empty_engine, "appointment")
    migrate.upgrade(empty_engine, revision="0004")
    assert current_revision(empty_engine) == "0004"
    assert indexes(empty_engine, "appointment")["ix_appointment_check_in_search"] == [
        "branch_id", "slot_start", "client_name", "pinyin_initials", "pinyin_full", "mobile",
    ]  # fmt: skip
    migrate.downgrade(empty_engine, "0003")
    assert "ix_appointment_check_in_search" not in indexes(empty_engine, "appointment")


@upgrade_test("0005")
def test_upgrade_0005_numbers_workstations_uniquely_per_branch(empty_engine: sa.Engine) -> None:
    migrate.upgrade(empty_engine, revision="0004")
    branch, workstation = Base.metadata.tables["branch"], Base.metadata.tables["workstation"]
    workstation = sa.Table(  # as 0005 leaves it (later revisions add columns to the model)
        "workstation",
        sa.MetaData(),
        *(sa.Column(c.name, c.type) for c in workstation.c if c.name not in ("app_version", "last_seen_at")),
    )
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    stamps = dict(created_at=now, updated_at=now, version=1)
    with empty_engine.begin() as conn:
        conn.execute(
            branch.insert().values(
                id=uuid.UUID(int=1), code="B1", name="营业部", address="北京", postcode="", phone="",
                complaint_phone="", opening_hours="", landmarks=[], transit=[], trading_unit="", **stamps,
            )
        )  # fmt: skip
        old_table = sa.Table(  # the table as 0004 left it (the model already has the new column)
            "workstation",
            sa.MetaData(),
            *(sa.Column(c.name, c.type) for c in workstation.c if c.name not in LATER_WORKSTATION_COLUMNS),
        )
        first = dict(id=uuid.UUID(int=10), branch_id=uuid.UUID(int=1), name="ws1", hostname="pc1")
        conn.execute(old_table.insert().values(**first, **stamps))
    migrate.upgrade(empty_engine, revision="0005")
    assert current_revision(empty_engine) == "0005"
    with empty_engine.begin() as conn:
        assert conn.execute(sa.select(workstation.c.number)).scalar_one() is None  # an old PC: numbered later
        conn.execute(workstation.update().values(number=1))
        row = dict(id=uuid.UUID(int=11), branch_id=uuid.UUID(int=1), name="ws2", hostname="", number=2)
        conn.execute(workstation.insert().values(**row, **stamps))
    with pytest.raises(sa.exc.IntegrityError), empty_engine.begin() as conn:
        row = dict(id=uuid.UUID(int=12), branch_id=uuid.UUID(int=1), name="ws3", hostname="", number=2)
        conn.execute(workstation.insert().values(**row, **stamps))
    migrate.downgrade(empty_engine, "0004")
    with empty_engine.connect() as conn:
        assert "number" not in {c["name"] for c in sa.inspect(conn).get_columns("workstation")}


@upgrade_test("0016")
def test_upgrade_0016_adds_the_data_protection_columns(empty_engine: sa.Engine) -> None:
    migrate.upgrade(empty_engine, revision="0005")
    branch, client = Base.metadata.tables["branch"], Base.metadata.tables["client"]
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    stamps = dict(created_at=now, updated_at=now, version=1)
    with empty_engine.begin() as conn:
        conn.execute(
            branch.insert().values(
                id=uuid.UUID(int=1), code="B1", name="营业部", address="北京", postcode="", phone="",
                complaint_phone="", opening_hours="", landmarks=[], transit=[], trading_unit="", **stamps,
            )
        )  # fmt: skip
        new = {"anonymised_at", "consent_withdrawn_at"}
        old_client = sa.Table(
            "client", sa.MetaData(), *(sa.Column(c.name, c.type) for c in client.c if c.name not in new)
        )
        values = {c.name: "" for c in old_client.c if isinstance(c.type, sa.String)}
        values.update(
            id=uuid.UUID(int=5), branch_id=uuid.UUID(int=1), name="张三", id_number="110105194912310021",
            id_type="00", status="prospect", tier="standard", aml_risk="unrated", channel="walk_in",
            nationality="CHN", assets_fen=0, id_long_term=False, lowest_category=False, professional=False,
            integrity_flag=False, client_no=None, fund_account=None, sex=None, risk_class=None, **stamps,
        )  # fmt: skip
        conn.execute(old_client.insert().values(**values))
    migrate.upgrade(empty_engine, revision="0016")
    with empty_engine.connect() as conn:
        row = conn.execute(sa.select(client.c.name, client.c.anonymised_at, client.c.consent_withdrawn_at)).one()
        assert tuple(row) == ("张三", None, None)
        assert "data_purged_at" in {c["name"] for c in sa.inspect(conn).get_columns("printed_document")}
    migrate.downgrade(empty_engine, "0005")
    with empty_engine.connect() as conn:
        assert "anonymised_at" not in {c["name"] for c in sa.inspect(conn).get_columns("client")}


def indexes(engine: sa.Engine, table: str) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {ix["name"]: list(ix["column_names"]) for ix in sa.inspect(conn).get_indexes(table) if ix["name"]}


@upgrade_test("0014")
def test_upgrade_0014_records_the_identity_check_on_applications(empty_engine: sa.Engine) -> None:
    before = script().get_revision("0014").down_revision
    assert isinstance(before, str)
    migrate.upgrade(empty_engine, revision=before)
    assert "identity_check_status" not in columns(empty_engine, "account_application")
    migrate.upgrade(empty_engine, revision="0014")
    added = {"identity_check_status", "identity_check_at", "identity_check_ref", "identity_override_by_id"}
    assert added | {"identity_override_reason"} <= columns(empty_engine, "account_application")
    migrate.downgrade(empty_engine, before)
    assert "identity_check_status" not in columns(empty_engine, "account_application")


def columns(engine: sa.Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


@upgrade_test("0015")
def test_upgrade_0015_adds_the_central_notify_schema_only_on_postgresql(empty_engine: sa.Engine) -> None:
    before = script().get_revision("0015").down_revision
    assert isinstance(before, str)
    migrate.upgrade(empty_engine, revision="0015")
    central = empty_engine.dialect.name == "postgresql"
    with empty_engine.connect() as conn:
        found = set(sa.inspect(conn).get_table_names(schema="notify")) if central else set()
    assert found == ({"message", "consent"} if central else set())
    migrate.downgrade(empty_engine, before)
    if central:
        with empty_engine.connect() as conn:
            assert "notify" not in sa.inspect(conn).get_schema_names()


LATER_WORKSTATION_COLUMNS = ("number", "app_version", "last_seen_at")
"""Columns added to ``workstation`` by 0005 and 0018."""


@upgrade_test("0018")
def test_upgrade_0018_gives_workstations_an_app_version_and_last_seen(empty_engine: sa.Engine) -> None:
    migrate.upgrade(empty_engine, revision="0005")
    branch, workstation = Base.metadata.tables["branch"], Base.metadata.tables["workstation"]
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    stamps = dict(created_at=now, updated_at=now, version=1)
    with empty_engine.begin() as conn:
        conn.execute(
            branch.insert().values(
                id=uuid.UUID(int=1), code="B1", name="营业部", address="北京", postcode="", phone="",
                complaint_phone="", opening_hours="", landmarks=[], transit=[], trading_unit="", **stamps,
            )
        )  # fmt: skip
        old_table = sa.Table(
            "workstation",
            sa.MetaData(),
            *(sa.Column(c.name, c.type) for c in workstation.c if c.name not in ("app_version", "last_seen_at")),
        )
        conn.execute(
            old_table.insert().values(
                id=uuid.UUID(int=10), branch_id=uuid.UUID(int=1), name="ws1", hostname="", **stamps
            )
        )
    migrate.upgrade(empty_engine, revision="0018")
    with empty_engine.connect() as conn:
        row = conn.execute(sa.select(workstation.c.app_version, workstation.c.last_seen_at)).one()
    assert tuple(row) == ("", None)  # an old PC: reported at its next sync
    migrate.downgrade(empty_engine, "0005")
    with empty_engine.connect() as conn:
        assert "app_version" not in {c["name"] for c in sa.inspect(conn).get_columns("workstation")}


@upgrade_test("0019")
def test_upgrade_0019_adds_leads_the_appointment_link_and_funding(empty_engine: sa.Engine) -> None:
    before = script().get_revision("0019").down_revision
    assert isinstance(before, str)
    migrate.upgrade(empty_engine, revision=before)
    assert "lead" not in tables(empty_engine)
    migrate.upgrade(empty_engine, revision="0019")
    assert {"lead", "return_visit"} <= tables(empty_engine)
    assert "lead_id" in columns(empty_engine, "appointment")
    assert {"first_funded_on", "assets_as_of"} <= columns(empty_engine, "client")
    if empty_engine.dialect.name == "postgresql":
        with empty_engine.connect() as conn:
            triggers = conn.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.lead'::regclass AND NOT tgisinternal"
            ).scalars()
            assert list(triggers) == ["sync_log_change"]
            found = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'public.return_visit'::regclass AND NOT tgisinternal"
            ).scalar_one()
            assert found == 1
    migrate.downgrade(empty_engine, before)
    assert not {"lead", "return_visit"} & tables(empty_engine)
    assert "lead_id" not in columns(empty_engine, "appointment")

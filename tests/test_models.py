"""The data model on both backends: UUIDv7 keys, UTC datetimes, optimistic locking, database rules."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tests import records
from tests.conftest import fresh_pg_url
from workstation import errors
from workstation import pgserver as pg
from workstation.domain import GiftIssueStatus, SyncDirection
from workstation.ids import new_id
from workstation.models import Base, Branch, Client, GiftIssue, OutboxMessage, Staff, Synced
from workstation.store import Store, open_store

CST = timezone(timedelta(hours=8))

# --- identifiers ---------------------------------------------------------------------------------


def test_new_ids_are_time_ordered_uuid7() -> None:
    ids = [new_id() for _ in range(1000)]
    assert all(isinstance(i, uuid.UUID) and i.version == 7 for i in ids)
    assert all(i.variant == uuid.RFC_4122 for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids), "UUIDv7 made in sequence sort in sequence (B-tree friendly)"


def test_uuid_keys_round_trip(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session)
        client = records.client(session, branch)
    assert client.id.version == 7
    with store.read() as session:
        loaded = session.get(Client, client.id)
        assert loaded is not None
        assert isinstance(loaded.id, uuid.UUID) and loaded.id == client.id
        assert loaded.branch_id == branch.id
        raw = session.connection().exec_driver_sql(
            "SELECT id FROM client WHERE name = ?" if store.is_sqlite else "SELECT id FROM client WHERE name = %s",
            ("张三",),
        )
        value = raw.scalar()
    if store.is_sqlite:
        assert value == client.id.hex  # CHAR(32), no dashes (tech notes §1.7): raw SQL must match
    else:
        assert value == client.id  # native uuid


# --- datetimes -----------------------------------------------------------------------------------


def test_datetimes_come_back_timezone_aware_utc(store: Store) -> None:
    moment = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=CST)  # 09:30 in Beijing = 01:30 UTC
    with store.write() as session:
        branch = records.branch(session)
        client = records.client(session, branch, aml_rated_at=moment)
    with store.read() as session:
        loaded = session.get(Client, client.id)
        assert loaded is not None
        assert loaded.aml_rated_at == moment
        assert loaded.aml_rated_at is not None and loaded.aml_rated_at.utcoffset() == timedelta(0)
        assert loaded.aml_rated_at.hour == 1
        assert loaded.created_at.tzinfo is not None and loaded.created_at.utcoffset() == timedelta(0)
        assert abs(loaded.created_at - datetime.now(UTC)) < timedelta(minutes=5)
        later = session.scalars(sa.select(Client).where(Client.aml_rated_at > moment - timedelta(seconds=1))).all()
        assert [c.id for c in later] == [client.id]  # comparisons work in UTC on both backends


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(StatementError) as caught, store.write() as session:
        branch = records.branch(session)
        records.client(session, branch, aml_rated_at=datetime(2026, 3, 2, 9, 30))
    assert isinstance(caught.value.orig, ValueError)
    assert "naive" in str(caught.value.orig)
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Branch)) == 0


# --- versions and conflicts ----------------------------------------------------------------------


def test_version_starts_at_one_and_counts_real_changes(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session)
        client = records.client(session, branch)
        assert client.version == 1
    created = client.updated_at
    with store.write() as session:
        loaded = session.get(Client, client.id)
        assert loaded is not None
        loaded.name = "张三丰"
    with store.write() as session:
        loaded = session.get(Client, client.id)
        assert loaded is not None
        assert loaded.version == 2
        assert loaded.updated_at > created
        loaded.name = "张三丰"  # the same value: not a change
    with store.read() as session:
        again = session.get(Client, client.id)
        assert again is not None and again.version == 2


def test_a_stale_update_is_a_conflict(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session)
        client = records.client(session, branch)
    with store.read() as session:
        stale = session.get(Client, client.id)  # the screen's copy, version 1
    assert stale is not None
    with store.write() as session:
        winner = session.get(Client, client.id)
        assert winner is not None
        winner.mobile = "13900139000"
    with pytest.raises(errors.ConflictError) as caught, store.write() as session:
        session.add(stale)
        stale.mobile = "13700137000"
    assert isinstance(caught.value.__cause__, StaleDataError)
    assert "其他人修改" in caught.value.message()
    with store.read() as session:
        final = session.get(Client, client.id)
        assert final is not None
        assert (final.mobile, final.version) == ("13900139000", 2)
        updates = session.scalars(sa.select(OutboxMessage.row_version).where(OutboxMessage.op == "update")).all()
        assert updates == [2]  # the refused change queued nothing


@pytest.fixture
def pg_store(pg_server: pg.PgServer, pg_template: str) -> Iterator[Store]:
    opened = open_store(fresh_pg_url(pg_server, pg_template))
    yield opened
    opened.dispose()


def test_concurrent_sessions_conflict_on_postgresql(pg_store: Store) -> None:
    """Two open transactions edit the same row; the second to write loses (READ COMMITTED).

    (On SQLite BEGIN IMMEDIATE serialises writers, so only the stale copy above can conflict.)
    """
    store = pg_store
    with store.write() as session:
        client = records.client(session, records.branch(session))
    with Session(store.engine) as first, Session(store.engine) as second:
        a, b = first.get(Client, client.id), second.get(Client, client.id)  # both read version 1
        assert a is not None and b is not None
        a.name = "先改"
        first.commit()
        b.name = "后改"
        with pytest.raises(StaleDataError):
            second.commit()
    with store.read() as session:
        final = session.get(Client, client.id)
        assert final is not None and (final.name, final.version) == ("先改", 2)


# --- database rules ------------------------------------------------------------------------------


def test_one_live_gift_per_client_and_campaign(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session)
        clerk = records.staff(session, branch)
        client = records.client(session, branch)
        campaign, gift = records.campaign_with_gift(session)
        other_campaign, other_gift = records.campaign_with_gift(session)
        first = records.gift_issue(session, branch, campaign, gift, client, clerk)
        records.gift_issue(session, branch, other_campaign, other_gift, client, clerk)  # another campaign: fine
    with pytest.raises(IntegrityError), store.write() as session:
        records.gift_issue(session, branch, campaign, gift, client, clerk)
    with store.write() as session:
        voided = session.get(GiftIssue, first.id)
        assert voided is not None
        voided.status = GiftIssueStatus.VOIDED
        voided.voided_at = records.now()
        voided.voided_by_id = clerk.id
    with store.write() as session:  # a voided issue allows a new one
        replacement = records.gift_issue(session, branch, campaign, gift, client, clerk)
    with pytest.raises(IntegrityError), store.write() as session:
        records.gift_issue(session, branch, campaign, gift, client, clerk)
    with store.read() as session:
        statuses = sorted(
            str(s)
            for s in session.scalars(
                sa.select(GiftIssue.status).where(
                    GiftIssue.campaign_id == campaign.id, GiftIssue.client_id == client.id
                )
            )
        )
        assert statuses == ["awaiting_signature", "voided"]
        assert session.get(GiftIssue, replacement.id) is not None


def test_enums_are_stored_as_their_codes(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session)
        records.staff(session, branch, staff_no="E001")
        campaign, gift = records.campaign_with_gift(session)
        clerk = session.scalars(sa.select(Staff).where(Staff.staff_no == "E001")).one()
        issue = records.gift_issue(session, branch, campaign, gift, records.client(session, branch), clerk)
    with store.read() as session:
        raw = session.connection().execute(sa.text("SELECT status FROM gift_issue")).scalar()
        assert raw == "awaiting_signature"
        assert session.get(GiftIssue, issue.id).status is GiftIssueStatus.AWAITING_SIGNATURE  # type: ignore[union-attr]


def test_every_synced_table_declares_its_direction() -> None:
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced):
            assert isinstance(cls.__sync__, SyncDirection), cls
            assert mapper.version_id_col is not None, f"{cls.__name__} has no optimistic lock"
            assert {"id", "created_at", "updated_at", "version", "deleted_at"} <= set(cls.__table__.columns.keys())

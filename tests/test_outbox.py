"""The transactional outbox: one message per change of a pushed row, in the same transaction."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from tests import records
from workstation.domain import SyncDirection
from workstation.models import (
    Appointment,
    AuditEvent,
    Base,
    Branch,
    Campaign,
    Client,
    Counter,
    OutboxMessage,
    Policy,
    Staff,
    SyncState,
)
from workstation.outbox import OUTBOUND
from workstation.store import Store


def messages(store: Store) -> list[OutboxMessage]:
    with store.read() as session:
        return list(session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.seq)))


def column_keys(model: type[Any]) -> set[str]:
    return {attr.key for attr in sa.inspect(model).column_attrs}


@pytest.fixture
def branch_id(store: Store) -> uuid.UUID:
    """A branch (a PULL table, so no message) to hang rows on."""
    with store.write() as session:
        return records.branch(session).id


def test_inserting_a_pushed_row_queues_one_message_with_the_whole_row(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        branch = session.get_one(Branch, branch_id)
        client = records.client(session, branch, mobile="13800138000")
    [message] = messages(store)
    assert (message.entity, message.entity_id, message.op, message.row_version) == ("client", client.id, "insert", 1)
    assert message.branch_id == branch_id
    assert isinstance(message.msg_id, uuid.UUID) and message.msg_id.version == 7
    assert message.acked_at is None and message.sent_at is None and message.attempts == 0
    payload = message.payload
    assert set(payload) == column_keys(Client)
    assert payload["id"] == client.id.hex
    assert payload["branch_id"] == branch_id.hex
    assert payload["name"] == "张三" and payload["mobile"] == "13800138000"
    assert payload["version"] == 1
    assert payload["status"] == "prospect"  # enums as their codes
    assert payload["created_at"] == client.created_at.isoformat()
    assert payload["client_no"] is None
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload


def test_each_update_queues_one_message_with_the_new_version(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        client = records.client(session, session.get_one(Branch, branch_id))
    for version, mobile in ((2, "13900139000"), (3, "13700137000")):
        with store.write() as session:
            session.get_one(Client, client.id).mobile = mobile
        last = messages(store)[-1]
        assert (last.op, last.row_version) == ("update", version)
        assert last.payload["mobile"] == mobile and last.payload["version"] == version
        assert set(last.payload) == column_keys(Client)
    assert [m.op for m in messages(store)] == ["insert", "update", "update"]


def test_a_change_per_flush_each_queued(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        client = records.client(session, session.get_one(Branch, branch_id))  # flushes
        client.email = "zhang@example.com"
        session.flush()
        client.email = "zhang3@example.com"
    assert [(m.op, m.row_version, m.payload["email"]) for m in messages(store)] == [
        ("insert", 1, ""),
        ("update", 2, "zhang@example.com"),
        ("update", 3, "zhang3@example.com"),
    ]


def test_setting_the_same_value_queues_nothing(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        client = records.client(session, session.get_one(Branch, branch_id))
    with store.write() as session:
        loaded = session.get_one(Client, client.id)
        loaded.name = loaded.name
    assert len(messages(store)) == 1


def test_a_tombstone_is_an_update_message(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        client = records.client(session, session.get_one(Branch, branch_id))
    deleted_at = records.now()
    with store.write() as session:
        session.get_one(Client, client.id).deleted_at = deleted_at
    last = messages(store)[-1]
    assert (last.op, last.row_version, last.payload["deleted_at"]) == ("update", 2, deleted_at.isoformat())


def test_the_payload_is_whole_even_when_attributes_were_expired(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        client = records.client(session, session.get_one(Branch, branch_id), mobile="13800138000")
    with store.write() as session:
        loaded = session.get_one(Client, client.id)
        session.expire(loaded, ["mobile", "name"])
        loaded.email = "x@example.com"
    last = messages(store)[-1]
    assert set(last.payload) == column_keys(Client)
    assert (last.payload["mobile"], last.payload["name"]) == ("13800138000", "张三")


def test_both_ways_tables_queue_too(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        appointment = records.appointment(session, session.get_one(Branch, branch_id))
    [message] = messages(store)
    assert (message.entity, message.entity_id) == ("appointment", appointment.id)
    assert Appointment.__sync__ is SyncDirection.BOTH


def test_pulled_and_local_tables_queue_nothing(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        branch = session.get_one(Branch, branch_id)
        staff = records.staff(session, branch)
        records.campaign_with_gift(session)
        session.add(Counter(branch_id=branch_id, number=1, name="1号窗口"))
        session.add(Policy(key="gift.cap", value={"fen": 20000}))
        session.add(SyncState(key="pull.cursor", value={"xid": 1}))
        session.flush()
        staff.name = "改名"
        branch.phone = "010-12345678"
    assert messages(store) == []


def test_rows_applied_from_the_central_database_are_not_echoed(store: Store, branch_id: uuid.UUID) -> None:
    with store.write() as session:
        session.info["applying_sync"] = True
        client = records.client(session, session.get_one(Branch, branch_id))
        client.mobile = "13900139000"
        session.flush()
    assert messages(store) == []
    with store.write() as session:  # a normal session afterwards queues again
        session.get_one(Client, client.id).mobile = "13700137000"
    assert [m.op for m in messages(store)] == ["update"]


def test_a_rollback_leaves_neither_row_nor_message(store: Store, branch_id: uuid.UUID) -> None:
    with pytest.raises(LookupError), store.write() as session:
        client = records.client(session, session.get_one(Branch, branch_id))
        session.add(AuditEvent(branch_id=branch_id, action="client.create", entity="client", entity_id=client.id))
        session.flush()
        raise LookupError("printer not found")
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Client)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 0
    assert messages(store) == []


def test_messages_are_numbered_in_commit_order(store: Store, branch_id: uuid.UUID) -> None:
    for n in range(5):
        with store.write() as session:
            records.client(session, session.get_one(Branch, branch_id), id_number=f"11010519491231{n:04d}")
    queued = messages(store)
    assert [m.seq for m in queued] == sorted(m.seq for m in queued)
    assert len({m.msg_id for m in queued}) == 5
    assert [m.created_at for m in queued] == sorted(m.created_at for m in queued)
    assert all(m.created_at.utcoffset() == timedelta(0) for m in queued)


def test_which_tables_are_pushed() -> None:
    """A new synced table must choose its direction on purpose; this list changes with it."""
    pushed = sorted(
        mapper.local_table.name  # type: ignore[union-attr]
        for mapper in Base.registry.mappers
        if getattr(mapper.class_, "__sync__", SyncDirection.LOCAL) in OUTBOUND
    )
    assert "client" in pushed and "appointment" in pushed and "audit_event" in pushed
    assert not {"branch", "staff", "campaign", "gift", "policy", "questionnaire", "counter"} & set(pushed)
    assert not {"outbox", "sync_state"} & set(pushed)
    assert Staff.__sync__ is SyncDirection.PULL and Campaign.__sync__ is SyncDirection.PULL

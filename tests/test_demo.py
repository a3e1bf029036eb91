"""The demo branch: counts, valid identities and phones, today's appointments, gifts and stock,
outbox rows, refusal to seed twice — on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from workstation.clock import BRANCH_TZ, business_date, local
from workstation.demo import DEMO_STAFF, DemoAlreadySeeded, DemoSummary, seed_demo
from workstation.domain import AppointmentStatus, ClientStatus, RiskClass, Sex
from workstation.forms.identity import check_mobile, check_resident_id
from workstation.models import (
    Appointment,
    Branch,
    Campaign,
    Client,
    Gift,
    GiftStockMovement,
    OutboxMessage,
    Staff,
)
from workstation.names import search_keys
from workstation.services.identity import current_identity
from workstation.store import Store


@pytest.fixture
def seeded(store: Store) -> tuple[Store, DemoSummary]:
    return store, seed_demo(store)


def test_counts(seeded: tuple[Store, DemoSummary]) -> None:
    store, summary = seeded
    assert (summary.staff, summary.clients, summary.appointments, summary.campaigns) == (len(DEMO_STAFF), 200, 40, 2)
    assert summary.gifts == 6 and summary.stock_movements > summary.gifts and summary.policies >= 3
    with store.read() as session:
        count = lambda model: session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        assert count(Client) == 200
        assert count(Appointment) == 40
        assert count(Staff) == len(DEMO_STAFF)
        assert count(Campaign) == 2 and count(Gift) == 6
        assert current_identity(session) == summary.identity


def test_clients_have_valid_identities_and_phones(seeded: tuple[Store, DemoSummary]) -> None:
    store, _ = seeded
    with store.read() as session:
        clients = session.scalars(sa.select(Client)).all()
    today = business_date()
    for client in clients:
        info = check_resident_id(client.id_number)
        assert info.warnings == (), client.id_number
        assert (info.birth_date, info.sex) == (client.birth_date, client.sex)
        assert 18 <= info.age_on(today) <= 80
        assert check_mobile(client.mobile).warnings == ()
        assert client.address.startswith("北京市") and len(client.postcode) == 6
        assert client.occupation and client.education
        keys = search_keys(client.name)
        assert (client.pinyin_full, client.pinyin_initials) == (keys.full, keys.initials)
        assert client.id_long_term == (client.id_valid_to is None)
        if client.status != ClientStatus.PROSPECT:
            assert client.client_no and client.fund_account and client.sh_account.startswith("A")
        if client.risk_class is not None:
            assert client.risk_assessed_on and client.risk_valid_until and client.risk_score is not None
    assert len({c.mobile for c in clients}) == 200
    assert {c.sex for c in clients} == {Sex.MALE, Sex.FEMALE}
    assert {c.risk_class for c in clients} >= set(RiskClass)
    assert sum(c.lowest_category for c in clients) == 2
    names = {c.name for c in clients}
    assert {"刘䶮", "王𠮷", "陈𡒄", "阿依古丽·买买提"} <= names
    assert any(c.telesales_agent_id for c in clients)
    assert any(c.id_valid_to and c.id_valid_to < today for c in clients)  # a few expired IDs to refuse


def test_appointments_today(seeded: tuple[Store, DemoSummary]) -> None:
    store, _ = seeded
    with store.read() as session:
        rows = session.scalars(sa.select(Appointment)).all()
        agents = {s.id for s in session.scalars(sa.select(Staff).where(Staff.staff_no.like("T%")))}
        client_ids = set(session.scalars(sa.select(Client.id)))
    today = business_date()
    assert len({a.code for a in rows}) == 40
    assert {a.telesales_agent_id for a in rows} == agents
    starts = sorted(local(a.slot_start) for a in rows)
    assert all(s.date() == today for s in starts)
    assert starts[0].hour == 9 and starts[0].minute == 0
    assert local(max(a.slot_end for a in rows)) <= datetime.combine(today, datetime.min.time(), BRANCH_TZ) + timedelta(
        hours=16
    )
    assert len({s.time() for s in starts}) == 14
    assert {a.purpose.value for a in rows} == {"new_account", "transfer_in", "other"}
    linked = [a for a in rows if a.client_id]
    assert 5 <= len(linked) < 40 and all(a.client_id in client_ids for a in linked)
    assert sum(a.status == AppointmentStatus.CANCELLED for a in rows) == 2
    for appointment in rows:
        assert check_mobile(appointment.mobile).warnings == ()
        assert appointment.pinyin_full == search_keys(appointment.client_name).full
        if number := appointment.prefill.get("id_number"):
            assert check_resident_id(number).warnings == ()


def test_gifts_within_cap_and_stock_from_movements(seeded: tuple[Store, DemoSummary]) -> None:
    store, _ = seeded
    with store.read() as session:
        for campaign in session.scalars(sa.select(Campaign)):
            gifts = session.scalars(sa.select(Gift).where(Gift.campaign_id == campaign.id)).all()
            assert gifts and all(0 < g.unit_value_fen <= campaign.per_client_cap_fen for g in gifts)
        stock = dict(
            session.execute(
                sa.select(Gift.sku, sa.func.sum(GiftStockMovement.quantity))
                .join(GiftStockMovement, GiftStockMovement.gift_id == Gift.id)
                .group_by(Gift.sku)
            ).all()
        )
        kinds = set(session.scalars(sa.select(GiftStockMovement.kind)))
    assert len(stock) == 6 and all(qty > 0 for qty in stock.values())
    assert stock["XKYL-YDDY"] < 5  # one gift runs low
    assert {k.value for k in kinds} >= {"receipt", "allocation"}


def test_outbox_rows_for_pushed_tables(seeded: tuple[Store, DemoSummary]) -> None:
    store, _ = seeded
    with store.read() as session:
        entities = dict(
            session.execute(sa.select(OutboxMessage.entity, sa.func.count()).group_by(OutboxMessage.entity)).all()
        )
    assert entities["client"] == 200
    assert entities["appointment"] == 40
    assert entities["gift_stock_movement"] >= 6
    assert "campaign" not in entities and "staff" not in entities  # pulled tables are not pushed


def test_seeding_twice_is_refused_and_changes_nothing(seeded: tuple[Store, DemoSummary]) -> None:
    store, _ = seeded
    with pytest.raises(DemoAlreadySeeded) as caught:
        seed_demo(store)
    assert "已有营业部数据" in caught.value.message() and "华夏证券" in caught.value.message()
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Branch)) == 1
        assert session.scalar(sa.select(sa.func.count()).select_from(Client)) == 200


def test_deterministic_for_a_seed(sqlite_store: Store, tmp_path) -> None:
    from workstation.store import open_store

    other = open_store(tmp_path / "other.db")
    try:
        now = datetime(2026, 11, 25, 1, 0, tzinfo=BRANCH_TZ)
        seed_demo(sqlite_store, seed=5, now=now)
        seed_demo(other, seed=5, now=now)

        def snapshot(store: Store) -> list[tuple[str, str, str]]:
            with store.read() as session:
                rows = session.execute(sa.select(Client.name, Client.id_number, Client.mobile)).all()
                codes = session.scalars(sa.select(Appointment.code)).all()
            return sorted((*row,) for row in rows) + sorted((c, "", "") for c in codes)

        assert snapshot(sqlite_store) == snapshot(other)
    finally:
        other.dispose()


def test_seeding_is_fast(sqlite_store: Store) -> None:
    started = time.perf_counter()
    seed_demo(sqlite_store)
    assert time.perf_counter() - started < 3.0


def test_lookups_on_the_demo_branch(seeded: tuple[Store, DemoSummary]) -> None:
    from workstation.services.clients import find_by_mobile, find_by_pinyin

    store, summary = seeded
    with store.read() as session:
        client = session.scalars(sa.select(Client).where(Client.name == "刘䶮")).one()
        mobile = client.mobile
        assert [
            c.id for c in find_by_mobile(session, f"+86 {mobile[:3]}-{mobile[3:]}", summary.identity.branch_id)
        ] == [client.id]
        assert find_by_mobile(session, "13000000000") == []
        assert client.id in {c.id for c in find_by_pinyin(session, "liuy")}
        assert "阿依古丽·买买提" in {c.name for c in find_by_pinyin(session, "ayglmmt")}
        assert find_by_pinyin(session, "中文") == []

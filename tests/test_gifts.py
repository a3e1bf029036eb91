"""Gift services on both backends: eligibility from the database, issue, replay, receipt, signature,
void (four-eyes), the offline reserve, stock counts and the daily reconciliation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from workstation import errors
from workstation.clock import business_date, utcnow
from workstation.demo import seed_branch, seed_staff
from workstation.domain import (
    ApplicationKind,
    ApplicationStatus,
    Channel,
    ClientStatus,
    GiftIssueStatus,
    Purpose,
    StockMovementKind,
)
from workstation.models import (
    AccountApplication,
    Appointment,
    AuditEvent,
    Branch,
    Campaign,
    Client,
    Gift,
    GiftIssue,
    GiftStockMovement,
    OutboxMessage,
    Staff,
)
from workstation.services import gifts, gifts_receipt, gifts_report, gifts_stock
from workstation.services.actor import Actor
from workstation.services.auth import actor_for
from workstation.services.gifts_stock import LocalStockAuthority, ReserveOnlyStockAuthority, StockSource
from workstation.services.identity import register_workstation
from workstation.store import Store


@dataclass
class GiftWorld:
    """The demo branch's staff, two workstations, two campaigns, gifts with stock and clients."""

    store: Store
    branch_id: uuid.UUID
    ws1: uuid.UUID
    ws2: uuid.UUID
    supervisor: Actor
    clerk: Actor
    clerk2: Actor
    reviewer: Actor
    agent_id: uuid.UUID
    new_account: uuid.UUID
    """Campaign for new accounts (cap 200 CNY)."""
    telesales: uuid.UUID
    """Campaign for telesales-invited transfers with assets ≥ 50,000 CNY."""
    cup: uuid.UUID
    """88.00 CNY, stock 3."""
    powerbank: uuid.UUID
    """158.00 CNY, stock 2."""
    pricey: uuid.UUID
    """250.00 CNY, over the new-account cap."""
    tea: uuid.UUID
    """268.00 CNY telesales gift, stock 5."""
    opened: uuid.UUID
    """Client whose new account was submitted."""
    prospect: uuid.UUID
    """Client who only came to ask."""
    invited: uuid.UUID
    """Client invited by telesales for a transfer-in, submitted, assets 80,000 CNY."""

    def as_actor(self, actor: Actor, workstation_id: uuid.UUID) -> Actor:
        return Actor(
            actor.staff_id, actor.staff_no, actor.name, actor.roles, actor.branch_id, actor.branch_name, workstation_id
        )


_id_counter = iter(range(10_000, 99_999))


def add_client(
    session: sa.orm.Session,
    branch_id: uuid.UUID,
    name: str,
    *,
    applied: ApplicationKind | None = None,
    status: ApplicationStatus = ApplicationStatus.SUBMITTED,
    clerk_id: uuid.UUID,
    channel: Channel = Channel.WALK_IN,
    agent_id: uuid.UUID | None = None,
    assets_fen: int = 0,
) -> uuid.UUID:
    n = next(_id_counter)
    client = Client(
        branch_id=branch_id,
        name=name,
        id_number=f"1101011990030{n:05d}",
        mobile=f"138{n:08d}",
        status=ClientStatus.ACTIVE,
        channel=channel,
        telesales_agent_id=agent_id,
        assets_fen=assets_fen,
    )
    session.add(client)
    session.flush()
    if applied is not None:
        session.add(
            AccountApplication(branch_id=branch_id, kind=applied, status=status, client_id=client.id, clerk_id=clerk_id)
        )
    return client.id


def build_world(store: Store, *, cup_stock: int = 3) -> GiftWorld:
    with store.write() as session:
        branch = seed_branch(session)
        staff = {s.staff_no: s for s in seed_staff(session, branch)}
        ws1 = register_workstation(session, branch, "前台-01").workstation_id
        ws2 = register_workstation(session, branch, "前台-02").workstation_id
        today = business_date()
        new_account = Campaign(
            code="XK", name="新开户有礼", starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=30),
            rules={"purposes": ["new_account"], "requires_completed": True, "min_assets_fen": 0},
            per_client_cap_fen=20_000,
        )  # fmt: skip
        telesales = Campaign(
            code="DX", name="电销转户有礼", starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=30),
            channels=["telesales"],
            rules={"purposes": ["transfer_in"], "requires_completed": True, "min_assets_fen": 5_000_000},
            per_client_cap_fen=30_000,
        )  # fmt: skip
        session.add_all([new_account, telesales])
        session.flush()
        items = {}
        for key, campaign, sku, name, value, quantity in (
            ("cup", new_account, "T-CUP", "保温杯", 8_800, cup_stock),
            ("powerbank", new_account, "T-PB", "移动电源", 15_800, 2),
            ("pricey", new_account, "T-BIG", "蓝牙音箱", 25_000, 4),
            ("tea", telesales, "T-TEA", "茶叶礼盒", 26_800, 5),
        ):
            gift = Gift(campaign_id=campaign.id, sku=sku, name=name, spec="", unit_value_fen=value)
            session.add(gift)
            session.flush()
            items[key] = gift.id
            session.add(
                GiftStockMovement(
                    branch_id=branch.id, gift_id=gift.id, kind=StockMovementKind.RECEIPT, quantity=quantity,
                    staff_id=staff["S001"].id, reason="入库", occurred_at=utcnow() - timedelta(days=3),
                )
            )  # fmt: skip
        clerk_id = staff["C001"].id
        agent = staff["T001"]
        opened = add_client(session, branch.id, "王小明", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=clerk_id)
        prospect = add_client(session, branch.id, "李咨询", clerk_id=clerk_id)
        invited = add_client(
            session, branch.id, "赵转户", applied=ApplicationKind.TRANSFER_IN, clerk_id=clerk_id,
            channel=Channel.TELESALES, agent_id=agent.id, assets_fen=8_000_000,
        )  # fmt: skip

        def actor(no: str, ws: uuid.UUID) -> Actor:
            return actor_for(staff[no], branch, ws)

        return GiftWorld(
            store, branch.id, ws1, ws2, actor("S001", ws1), actor("C001", ws1), actor("C002", ws2),
            actor("V001", ws1), agent.id, new_account.id, telesales.id, items["cup"], items["powerbank"],
            items["pricey"], items["tea"], opened, prospect, invited,
        )  # fmt: skip


@pytest.fixture
def world(store: Store) -> GiftWorld:
    return build_world(store)


def issue(w: GiftWorld, actor: Actor, client: uuid.UUID, gift: uuid.UUID, request: uuid.UUID | None = None, **kw):
    with w.store.write() as session:
        return gifts.issue(session, actor, client, gift, request_id=request or uuid.uuid4(), **kw)


def stock_of(w: GiftWorld, gift: uuid.UUID) -> gifts_stock.GiftStock:
    with w.store.read() as session:
        rows = gifts_stock.stock_table(session, w.branch_id, w.ws1)
    return next(r for r in rows if r.gift_id == gift)


# --- eligibility from the database -------------------------------------------------------------


def test_eligibility_lists_every_gift_with_why_or_why_not(world: GiftWorld) -> None:
    with world.store.read() as session:
        result = gifts.eligibility(session, world.clerk, world.opened)
    by_sku = {g.gift.sku: g for g in result.gifts}
    assert by_sku["T-CUP"].eligible and "新开户已完成" in by_sku["T-CUP"].why
    assert not by_sku["T-BIG"].eligible and "超过单客上限 200.00 元" in by_sku["T-BIG"].reason
    assert not by_sku["T-TEA"].eligible and "仅限电销邀约客户" in by_sku["T-TEA"].reason
    assert result.client.id_masked.startswith("110") and "*" in result.client.id_masked

    with world.store.read() as session:
        prospect = gifts.eligibility(session, world.clerk, world.prospect)
    assert "仅限新开户客户" in {g.gift.sku: g for g in prospect.gifts}["T-CUP"].reason


def test_telesales_transfer_needs_the_invitation_the_submission_and_the_assets(world: GiftWorld) -> None:
    with world.store.read() as session:
        tea = {g.gift.sku: g for g in gifts.eligibility(session, world.clerk, world.invited).gifts}["T-TEA"]
    assert tea.eligible, tea.reason
    with world.store.write() as session:
        session.get(Client, world.invited).assets_fen = 1_000_000
    with world.store.read() as session:
        tea = {g.gift.sku: g for g in gifts.eligibility(session, world.clerk, world.invited).gifts}["T-TEA"]
    assert "未达到 50,000.00 元门槛" in tea.reason


def test_an_appointments_purpose_and_a_visits_outcome_count(world: GiftWorld) -> None:
    from workstation.domain import ServiceLine, VisitOutcome
    from workstation.models import Visit

    with world.store.write() as session:
        appt = Appointment(
            branch_id=world.branch_id, code="K7M2Q9XA", client_id=world.prospect, client_name="李咨询",
            mobile="13800000000", purpose=Purpose.NEW_ACCOUNT, slot_start=utcnow(), slot_end=utcnow(),
            telesales_agent_id=world.agent_id,
        )  # fmt: skip
        session.add(appt)
        session.flush()
        visit = Visit(
            branch_id=world.branch_id, business_date=business_date(), service_line=ServiceLine.TELESALES, ticket_no=1,
            ticket_label="T001", appointment_id=appt.id, client_id=world.prospect, issued_at=utcnow(),
            outcome=VisitOutcome.ACCOUNT_OPENED,
        )  # fmt: skip
        session.add(visit)
        session.flush()
        visit_id = visit.id
    with world.store.read() as session:
        cup = {g.gift.sku: g for g in gifts.eligibility(session, world.clerk, world.prospect, visit_id=visit_id).gifts}
    assert cup["T-CUP"].eligible, cup["T-CUP"].reason
    outcome = issue(world, world.clerk, world.prospect, world.cup, visit_id=visit_id)
    assert outcome.issue.agent_name == "刘洋"  # the inviting telesales agent goes on the issue and receipt


# --- issuing, replays and the one-per-campaign rule ------------------------------------------------


def test_issue_takes_one_unit_and_a_replay_takes_none(world: GiftWorld) -> None:
    request = uuid.uuid4()
    first = issue(world, world.clerk, world.opened, world.cup, request)
    again = issue(world, world.clerk, world.opened, world.cup, request)
    assert (first.replayed, again.replayed) == (False, True)
    assert first.issue.issue_id == again.issue.issue_id == request
    assert first.issue.status is GiftIssueStatus.AWAITING_SIGNATURE
    assert first.source is StockSource.ALLOCATION
    assert stock_of(world, world.cup).total == 2
    with world.store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(GiftIssue)) == 1
        movements = session.scalars(
            sa.select(GiftStockMovement).where(GiftStockMovement.gift_issue_id == request)
        ).all()
        assert [(m.kind, m.quantity) for m in movements] == [(StockMovementKind.ISSUE, -1)]
        queued = set(session.scalars(sa.select(OutboxMessage.entity).where(OutboxMessage.entity_id == request)))
        assert queued == {"gift_issue"}
        assert session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "gifts.issue")) == 1


def test_a_second_gift_of_the_same_campaign_is_refused(world: GiftWorld) -> None:
    issue(world, world.clerk, world.opened, world.cup)
    with pytest.raises(errors.GiftAlreadyIssued):
        issue(world, world.clerk2, world.opened, world.powerbank)
    assert stock_of(world, world.powerbank).total == 2


def test_a_request_id_reused_for_another_client_is_a_conflict(world: GiftWorld) -> None:
    request = uuid.uuid4()
    issue(world, world.clerk, world.opened, world.cup, request)
    with pytest.raises(errors.ConflictError):
        issue(world, world.clerk, world.invited, world.tea, request)


def test_ineligible_and_out_of_stock_issues_write_nothing(world: GiftWorld) -> None:
    with pytest.raises(errors.GiftNotEligible) as caught:
        issue(world, world.clerk, world.prospect, world.cup)
    assert "仅限新开户客户" in caught.value.message()
    with world.store.write() as session:
        other = add_client(
            session, world.branch_id, "钱新", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=world.clerk.staff_id
        )
        third = add_client(
            session, world.branch_id, "孙新", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=world.clerk.staff_id
        )
        fourth = add_client(
            session, world.branch_id, "周新", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=world.clerk.staff_id
        )
    issue(world, world.clerk, world.opened, world.powerbank)
    issue(world, world.clerk, other, world.powerbank)
    with pytest.raises(errors.GiftOutOfStock) as caught:
        issue(world, world.clerk, third, world.powerbank)
    assert "可用 0 件" in caught.value.message()
    issue(world, world.clerk, fourth, world.cup)
    with world.store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(GiftIssue)) == 3


def test_only_counter_staff_issue(world: GiftWorld) -> None:
    with world.store.write() as session:
        agent = session.get(Staff, world.agent_id)
        branch = session.get(Branch, world.branch_id)
        telesales = actor_for(agent, branch, world.ws1)
    with pytest.raises(errors.PermissionDenied):
        issue(world, telesales, world.opened, world.cup)


# --- receipt, signature, void ---------------------------------------------------------------------


def test_receipt_names_the_reviewer_masks_the_id_and_is_made_once(world: GiftWorld) -> None:
    outcome = issue(world, world.clerk, world.invited, world.tea)
    with world.store.write() as session:
        choices = gifts_receipt.reviewers(session, world.clerk)
        assert world.clerk.staff_id not in {c.staff_id for c in choices}
        with pytest.raises(errors.ReviewerInvalid):
            gifts_receipt.create_receipt(session, world.clerk, outcome.issue.issue_id, world.clerk.staff_id)
        doc = gifts_receipt.create_receipt(session, world.clerk, outcome.issue.issue_id, world.reviewer.staff_id)
        again = gifts_receipt.create_receipt(session, world.clerk, outcome.issue.issue_id, world.supervisor.staff_id)
        from workstation.models import PrintedDocument

        data = session.get(PrintedDocument, doc.document_id).data
    assert again.doc_no == doc.doc_no and doc.doc_no.startswith("LP-")
    assert doc.reviewer_id == world.reviewer.staff_id and doc.gift_issue_id == outcome.issue.issue_id
    assert data["id_number"].startswith("110") and "*" in data["id_number"]
    assert data["items"][0]["unit_value"] == 268.0
    assert "刘洋" in data["source"] and data["reviewer"].startswith("赵雪")
    assert data["condition"] == "transfer_in"


def test_signature_is_confirmed_by_a_reviewer_not_the_issuer(world: GiftWorld) -> None:
    outcome = issue(world, world.supervisor, world.opened, world.cup)
    with world.store.write() as session, pytest.raises(errors.SameIssuerRefused):
        gifts.confirm_signature(session, world.supervisor, outcome.issue.issue_id)
    with world.store.write() as session, pytest.raises(errors.PermissionDenied):
        gifts.confirm_signature(session, world.clerk, outcome.issue.issue_id)
    with world.store.read() as session:
        assert [v.issue_id for v in gifts.awaiting_signature(session, world.branch_id)] == [outcome.issue.issue_id]
    with world.store.write() as session:
        signed = gifts.confirm_signature(session, world.reviewer, outcome.issue.issue_id)
    assert signed.status is GiftIssueStatus.SIGNED and signed.signed_at is not None
    with world.store.read() as session:
        assert gifts.awaiting_signature(session, world.branch_id) == []


def test_void_needs_a_supervisor_other_than_the_issuer_and_a_reason(world: GiftWorld) -> None:
    own = issue(world, world.supervisor, world.opened, world.cup)
    with world.store.write() as session, pytest.raises(errors.SameIssuerRefused):
        gifts.void_issue(session, world.supervisor, own.issue.issue_id, "客户退回")
    theirs = issue(world, world.clerk, world.invited, world.tea)
    with world.store.write() as session, pytest.raises(errors.PermissionDenied):
        gifts.void_issue(session, world.reviewer, theirs.issue.issue_id, "客户退回")
    with world.store.write() as session, pytest.raises(errors.ReasonRequired):
        gifts.void_issue(session, world.supervisor, theirs.issue.issue_id, " ")
    assert stock_of(world, world.tea).total == 4
    with world.store.write() as session:
        voided = gifts.void_issue(session, world.supervisor, theirs.issue.issue_id, "客户不需要，原样退回")
    assert voided.status is GiftIssueStatus.VOIDED and voided.voided_by_name == "周敏"
    assert stock_of(world, world.tea).total == 5
    with world.store.write() as session, pytest.raises(errors.GiftIssueStateInvalid):
        gifts.void_issue(session, world.supervisor, theirs.issue.issue_id, "再次作废")
    # after a void the client may receive a gift of the campaign again
    again = issue(world, world.clerk, world.invited, world.tea)
    assert not again.replayed


# --- the offline reserve (escrow) -----------------------------------------------------------------


def test_reserve_cannot_exceed_the_allocation_and_release_cannot_exceed_the_reserve(world: GiftWorld) -> None:
    with world.store.write() as session, pytest.raises(errors.ReserveExceedsAllocation):
        gifts_stock.reserve_stock(session, world.supervisor, world.cup, 4, world.ws2)
    with world.store.write() as session, pytest.raises(errors.PermissionDenied):
        gifts_stock.reserve_stock(session, world.clerk, world.cup, 1, world.ws2)
    with world.store.write() as session:
        assert gifts_stock.reserve_stock(session, world.supervisor, world.cup, 2, world.ws2) == 2
    row = stock_of(world, world.cup)
    assert (row.pool, row.own_reserve, row.other_reserves, row.total) == (1, 0, 2, 3)
    with world.store.write() as session, pytest.raises(errors.ReserveExceedsAllocation):
        gifts_stock.reserve_stock(session, world.supervisor, world.cup, 2, world.ws1)
    with world.store.write() as session, pytest.raises(errors.ReleaseExceedsReserve):
        gifts_stock.release_reserve(session, world.supervisor, world.cup, 3, world.ws2)
    with world.store.write() as session:
        assert gifts_stock.release_reserve(session, world.supervisor, world.cup, 1, world.ws2) == 1
    assert stock_of(world, world.cup).pool == 2


def test_offline_issues_draw_only_on_the_workstations_reserve(world: GiftWorld) -> None:
    with world.store.write() as session:
        gifts_stock.reserve_stock(session, world.supervisor, world.cup, 1, world.ws2)
    offline = ReserveOnlyStockAuthority(world.ws2)
    first = issue(world, world.clerk2, world.opened, world.cup, authority=offline)
    assert first.source is StockSource.RESERVE
    with world.store.write() as session:
        other = add_client(
            session, world.branch_id, "钱新", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=world.clerk.staff_id
        )
    with pytest.raises(errors.GiftOutOfStock):
        issue(world, world.clerk2, other, world.cup, authority=offline)
    # online, the same workstation draws on the branch allocation first
    online = issue(world, world.clerk2, other, world.cup, authority=LocalStockAuthority(world.ws2))
    assert online.source is StockSource.ALLOCATION
    row = stock_of(world, world.cup)
    assert (row.pool, row.other_reserves) == (1, 0)


# --- stock counts and the daily reconciliation ----------------------------------------------------


def test_stock_count_records_the_difference_with_its_reason(world: GiftWorld) -> None:
    with world.store.write() as session:
        same = gifts_stock.record_stock_count(session, world.supervisor, world.tea, 5, "")
    assert (same.expected, same.difference, same.movement_id) == (5, 0, None)
    with world.store.write() as session, pytest.raises(errors.ReasonRequired):
        gifts_stock.record_stock_count(session, world.supervisor, world.tea, 4, "")
    with world.store.write() as session:
        counted = gifts_stock.record_stock_count(session, world.supervisor, world.tea, 4, "包装破损一件")
    assert (counted.expected, counted.counted, counted.difference) == (5, 4, -1)
    with world.store.read() as session:
        movement = session.get(GiftStockMovement, counted.movement_id)
        assert movement.kind is StockMovementKind.ADJUSTMENT and "包装破损一件" in movement.reason
    with world.store.write() as session:
        gifts_stock.reserve_stock(session, world.supervisor, world.tea, 4, world.ws2)
    with world.store.write() as session, pytest.raises(errors.StockCountBelowReserves):
        gifts_stock.record_stock_count(session, world.supervisor, world.tea, 0, "丢失")


def test_reconciliation_adds_up(world: GiftWorld) -> None:
    today = business_date()
    with world.store.write() as session:
        gifts_stock.receive_stock(session, world.supervisor, world.cup, 10, "总部补货")
        gifts_stock.receive_stock(
            session, world.supervisor, world.cup, 5, "追加分配", kind=StockMovementKind.ALLOCATION
        )
        gifts_stock.reserve_stock(session, world.supervisor, world.cup, 3, world.ws2)
    issued = issue(world, world.clerk, world.opened, world.cup)
    with world.store.write() as session:
        gifts.void_issue(session, world.supervisor, issued.issue.issue_id, "客户退回")
    issue(world, world.clerk, world.opened, world.powerbank)
    with world.store.write() as session:
        gifts_stock.record_stock_count(session, world.supervisor, world.cup, 17, "盘亏一件")
    with world.store.read() as session:
        rows = {r.sku: r for r in gifts_report.reconcile_day(session, world.branch_id, today)}
        closing = {
            sku: gifts_report.closing_stock(session, world.branch_id, r.gift_id, today) for sku, r in rows.items()
        }
        yesterday = {r.sku: r for r in gifts_report.reconcile_day(session, world.branch_id, today - timedelta(days=1))}
    cup = rows["T-CUP"]
    assert (cup.opening, cup.received, cup.allocated, cup.issued, cup.voided, cup.adjustments) == (3, 10, 5, 1, 1, -1)
    assert cup.closing == 17 == closing["T-CUP"] and cup.reserved_at_close == 3
    assert all(r.balanced for r in rows.values())
    assert all(r.closing == closing[sku] for sku, r in rows.items())
    assert rows["T-PB"].issued == 1 and rows["T-PB"].closing == 1
    assert yesterday["T-CUP"].closing == 3 == rows["T-CUP"].opening


def test_tallies_per_campaign_and_per_agent(world: GiftWorld) -> None:
    first = issue(world, world.clerk, world.opened, world.cup)
    issue(world, world.clerk, world.invited, world.tea)
    with world.store.write() as session:
        gifts.void_issue(session, world.supervisor, first.issue.issue_id, "客户退回")
        other = add_client(
            session, world.branch_id, "钱新", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=world.clerk.staff_id
        )
    issue(world, world.clerk, other, world.powerbank)
    with world.store.read() as session:
        by_campaign = {t.label: t for t in gifts_report.issue_tallies(session, world.branch_id, business_date())}
        by_agent = {
            t.label: t for t in gifts_report.issue_tallies(session, world.branch_id, business_date(), by="agent")
        }
    assert (by_campaign["新开户有礼"].issued, by_campaign["新开户有礼"].voided) == (1, 1)
    assert by_campaign["新开户有礼"].value_fen == 15_800
    assert by_campaign["电销转户有礼"].value_fen == 26_800
    assert by_agent["刘洋（T001）"].issued == 1
    assert by_agent["自然到店/其他"].issued == 1


def test_find_clients_by_mobile_name_and_pinyin(world: GiftWorld) -> None:
    with world.store.read() as session:
        mobile = session.get(Client, world.opened).mobile
        assert [c.name for c in gifts.find_clients(session, world.branch_id, mobile)] == ["王小明"]
        assert [c.name for c in gifts.find_clients(session, world.branch_id, "王小明")] == ["王小明"]
        assert [c.name for c in gifts.find_clients(session, world.branch_id, mobile[-4:] + "王")] == ["王小明"]
    with pytest.raises(errors.SearchTextInvalid), world.store.read() as session:
        gifts.find_clients(session, world.branch_id, "")


def test_day_bounds_use_the_branch_calendar() -> None:
    start, end = gifts_report.day_bounds(date(2026, 11, 25))
    assert start.utcoffset() == timedelta(hours=8) and end - start == timedelta(days=1)


def test_the_gift_receipt_slip_goes_to_the_slip_printer(world: GiftWorld, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from workstation.printing import thermal_settings

    outcome = issue(world, world.clerk, world.invited, world.tea)
    with world.store.write() as session:
        doc = gifts_receipt.create_receipt(session, world.clerk, outcome.issue.issue_id, world.reviewer.staff_id)
    out = tmp_path / "lp0"
    thermal_settings.save_target(world.store, None, f"file:{out}")
    thermal_settings.print_gift_receipt(
        world.store, world.clerk, outcome.issue.issue_id, world.reviewer.staff_id, doc.doc_no
    )
    data = out.read_bytes()
    assert "礼品领取凭条".encode("gb18030") in data and doc.doc_no.encode() in data
    assert "复核".encode("gb18030") in data

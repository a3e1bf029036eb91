"""The gifts screen end to end: find a client, issue with a receipt, save it, confirm the signature
as a reviewer; voids need a supervisor other than the issuer; stock count from the stock tab."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from tests.ui.conftest import make_context
from workstation.clock import business_date, utcnow
from workstation.domain import ApplicationKind, ApplicationStatus, ClientStatus, GiftIssueStatus, StockMovementKind
from workstation.models import AccountApplication, Campaign, Client, Gift, GiftIssue, GiftStockMovement, Staff
from workstation.ui.gifts import GiftsPage
from workstation.ui.startup import OpenedDatabase

MOBILE = "13912340001"


@pytest.fixture
def gift_branch(opened: OpenedDatabase) -> OpenedDatabase:
    """A campaign with a cup (stock 5) and a client whose new account was submitted."""
    today = business_date()
    with opened.store.write() as session:
        branch_id = opened.identity.branch_id
        supervisor = session.scalars(sa.select(Staff).where(Staff.staff_no == "S001")).one()
        clerk = session.scalars(sa.select(Staff).where(Staff.staff_no == "C001")).one()
        campaign = Campaign(
            code="XK", name="新开户有礼", starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30),
            rules={"purposes": ["new_account"], "requires_completed": True}, per_client_cap_fen=20_000,
        )  # fmt: skip
        session.add(campaign)
        session.flush()
        for sku, name, value in (("UI-CUP", "保温杯", 8_800), ("UI-BIG", "音箱", 25_000)):
            gift = Gift(campaign_id=campaign.id, sku=sku, name=name, spec="500ml", unit_value_fen=value)
            session.add(gift)
            session.flush()
            session.add(
                GiftStockMovement(
                    branch_id=branch_id, gift_id=gift.id, kind=StockMovementKind.RECEIPT, quantity=5,
                    staff_id=supervisor.id, reason="入库", occurred_at=utcnow() - timedelta(days=2),
                )
            )  # fmt: skip
        client = Client(
            branch_id=branch_id, name="王小明", id_number="110101199003071234", mobile=MOBILE,
            status=ClientStatus.ACTIVE,
        )  # fmt: skip
        session.add(client)
        session.flush()
        session.add(
            AccountApplication(
                branch_id=branch_id, kind=ApplicationKind.NEW_ACCOUNT, status=ApplicationStatus.SUBMITTED,
                client_id=client.id, clerk_id=clerk.id,
            )
        )  # fmt: skip
    return opened


def open_page(qtbot, context) -> GiftsPage:
    page = GiftsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def issue_to_client(qtbot, page: GiftsPage) -> object:
    qtbot.waitUntil(lambda: page.reviewer_box.count() > 0)
    page.search_edit.setText(MOBILE)
    page.search_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 1)
    qtbot.waitUntil(lambda: page.gift_model.rowCount() == 2)
    first, second = page.gift_model.records
    assert first.eligible and first.gift.sku == "UI-CUP" and "新开户已完成" in first.why
    assert not second.eligible and "超过单客上限" in second.reason
    qtbot.waitUntil(page.issue_button.isEnabled)
    with qtbot.waitSignal(page.sig_issued, timeout=10_000) as blocker:
        page.issue_button.click()
    return blocker.args[0]


def test_issue_a_gift_end_to_end(qtbot, gift_branch, tasks, presenter, tmp_path: Path) -> None:
    clerk = make_context(gift_branch, tasks, presenter, "C001")
    page = open_page(qtbot, clerk)
    assert not page.void_button.isVisible() and not page.confirm_button.isVisible()
    issued = issue_to_client(qtbot, page)
    assert issued.receipt.doc_no.startswith("LP-") and "LP-" in page.issue_label.text()
    target = tmp_path / "receipt.pdf"
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        page.save_receipt(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    # the same client cannot take a second gift of the campaign: the list now says why
    qtbot.waitUntil(lambda: page.gift_model.rowCount() == 2 and not page.gift_model.records[0].eligible)
    assert "每位客户每个活动限领一次" in page.gift_model.records[0].reason
    assert presenter.reports == []

    reviewer = make_context(gift_branch, tasks, presenter, "V001")
    second = open_page(qtbot, reviewer)
    second.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: second.awaiting_model.rowCount() == 1)
    second.awaiting_view.selectRow(0)
    with qtbot.waitSignal(second.sig_changed, timeout=10_000) as blocker:
        second.confirm_button.click()
    assert blocker.args == ["signed"]
    with gift_branch.store.read() as session:
        assert session.get(GiftIssue, issued.outcome.issue.issue_id).status is GiftIssueStatus.SIGNED


def test_void_needs_a_supervisor_who_did_not_issue(qtbot, gift_branch, tasks, presenter, monkeypatch) -> None:
    monkeypatch.setattr(GiftsPage, "ask_reason", staticmethod(lambda parent, title: "客户原样退回"))
    supervisor = make_context(gift_branch, tasks, presenter, "S001")
    page = open_page(qtbot, supervisor)
    issued = issue_to_client(qtbot, page)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.awaiting_model.rowCount() == 1)
    page.awaiting_view.selectRow(0)
    page.void_button.click()
    qtbot.waitUntil(lambda: len(presenter.reports) == 1)
    assert "发放人与复核人不能为同一人" in presenter.reports[0].text

    clerk = make_context(gift_branch, tasks, presenter, "C001")
    clerk_page = open_page(qtbot, clerk)
    clerk_page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: clerk_page.awaiting_model.rowCount() == 1)
    clerk_page.awaiting_view.selectRow(0)
    clerk_page.void_selected()
    assert "主管" in clerk_page.status_label.text()

    admin = make_context(gift_branch, tasks, presenter, "A001")
    admin_page = open_page(qtbot, admin)
    admin_page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: admin_page.awaiting_model.rowCount() == 1)
    admin_page.awaiting_view.selectRow(0)
    with qtbot.waitSignal(admin_page.sig_changed, timeout=10_000):
        admin_page.void_button.click()
    with gift_branch.store.read() as session:
        row = session.get(GiftIssue, issued.outcome.issue.issue_id)
        assert row.status is GiftIssueStatus.VOIDED and row.void_reason == "客户原样退回"
    qtbot.waitUntil(lambda: admin_page.awaiting_model.rowCount() == 0)


def test_stock_tab_reconciles_and_records_a_count(qtbot, gift_branch, tasks, presenter) -> None:
    supervisor = make_context(gift_branch, tasks, presenter, "S001")
    page = open_page(qtbot, supervisor)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.stock_model.rowCount() == 2 and page.reconciliation_model.rowCount() == 2)
    assert {r.closing for r in page.reconciliation_model.records} == {5}
    dialog = page.open_stock_count()
    assert dialog is not None
    dialog.select_gift("UI-CUP")
    assert dialog.expected_label.text() == "5"
    dialog.counted_box.setValue(4)
    dialog.reason_edit.setText("包装破损一件")
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        dialog.accept()
    assert "差异 -1" in page.status_label.text()
    qtbot.waitUntil(lambda: any(r.adjustments == -1 for r in page.reconciliation_model.records))
    cup = next(r for r in page.reconciliation_model.records if r.sku == "UI-CUP")
    assert (cup.opening, cup.adjustments, cup.closing) == (5, -1, 4)


def test_unknown_client_says_so(qtbot, gift_branch, tasks, presenter) -> None:
    page = open_page(qtbot, make_context(gift_branch, tasks, presenter, "C001"))
    page.search_edit.setText("13900000000")
    page.search()
    qtbot.waitUntil(lambda: "没有找到客户" in page.status_label.text())
    assert page.client_model.rowCount() == 0


def test_supervisor_sets_and_releases_this_workstations_reserve(qtbot, gift_branch, tasks, presenter) -> None:
    clerk_page = open_page(qtbot, make_context(gift_branch, tasks, presenter, "C001"))
    assert not clerk_page.reserve_button.isVisible() and not clerk_page.release_button.isVisible()

    page = open_page(qtbot, make_context(gift_branch, tasks, presenter, "S001"))
    page.tabs.setCurrentIndex(2)
    assert page.reserve_button.isVisible() and page.release_button.isVisible()
    qtbot.waitUntil(lambda: page.stock_model.rowCount() == 2)
    released = page.open_reserve(release=True)
    assert released is not None and released.gift_box.count() == 0  # nothing held in reserve yet
    released.reject()

    dialog = page.open_reserve(release=False)
    assert dialog is not None
    dialog.select_gift("UI-CUP")
    assert dialog.held_label.text() == "5 / 0"
    dialog.quantity_box.setValue(3)
    dialog.reason_edit.setText("网络维护")
    with qtbot.waitSignal(page.sig_changed, timeout=10_000) as blocker:
        dialog.accept()
    assert blocker.args == ["reserved"] and "本机备用 3 件" in page.status_label.text()
    qtbot.waitUntil(lambda: any(s.sku == "UI-CUP" and s.own_reserve == 3 for s in page.stock_model.records))
    cup = next(s for s in page.stock_model.records if s.sku == "UI-CUP")
    assert (cup.pool, cup.own_reserve, cup.total) == (2, 3, 5)
    headers = [page.stock_model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.stock_model.columnCount())]
    row = page.stock_model.records.index(cup)
    assert page.stock_model.index(row, headers.index("本机备用")).data() == "3"

    too_many = page.open_reserve(release=False)
    assert too_many is not None
    too_many.select_gift("UI-CUP")
    too_many.quantity_box.setValue(4)
    too_many.accept()
    qtbot.waitUntil(lambda: len(presenter.reports) == 1)
    assert "可分配库存只有 2 件" in presenter.reports[0].text

    back = page.open_reserve(release=True)
    assert back is not None and back.gift_box.count() == 1
    assert back.quantity_box.maximum() == 3
    back.quantity_box.setValue(2)
    with qtbot.waitSignal(page.sig_changed, timeout=10_000) as blocker:
        back.accept()
    assert blocker.args == ["released"]
    qtbot.waitUntil(lambda: any(s.sku == "UI-CUP" and s.own_reserve == 1 for s in page.stock_model.records))
    with gift_branch.store.read() as session:
        kinds = session.scalars(
            sa.select(GiftStockMovement.kind).where(
                GiftStockMovement.workstation_id == gift_branch.identity.workstation_id
            )
        ).all()
    assert sorted(k.value for k in kinds) == ["reserve", "reserve_release"]


def test_supervisors_see_the_campaigns_read_only(qtbot, gift_branch, tasks, presenter) -> None:
    clerk_page = open_page(qtbot, make_context(gift_branch, tasks, presenter, "C001"))
    assert clerk_page.tabs.count() == 3
    page = open_page(qtbot, make_context(gift_branch, tasks, presenter, "S001"))
    assert page.tabs.count() == 4
    page.tabs.setCurrentIndex(3)
    model = page.campaign_list.model
    qtbot.waitUntil(lambda: any(c.code == "XK" for c in model.records))
    row = next(i for i, c in enumerate(model.records) if c.code == "XK")
    cells = [model.index(row, column).data() for column in range(model.columnCount())]
    assert cells[:2] == ["XK", "新开户有礼"] and cells[3] == "不限" and cells[4] == "新开户"
    assert cells[5] == "200.00" and "保温杯（88.00）" in cells[7]
    assert presenter.reports == []


def test_a_signed_gift_can_be_voided_when_the_client_returns_it(
    qtbot, gift_branch, tasks, presenter, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 15 defect 9: a gift confirmed as signed is voided (returned) from the same tab."""
    monkeypatch.setattr(GiftsPage, "ask_reason", staticmethod(lambda parent, title: "客户退回礼品"))
    clerk = make_context(gift_branch, tasks, presenter, "C001")
    issued = issue_to_client(qtbot, open_page(qtbot, clerk))
    reviewer = open_page(qtbot, make_context(gift_branch, tasks, presenter, "V001"))
    reviewer.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: reviewer.awaiting_model.rowCount() == 1)
    reviewer.awaiting_view.selectRow(0)
    with qtbot.waitSignal(reviewer.sig_changed, timeout=10_000):
        reviewer.confirm_button.click()

    supervisor = open_page(qtbot, make_context(gift_branch, tasks, presenter, "S001"))
    supervisor.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert supervisor.awaiting_model.rowCount() == 0
    supervisor.include_signed.setChecked(True)
    qtbot.waitUntil(lambda: supervisor.awaiting_model.rowCount() == 1)
    supervisor.awaiting_view.selectRow(0)
    assert supervisor.awaiting_model.records[0].status is GiftIssueStatus.SIGNED
    assert not supervisor.confirm_button.isEnabled() and supervisor.void_button.isEnabled()
    # the void sits left of the confirm button, not where another role's confirm is
    assert supervisor.void_button.x() < supervisor.confirm_button.x()
    with qtbot.waitSignal(supervisor.sig_changed, timeout=10_000) as blocker:
        supervisor.void_button.click()
    assert blocker.args == ["voided"] and presenter.reports == []
    with gift_branch.store.read() as session:
        assert session.get(GiftIssue, issued.outcome.issue.issue_id).status is GiftIssueStatus.VOIDED

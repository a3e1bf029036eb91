"""Reports page: the gifts' daily reconciliation and the issues per campaign and per telesales agent
for the chosen day, on their own tab and in the CSV/XLSX export."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import sqlalchemy as sa

from tests.ui.conftest import make_context
from tests.ui.test_gifts_page import MOBILE, gift_branch  # noqa: F401 - fixture
from workstation.models import Client, Gift
from workstation.services import gifts, gifts_stock
from workstation.ui.reports import ReportsPage
from workstation.ui.startup import OpenedDatabase

WAIT = 10_000


def rows_of(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_gift_reconciliation_tab_and_export(
    qtbot,
    gift_branch: OpenedDatabase,  # noqa: F811 - the fixture imported above
    tasks,
    presenter,
    tmp_path: Path,
) -> None:
    context = make_context(gift_branch, tasks, presenter, "S001")
    with gift_branch.store.write() as session:
        client_id = session.scalars(sa.select(Client.id).where(Client.mobile == MOBILE)).one()
        cup = session.scalars(sa.select(Gift.id).where(Gift.sku == "UI-CUP")).one()
        gifts.issue(session, context.actor, client_id, cup, request_id=uuid.uuid4())
        gifts_stock.record_stock_count(session, context.actor, cup, 3, "包装破损一件")
    page = ReportsPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.kpis.sig_loaded, timeout=WAIT):
        page.show()
    page.kpis.tabs.setCurrentWidget(page.kpis.gifts)
    section = page.kpis.gifts
    assert section.isVisible()
    rows = {row[0]: row for row in rows_of(section.reconciliation_view)}
    # opening 5, issued 1, adjusted −1 → closing 3, balanced
    assert rows["UI-CUP"][1:] == ["保温杯", "5", "0", "0", "1", "0", "-1", "3", "0", "是"]
    assert rows["UI-BIG"][2] == rows["UI-BIG"][8] == "5"
    assert rows_of(section.campaign_view) == [["新开户有礼", "1", "88.00", "0"]]
    assert rows_of(section.agent_view) == [["自然到店/其他", "1", "88.00", "0"]]

    path = tmp_path / "report.csv"
    with qtbot.waitSignal(page.kpis.sig_exported, timeout=WAIT):
        page.kpis.export_to(path)
    exported = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    titles = [row[0] for row in exported if row and "礼品" in row[0] and "（" in row[0]]
    assert [t.split("（")[0] for t in titles] == ["礼品当日对账", "礼品发放·按活动", "礼品发放·按邀约坐席"]
    assert ["UI-CUP", "保温杯", "5", "0", "0", "1", "0", "-1", "3", "0", "是"] in exported
    assert ["新开户有礼", "1", "88.00", "0"] in exported

    # another day: nothing moved, so opening = closing and no issues
    with qtbot.waitSignal(page.kpis.sig_loaded, timeout=WAIT):
        page.kpis.day_edit.setDate(page.kpis.day_edit.date().addDays(1))
        page.kpis.refresh()
    rows = {row[0]: row for row in rows_of(section.reconciliation_view)}
    assert rows["UI-CUP"][2] == rows["UI-CUP"][8] == "3" and rows["UI-CUP"][5] == "0"
    assert rows_of(section.campaign_view) == []
    assert presenter.reports == []

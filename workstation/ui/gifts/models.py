"""The gifts screen's columns over the services' frozen records (the table model itself is
:mod:`workstation.ui.records`); titles are translated in the ``GiftColumns`` context."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
)
from PySide6.QtGui import QColor

from workstation.clock import local
from workstation.services.gifts import ClientSummary, GiftIssueView
from workstation.services.gifts_report import DayReconciliation, IssueTally
from workstation.services.gifts_rules import GiftEligibility, yuan
from workstation.services.gifts_stock import GiftStock
from workstation.ui import records
from workstation.ui.records import OK, RECORD_ROLE, REFUSED, Column, R

__all__ = ["OK", "RECORD_ROLE", "REFUSED", "Column", "R", "RecordModel"]


def tr(text: str) -> str:
    return QCoreApplication.translate("GiftColumns", text)


class RecordModel(records.RecordModel[R]):
    """A :class:`workstation.ui.records.RecordModel` whose titles translate as ``GiftColumns``."""

    translation_context = "GiftColumns"


def signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def _when(moment: Any) -> str:
    return f"{local(moment):%m-%d %H:%M}" if moment else ""


ELIGIBLE = str(QT_TRANSLATE_NOOP("GiftColumns", "可领取"))
NOT_ELIGIBLE = str(QT_TRANSLATE_NOOP("GiftColumns", "不可领取"))


def _verdict_colour(g: GiftEligibility) -> QColor:
    return OK if g.eligible else REFUSED


CLIENT_COLUMNS: list[Column[ClientSummary]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "姓名")), lambda c: c.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "证件号")), lambda c: c.id_masked),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "手机")), lambda c: c.mobile_masked),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "状态")), lambda c: c.status_label),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "来源")), lambda c: c.channel_label),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "邀约坐席")), lambda c: c.agent_name),
]

ELIGIBILITY_COLUMNS: list[Column[GiftEligibility]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda g: g.campaign.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda g: f"{g.gift.name} {g.gift.spec}".strip()),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "价值（元）")), lambda g: yuan(g.gift.unit_value_fen), align_right=True
    ),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "可用")), lambda g: str(g.gift.available), True),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "资格")),
        lambda g: tr(ELIGIBLE if g.eligible else NOT_ELIGIBLE),
        colour=_verdict_colour,
    ),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "依据 / 原因")), lambda g: g.why if g.eligible else g.reason),
]

ISSUE_COLUMNS: list[Column[GiftIssueView]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放时间")), lambda i: _when(i.issued_at)),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "客户")), lambda i: i.client_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda i: i.campaign_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda i: i.gift_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "价值（元）")), lambda i: yuan(i.unit_value_fen * i.quantity), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放人")), lambda i: i.issued_by_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "邀约坐席")), lambda i: i.agent_name),
]

STOCK_COLUMNS: list[Column[GiftStock]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "编码")), lambda s: s.sku),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda s: s.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda s: s.campaign_code),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "单价（元）")), lambda s: yuan(s.unit_value_fen), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "营业部可分配")), lambda s: str(s.pool), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "本机备用")), lambda s: str(s.own_reserve), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "其他工作站备用")), lambda s: str(s.other_reserves), True),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "合计")),
        lambda s: str(s.total),
        True,
        colour=lambda s: REFUSED if s.low_stock else None,
    ),
]

RECONCILIATION_COLUMNS: list[Column[DayReconciliation]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda r: f"{r.name}（{r.sku}）"),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "期初")), lambda r: str(r.opening), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "入库")), lambda r: str(r.received), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "分配")), lambda r: str(r.allocated), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放")), lambda r: str(r.issued), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "作废退回")), lambda r: str(r.voided), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "盘点调整")), lambda r: signed(r.adjustments), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "期末")), lambda r: str(r.closing), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "其中备用额度")), lambda r: str(r.reserved_at_close), True),
]

TALLY_COLUMNS: list[Column[IssueTally]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动 / 坐席")), lambda t: t.label),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放")), lambda t: str(t.issued), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "价值（元）")), lambda t: yuan(t.value_fen), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "作废")), lambda t: str(t.voided), True),
]

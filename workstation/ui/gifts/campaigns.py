"""The supervisor's read-only list of campaigns on the gifts screen (this branch's and firm-wide).

Campaigns and gifts are kept by head office in the central database (``workstation-cli
campaign …``) and arrive by the pull; this list only shows what the counter holds.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workstation.domain import Channel, Purpose
from workstation.services.campaigns import CampaignView
from workstation.services.gifts_rules import yuan
from workstation.ui.gifts.models import Column, RecordModel, tr

CHANNELS = {c.value: c.label for c in Channel}
PURPOSES = {p.value: p.label for p in Purpose}


def _labels(codes: tuple[str, ...], labels: dict[str, str], empty: str) -> str:
    return "、".join(labels.get(code, code) for code in codes) or tr(empty)


def _gifts(view: CampaignView) -> str:
    return "、".join(f"{g.name}（{yuan(g.unit_value_fen)}）" for g in view.gifts if g.active)


ACTIVE = str(QT_TRANSLATE_NOOP("GiftColumns", "进行中"))
INACTIVE = str(QT_TRANSLATE_NOOP("GiftColumns", "已停用"))

CAMPAIGN_COLUMNS: list[Column[CampaignView]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "代码")), lambda c: c.code),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda c: c.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "期间")), lambda c: f"{c.starts_on} – {c.ends_on}"),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "客户来源")),
        lambda c: _labels(c.channels, CHANNELS, str(QT_TRANSLATE_NOOP("GiftColumns", "不限"))),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "业务")),
        lambda c: _labels(c.purposes, PURPOSES, str(QT_TRANSLATE_NOOP("GiftColumns", "不限"))),
    ),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "单客上限（元）")), lambda c: yuan(c.per_client_cap_fen), True),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "状态")),
        lambda c: tr(ACTIVE if c.active else INACTIVE),
    ),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), _gifts),
]


class CampaignList(QWidget):
    """活动: the campaigns the counter holds, read-only, with where they are changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from workstation.ui.records import record_table as table

        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model: RecordModel[CampaignView] = RecordModel(CAMPAIGN_COLUMNS, self)
        self.view = table(self.model, self)
        layout.addWidget(self.view, 1)
        note = QLabel(
            self.tr("活动与礼品目录由总部在中心数据库维护（workstation-cli campaign），同步后在此显示；本机只读。"),
            self,
        )
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        layout.addWidget(note)

    def show_campaigns(self, campaigns: list[CampaignView]) -> None:
        self.model.set_records(campaigns)

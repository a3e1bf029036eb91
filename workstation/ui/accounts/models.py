"""Table models of the accounts screen over frozen dataclasses (the gifts screen's
:class:`~workstation.ui.gifts.models.RecordModel`), with column titles in ``AccountColumns``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workstation.accounts.review import DocumentLine, GiftLine, ReviewItem, TransferTaskView, VisitLine
from workstation.clock import local
from workstation.domain import ApplicationKind, ApplicationStatus, StepStatus
from workstation.ui.accounts.ops import DraftLine, TransferLine
from workstation.ui.accounts.step_names import step_text
from workstation.ui.records import OK, REFUSED, Column, R, RecordModel

C = "AccountColumns"


def tr(text: str) -> str:
    return QCoreApplication.translate(C, text)


class AccountRecordModel(RecordModel[R]):
    """A :class:`RecordModel` whose titles translate in the ``AccountColumns`` context."""

    translation_context = C


def when(moment: Any) -> str:
    return f"{local(moment):%m-%d %H:%M}" if moment else ""


def kind_text(kind: ApplicationKind) -> str:
    return (
        QCoreApplication.translate("AccountColumns", "新开户")
        if kind is ApplicationKind.NEW_ACCOUNT
        else QCoreApplication.translate("AccountColumns", "转户")
    )


def _draft_source(d: DraftLine) -> str:
    if d.status is ApplicationStatus.RETURNED:
        return QCoreApplication.translate("AccountColumns", "复核退回")
    if d.mine:
        return QCoreApplication.translate("AccountColumns", "本人办理中")
    return (
        QCoreApplication.translate("AccountColumns", "电销预填，待柜台办理")
        if d.prefilled
        else QCoreApplication.translate("AccountColumns", "其他柜员办理中")
    )


DRAFT_COLUMNS: list[Column[DraftLine]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "类型")), lambda d: kind_text(d.kind)),
    Column(
        str(QT_TRANSLATE_NOOP("AccountColumns", "客户")),
        lambda d: d.client_name or QCoreApplication.translate("AccountColumns", "（未录入）"),
    ),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "证件号")), lambda d: d.id_number_masked),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "停在")), lambda d: step_text(d.step)),
    Column(
        str(QT_TRANSLATE_NOOP("AccountColumns", "情况")),
        _draft_source,
        colour=lambda d: REFUSED if d.status is ApplicationStatus.RETURNED else None,
    ),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "经办")), lambda d: d.clerk_name),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "更新")), lambda d: when(d.updated_at)),
]

QUEUE_COLUMNS: list[Column[ReviewItem]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "提交时间")), lambda i: when(i.submitted_at)),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "类型")), lambda i: kind_text(i.kind)),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "客户")), lambda i: i.client_name),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "证件号")), lambda i: i.id_number_masked),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "经办")), lambda i: i.clerk_name),
    Column(
        str(QT_TRANSLATE_NOOP("AccountColumns", "须关注")),
        lambda i: "、".join(i.flags) or QCoreApplication.translate("AccountColumns", "无"),
        colour=lambda i: REFUSED if i.flags else None,
    ),
]

TRANSFER_COLUMNS: list[Column[TransferLine]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "客户")), lambda t: t.client_name),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "申请状态")), lambda t: t.status.label),
    Column(
        str(QT_TRANSLATE_NOOP("AccountColumns", "未完成事项")),
        lambda t: str(t.open_tasks),
        True,
        colour=lambda t: REFUSED if t.open_tasks else OK,
    ),
]


def _task_colour(t: TransferTaskView) -> Any:
    return OK if t.status is StepStatus.DONE else (REFUSED if t.status is StepStatus.FAILED else None)


TASK_COLUMNS: list[Column[TransferTaskView]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "事项")), lambda t: t.task.label),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "状态")), lambda t: t.status.label, colour=_task_colour),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "完成时间")), lambda t: when(t.completed_at)),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "备注")), lambda t: t.note),
]

DOCUMENT_COLUMNS: list[Column[DocumentLine]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "单据编号")), lambda d: d.doc_no),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "文件")), lambda d: d.title),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "纸质件")), lambda d: d.paper_status.label),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "生成时间")), lambda d: when(d.created_at)),
]

VISIT_COLUMNS: list[Column[VisitLine]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "日期")), lambda v: v.business_date.isoformat()),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "号票")), lambda v: v.ticket),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "结果")), lambda v: v.outcome.label if v.outcome else ""),
]

GIFT_COLUMNS: list[Column[GiftLine]] = [
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "活动")), lambda g: g.campaign),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "礼品")), lambda g: g.gift),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "状态")), lambda g: g.status),
    Column(str(QT_TRANSLATE_NOOP("AccountColumns", "发放时间")), lambda g: when(g.issued_at)),
]

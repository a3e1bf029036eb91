"""Table models of the Documents page, over the services' frozen dataclasses (never ORM rows).

- :class:`DocumentTableModel` — documents (:class:`~workstation.services.documents.DocumentView`),
  filtered by :class:`DocumentFilter` on paper status, business day and client/number text.
- :class:`GroupTableModel` — what is outstanding per business day and client
  (:class:`~workstation.services.paper.OutstandingGroup`).
- :class:`PrintHistoryModel` — every logged print of one document.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from workstation.clock import local
from workstation.domain import PaperStatus
from workstation.services.documents import DocumentView, PrintJobView
from workstation.services.paper import OutstandingGroup

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`DocumentView` (documents) or :class:`OutstandingGroup` (groups)."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A sortable value for the column (dates as ISO text, counts as numbers)."""

Index = QModelIndex | QPersistentModelIndex

STATUS_TEXT: dict[PaperStatus, str] = {
    PaperStatus.NOT_REQUIRED: str(QT_TRANSLATE_NOOP("PaperStatus", "无需回收")),
    PaperStatus.TO_PRINT: str(QT_TRANSLATE_NOOP("PaperStatus", "待打印")),
    PaperStatus.PRINTED: str(QT_TRANSLATE_NOOP("PaperStatus", "已打印")),
    PaperStatus.SIGNED: str(QT_TRANSLATE_NOOP("PaperStatus", "已签字")),
    PaperStatus.SCANNED: str(QT_TRANSLATE_NOOP("PaperStatus", "已扫描")),
    PaperStatus.SENT: str(QT_TRANSLATE_NOOP("PaperStatus", "已寄送总部")),
    PaperStatus.ARCHIVED: str(QT_TRANSLATE_NOOP("PaperStatus", "已归档")),
}
JOB_STATUS_TEXT: dict[str, str] = {
    "completed": str(QT_TRANSLATE_NOOP("PrintJob", "已完成")),
    "queued": str(QT_TRANSLATE_NOOP("PrintJob", "排队中")),
    "sent": str(QT_TRANSLATE_NOOP("PrintJob", "已发送")),
    "failed": str(QT_TRANSLATE_NOOP("PrintJob", "失败")),
    "cancelled": str(QT_TRANSLATE_NOOP("PrintJob", "已取消")),
}


def status_text(status: PaperStatus) -> str:
    """The paper status in the UI language."""
    return QCoreApplication.translate("PaperStatus", STATUS_TEXT[status])


def status_of(data: object) -> PaperStatus | None:
    """The status stored as item data (Qt hands a str enum back as its plain ``str`` value)."""
    if isinstance(data, str) and data in PaperStatus._value2member_map_:
        return PaperStatus(data)
    return None


def job_status_text(status: str) -> str:
    return QCoreApplication.translate("PrintJob", JOB_STATUS_TEXT.get(status, status))


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentModels", text)


class DocumentTableModel(QAbstractTableModel):
    """Documents, one per row: day, client, number, form, paper status, since when."""

    HEADERS = (
        QT_TRANSLATE_NOOP("DocumentModels", "日期"),
        QT_TRANSLATE_NOOP("DocumentModels", "客户"),
        QT_TRANSLATE_NOOP("DocumentModels", "单据编号"),
        QT_TRANSLATE_NOOP("DocumentModels", "单据"),
        QT_TRANSLATE_NOOP("DocumentModels", "纸质件状态"),
        QT_TRANSLATE_NOOP("DocumentModels", "状态时间"),
    )
    DAY, CLIENT, NUMBER, TITLE, STATUS, SINCE = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentView] = []

    def set_documents(self, rows: list[DocumentView]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self.rows[index.row()]
        column = index.column()
        if role == DOCUMENT_ROLE:
            return doc
        if role == SORT_ROLE:
            if column == self.DAY:
                return doc.created_at.isoformat()
            if column == self.SINCE:
                return doc.paper_status_at.isoformat() if doc.paper_status_at else ""
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DAY:
                return f"{doc.business_date:%Y-%m-%d}"
            if column == self.CLIENT:
                return doc.client_name or "—"
            if column == self.NUMBER:
                return doc.doc_no
            if column == self.TITLE:
                return doc.title
            if column == self.STATUS:
                return status_text(doc.paper_status)
            return f"{local(doc.paper_status_at):%m-%d %H:%M}" if doc.paper_status_at else "—"
        return None

    def row_of(self, document_id: uuid.UUID) -> int:
        return next((i for i, doc in enumerate(self.rows) if doc.document_id == document_id), -1)


@dataclass(frozen=True)
class DocumentCriteria:
    """What the clerk filters on; empty/None means "any"."""

    status: PaperStatus | None = None
    day: date | None = None
    client: str = ""

    def matches(self, doc: DocumentView) -> bool:
        if self.status is not None and doc.paper_status is not self.status:
            return False
        if self.day is not None and doc.business_date != self.day:
            return False
        text = self.client.strip().upper()
        return not text or text in doc.client_name.upper() or text in doc.doc_no


class DocumentFilter(QSortFilterProxyModel):
    """Keeps the documents matching :class:`DocumentCriteria`; sorts on :data:`SORT_ROLE`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.criteria = DocumentCriteria()
        self.setSortRole(SORT_ROLE)

    def set_criteria(self, criteria: DocumentCriteria) -> None:
        self.beginFilterChange()
        self.criteria = criteria
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        doc = self.sourceModel().index(source_row, 0, source_parent).data(DOCUMENT_ROLE)
        return isinstance(doc, DocumentView) and self.criteria.matches(doc)


class GroupTableModel(QAbstractTableModel):
    """Outstanding documents per business day and client, with how many and which forms."""

    HEADERS = (
        QT_TRANSLATE_NOOP("DocumentModels", "日期"),
        QT_TRANSLATE_NOOP("DocumentModels", "客户"),
        QT_TRANSLATE_NOOP("DocumentModels", "待回收"),
        QT_TRANSLATE_NOOP("DocumentModels", "单据"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[OutstandingGroup] = []

    def set_groups(self, rows: list[OutstandingGroup]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.rows[index.row()]
        if role == DOCUMENT_ROLE:
            return group
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return f"{group.day:%Y-%m-%d}"
            if column == 1:
                return group.client_name or "—"
            if column == 2:
                return str(group.count)
            return "、".join(dict.fromkeys(doc.title for doc in group.documents))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class PrintHistoryModel(QAbstractTableModel):
    """The logged prints of one document, oldest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("DocumentModels", "时间"),
        QT_TRANSLATE_NOOP("DocumentModels", "类型"),
        QT_TRANSLATE_NOOP("DocumentModels", "份数"),
        QT_TRANSLATE_NOOP("DocumentModels", "打印机"),
        QT_TRANSLATE_NOOP("DocumentModels", "结果"),
        QT_TRANSLATE_NOOP("DocumentModels", "操作人"),
        QT_TRANSLATE_NOOP("DocumentModels", "任务号/原因"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PrintJobView] = []
        self.names: dict[uuid.UUID, str] = {}

    def set_jobs(self, rows: list[PrintJobView], names: dict[uuid.UUID, str]) -> None:
        self.beginResetModel()
        self.rows, self.names = list(rows), dict(names)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        job = self.rows[index.row()]
        values = (
            f"{local(job.printed_at):%Y-%m-%d %H:%M}",
            QCoreApplication.translate("DocumentModels", "副本")
            if job.is_reprint
            else QCoreApplication.translate("DocumentModels", "原件"),
            str(job.copies),
            job.printer,
            job_status_text(job.status),
            self.names.get(job.printed_by_id, "—"),
            job.error or job.job_ref or "—",
        )
        return values[index.column()]

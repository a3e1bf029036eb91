"""单据 (Documents): the scan station, what is outstanding per client and day, any document's
preview, reprint and print history, and the supervisor's explicit status change.

Every database and printing call goes through the task runner; the page refreshes its lists
after each scan, print or correction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain import PaperStatus
from workstation.services import documents, paper
from workstation.ui.documents.models import (
    DOCUMENT_ROLE,
    DocumentCriteria,
    DocumentFilter,
    DocumentTableModel,
    GroupTableModel,
    PrintHistoryModel,
    status_of,
    status_text,
)
from workstation.ui.documents.scan import ScanStation, may_correct_paper, may_record_paper
from workstation.ui.documents.status_dialog import StatusChangeDialog
from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId

if TYPE_CHECKING:
    from workstation.printing.spool import PrintBackend
    from workstation.services.documents import DocumentView, PrintJobView
    from workstation.services.overview import BranchOverview
    from workstation.services.paper import OutstandingGroup
    from workstation.store import Store
    from workstation.ui.printing import PrintPreviewDialog

SCOPE_OUTSTANDING, SCOPE_ALL = "outstanding", "all"


@dataclass(frozen=True)
class DocumentsSnapshot:
    """What the lists show: the documents in scope and the outstanding groups."""

    documents: list[DocumentView]
    groups: list[OutstandingGroup]


def load_documents(store: Store, branch_id: uuid.UUID, scope: str) -> DocumentsSnapshot:
    """Worker thread: the documents in ``scope`` and what is outstanding per client and day."""
    with store.read() as session:
        statuses = paper.OUTSTANDING if scope == SCOPE_OUTSTANDING else None
        rows = paper.list_documents(session, branch_id, statuses=statuses)
        groups = paper.outstanding_by_client_and_day(session, branch_id)
    return DocumentsSnapshot(rows, groups)


def load_history(store: Store, document_id: uuid.UUID) -> tuple[list[PrintJobView], dict[uuid.UUID, str]]:
    """Worker thread: every print of the document and the names of who printed."""
    with store.read() as session:
        jobs = documents.print_jobs(session, document_id)
        return jobs, documents.staff_names(session, {job.printed_by_id for job in jobs})


def find_by_number(store: Store, doc_no: str) -> DocumentView:
    with store.read() as session:
        return documents.find_document(session, doc_no)


def _table(parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DocumentsPage(OverviewPage):
    """单据: scan forms back in, see what is outstanding, preview and reprint, correct a status."""

    page_id = PageId.DOCUMENTS
    print_backend: PrintBackend | None = None
    """The printing system the preview dialogs use (``None``: the system's); tests inject a fake."""

    def heading(self) -> str:
        return self.tr("单据")

    def lead(self) -> str:
        return self.tr("扫码登记签字回收的纸质单据，查看待回收清单，预览、补打单据。")

    def figure_captions(self) -> list[str]:
        return [self.tr("待回收归档的纸质单据")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.papers_outstanding]

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.selected: DocumentView | None = None
        self.dialogs: list[PrintPreviewDialog] = []
        layout, head = self.working_layout()
        lead = QLabel(self.lead(), self)
        lead.setProperty("role", "lead")
        lead.setWordWrap(True)
        head.addWidget(lead, 1)
        layout.addLayout(head)
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")

        top = QHBoxLayout()
        self.scan: ScanStation | None = None
        if may_record_paper(self.context):
            self.scan = ScanStation(self.context, self)
            self.scan.setFixedWidth(460)
            top.addWidget(self.scan)
        groups_box = QVBoxLayout()
        groups_title = QLabel(self.tr("待回收：按日期和客户"), self)
        groups_title.setProperty("role", "section")
        groups_box.addWidget(groups_title)
        self.group_model = GroupTableModel(self)
        self.group_table = _table(self)
        self.group_table.setObjectName("outstandingGroups")
        self.group_table.setModel(self.group_model)
        groups_box.addWidget(self.group_table)
        top.addLayout(groups_box, 1)
        top_widget = QWidget(self)
        top_widget.setLayout(top)
        top_widget.setMaximumHeight(300)
        top.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top_widget)

        layout.addLayout(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = DocumentTableModel(self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table(splitter)
        self.table.setObjectName("documentList")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DocumentTableModel.DAY, Qt.SortOrder.AscendingOrder)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 380])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DocumentTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(splitter, 3)
        layout.addWidget(self.status_label)
        self._connect_signals()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(self.tr("待回收（未归档）"), SCOPE_OUTSTANDING)
        self.scope_combo.addItem(self.tr("全部单据"), SCOPE_ALL)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("全部状态"), None)
        for status in PaperStatus:
            self.status_combo.addItem(status_text(status), status)
        self.day_combo = QComboBox(self)
        self.day_combo.addItem(self.tr("全部日期"), None)
        self.day_combo.setMinimumWidth(140)
        self.client_edit = QLineEdit(self)
        self.client_edit.setPlaceholderText(self.tr("客户姓名或单据编号"))
        self.client_edit.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "hint")
        for label, widget in (
            (self.tr("范围"), self.scope_combo),
            (self.tr("状态"), self.status_combo),
            (self.tr("日期"), self.day_combo),
            (self.tr("客户"), self.client_edit),
        ):
            row.addWidget(QLabel(label, self))
            row.addWidget(widget, 1 if widget is self.client_edit else 0)
        row.addWidget(self.refresh_button)
        row.addWidget(self.count_label)
        return row

    def _build_detail(self, parent: QWidget) -> QWidget:
        panel = QFrame(parent)
        panel.setProperty("role", "card")
        box = QVBoxLayout(panel)
        box.setContentsMargins(14, 10, 14, 10)
        self.detail_label = QLabel(self.tr("选择一份单据查看打印记录。"), panel)
        self.detail_label.setObjectName("documentDetail")
        self.detail_label.setWordWrap(True)
        box.addWidget(self.detail_label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("预览/补打"), panel)
        self.open_button.setProperty("role", "primary")
        self.status_button = QPushButton(self.tr("更改状态…"), panel)
        self.status_button.setVisible(may_correct_paper(self.context))
        for button in (self.open_button, self.status_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        history_title = QLabel(self.tr("打印记录"), panel)
        history_title.setProperty("role", "section")
        box.addWidget(history_title)
        self.history_model = PrintHistoryModel(self)
        self.history_table = _table(panel)
        self.history_table.setObjectName("printHistory")
        self.history_table.setModel(self.history_model)
        box.addWidget(self.history_table, 1)
        return panel

    def _connect_signals(self) -> None:
        if self.scan is not None:
            self.scan.sig_moved.connect(lambda _move: self.refresh())
            self.scan.sig_open_requested.connect(self.open_number)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self.load_list())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.day_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.client_edit.textChanged.connect(lambda _t: self.apply_filters())
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.group_table.clicked.connect(self._group_clicked)
        self.open_button.clicked.connect(self.open_selected)
        self.status_button.clicked.connect(self.change_status)

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the figures, the lists and the selected document's history."""
        super().refresh()
        self.load_list()

    def load_list(self) -> None:
        store, branch_id = self.context.store, self.context.identity.branch_id
        scope = self.scope_combo.currentData()
        self.context.tasks.run(lambda: load_documents(store, branch_id, scope), self._show_snapshot, owner=self)

    def _show_snapshot(self, snapshot: DocumentsSnapshot) -> None:
        keep = self.selected.document_id if self.selected else None
        self.model.set_documents(snapshot.documents)
        self.group_model.set_groups(snapshot.groups)
        self._fill_days(sorted({doc.business_date for doc in snapshot.documents}, reverse=True))
        self.apply_filters()
        if keep is not None and not self.select_document(keep):
            self._show_selected(None)
        elif keep is not None:
            self._load_selected_history()

    def _fill_days(self, days: list[date]) -> None:
        current = self.day_combo.currentData()
        self.day_combo.blockSignals(True)
        while self.day_combo.count() > 1:
            self.day_combo.removeItem(1)
        for day in days:
            self.day_combo.addItem(f"{day:%Y-%m-%d}", day)
        index = self.day_combo.findData(current) if current is not None else 0
        self.day_combo.setCurrentIndex(max(index, 0))
        self.day_combo.blockSignals(False)

    # --- filters ------------------------------------------------------------------------------

    def criteria(self) -> DocumentCriteria:
        status, day = self.status_combo.currentData(), self.day_combo.currentData()
        return DocumentCriteria(
            status_of(status),
            day if isinstance(day, date) else None,
            self.client_edit.text(),
        )

    def apply_filters(self) -> None:
        self.proxy.set_criteria(self.criteria())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("显示 %1 / %2 份").replace("%1", str(shown)).replace("%2", str(total)))

    def set_day(self, day: date | None) -> None:
        index = self.day_combo.findData(day) if day is not None else 0
        if index < 0:
            self.day_combo.addItem(f"{day:%Y-%m-%d}", day)
            index = self.day_combo.count() - 1
        self.day_combo.setCurrentIndex(index)

    def _group_clicked(self, index: object) -> None:
        group = self.group_model.data(index, DOCUMENT_ROLE)  # type: ignore[arg-type]
        if group is None:
            return
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(SCOPE_OUTSTANDING))
        self.status_combo.setCurrentIndex(0)
        self.set_day(group.day)
        self.client_edit.setText(group.client_name)

    def shown_documents(self) -> list[DocumentView]:
        """The documents the table shows now, top to bottom."""
        return [self.proxy.index(row, 0).data(DOCUMENT_ROLE) for row in range(self.proxy.rowCount())]

    # --- the selected document ----------------------------------------------------------------

    def select_document(self, document_id: uuid.UUID) -> bool:
        row = self.model.row_of(document_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return False
        self.table.selectRow(index.row())
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_selected(rows[0].data(DOCUMENT_ROLE) if rows else None)

    def _show_selected(self, doc: DocumentView | None) -> None:
        changed = doc is None or self.selected is None or doc.document_id != self.selected.document_id
        self.selected = doc
        self.open_button.setEnabled(doc is not None)
        self.status_button.setEnabled(doc is not None and doc.must_come_back)
        if doc is None:
            self.detail_label.setText(self.tr("选择一份单据查看打印记录。"))
            self.history_model.set_jobs([], {})
            return
        text = f"{doc.doc_no}  {doc.title}\n" + self.tr("客户：%1　纸质件：%2").replace(
            "%1", doc.client_name or "—"
        ).replace("%2", status_text(doc.paper_status))
        self.detail_label.setText(text)
        if changed:
            self._load_selected_history()

    def _load_selected_history(self) -> None:
        if self.selected is None:
            return
        store, document_id = self.context.store, self.selected.document_id

        def show(result: tuple[list[PrintJobView], dict[uuid.UUID, str]]) -> None:
            if self.selected is not None and self.selected.document_id == document_id:
                self.history_model.set_jobs(*result)

        self.context.tasks.run(lambda: load_history(store, document_id), show, owner=self)

    def open_selected(self) -> None:
        if self.selected is not None:
            self.open_document(self.selected.document_id)

    def open_document(self, document_id: uuid.UUID) -> PrintPreviewDialog:
        """Open the preview/print dialog; the lists refresh after each print."""
        from workstation.ui.printing import preview_and_print

        dialog = preview_and_print(self.context, document_id, self, backend=self.print_backend)
        dialog.sig_printed.connect(lambda _outcome: self.refresh())
        dialog.finished.connect(lambda _result: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        self.dialogs.append(dialog)
        return dialog

    def open_number(self, doc_no: str) -> None:
        """Preview the document numbered ``doc_no`` (typed or scanned into the scan box)."""
        store = self.context.store

        def found(view: DocumentView) -> None:
            self.open_document(view.document_id)

        self.context.tasks.run(lambda: find_by_number(store, doc_no), found, owner=self)

    def change_status(self) -> StatusChangeDialog | None:
        """Supervisor: set the selected document's paper status, with a reason where needed."""
        if self.selected is None or not may_correct_paper(self.context):
            return None
        dialog = StatusChangeDialog(self.context, self.selected, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_changed.connect(lambda _move: self.refresh())
        dialog.open()
        return dialog

"""The new-account / transfer-in wizard window: a step list, one page per step, the summary with
提交复核, then the printed documents with 预览/打印.

The controller (:class:`~workstation.accounts.wizard.AccountWizard`, through :mod:`.ops` in tasks)
validates and saves; this window only moves between pages. Next saves the page in a write task
(Next is disabled while it runs): hard errors stay on the page under their fields, warnings wait
for the clerk's confirmation, otherwise the controller's ``next_step`` is shown. Every saved step
is the draft, so closing the window (or a crash) loses nothing: 继续办理 opens the step where the
clerk stopped.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workstation.accounts.checks import StepCheck
from workstation.accounts.steps import Step
from workstation.accounts.submission import SubmitOutcome
from workstation.accounts.wizard import DraftView, StepResult
from workstation.domain import ApplicationKind, ApplicationStatus
from workstation.ui import printing
from workstation.ui.accounts import ops
from workstation.ui.accounts.override import SupervisorOverrideDialog
from workstation.ui.accounts.step_names import step_text
from workstation.ui.accounts.step_pages import IdentityPage, StepPage, make_page
from workstation.ui.accounts.summary import summary_html

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

LIVE_CHECK_MS = 150
STEP_ROLE = Qt.ItemDataRole.UserRole + 1


class SummaryPage(QWidget):
    """The application at a glance, and 提交复核."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("核对与提交"), self)
        title.setProperty("role", "section")
        hint = QLabel(self.tr("请与客户逐项核对。提交后由复核岗复核，文件即生成，可预览并打印交客户签字。"), self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.submit_button = QPushButton(self.tr("提交复核"), self)
        self.submit_button.setProperty("role", "primary")
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignRight)


class DonePage(QWidget):
    """After submission: the fund account and the documents to print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "notice-ok")
        self.heading.setWordWrap(True)
        hint = QLabel(self.tr("请逐份预览并打印，交客户签字后归档。转户须将《转户事项清单》交给客户。"), self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("单据编号"), self.tr("文件"), ""])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.client_button = QPushButton(self.tr("客户资料"), self)
        self.print_all_button = QPushButton(self.tr("全部打印(&A)"), self)
        self.print_all_button.setProperty("role", "primary")
        self.print_all_button.setToolTip(self.tr("整套文件一次发送到默认打印机（一个打印任务，每份单据均登记）"))
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.client_button)
        row.addStretch(1)
        row.addWidget(self.print_all_button)
        layout.addLayout(row)


class AccountWizardDialog(QDialog):
    """开户/转户向导. Open with :meth:`start_new` or :meth:`open_draft`."""

    sig_printed_all = Signal(str)
    """Print-all was accepted by the spooler (payload: the printer)."""

    sig_loaded = Signal(object)
    """The draft is on screen (payload: :class:`DraftView`)."""
    sig_step_saved = Signal(object)
    """A save came back (payload: :class:`StepResult`), whatever its outcome."""
    sig_checked = Signal(object)
    """A live check came back (payload: :class:`StepCheck`)."""
    sig_submitted = Signal(object)
    """The application was submitted (payload: :class:`SubmitOutcome`)."""
    sig_client_requested = Signal(object)
    """The clerk asked for the client page (payload: the client id)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("accountWizard")
        self.setWindowTitle(self.tr("开户/转户向导"))
        self.resize(1100, 760)
        self.draft: DraftView | None = None
        self.pages: dict[Step, StepPage] = {}
        self.outcome: SubmitOutcome | None = None
        self._check_seq = 0
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(LIVE_CHECK_MS)
        self._build()
        self._connect_signals()

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner = QLabel(self.tr("正在打开申请…"), self)
        self.banner.setProperty("role", "notice-info")
        self.banner.setWordWrap(True)
        layout.addWidget(self.banner)
        row = QHBoxLayout()
        self.step_list = QListWidget(self)
        self.step_list.setObjectName("stepList")
        self.step_list.setFixedWidth(290)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)
        self.summary = SummaryPage(self.stack)
        self.done_page = DonePage(self.stack)
        row.addWidget(self.step_list)
        row.addWidget(self.stack, 1)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        self.status_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("上一步"), self)
        self.next_button = QPushButton(self.tr("保存并下一步"), self)
        self.next_button.setProperty("role", "primary")
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self.tr("关闭（已保存的步骤保留）"), self)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)

    def _connect_signals(self) -> None:
        self.next_button.clicked.connect(self.go_next)
        self.back_button.clicked.connect(self.go_back)
        self.close_button.clicked.connect(self.close)
        self.summary.submit_button.clicked.connect(self.submit)
        self.done_page.client_button.clicked.connect(self._client_requested)
        self.done_page.print_all_button.clicked.connect(self.print_all)
        self.step_list.itemClicked.connect(self._step_clicked)
        self._check_timer.timeout.connect(self._check_now)

    # --- opening -------------------------------------------------------------------------------

    def start_new(self, kind: ApplicationKind, **links: uuid.UUID | None) -> None:
        """Open a new draft of ``kind`` (links: ``client_id``, ``appointment_id``, ``visit_id``)."""
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: ops.start(store, actor, kind, **links), self._loaded, self._load_failed, writes=True, owner=self
        )

    def open_draft(self, application_id: uuid.UUID) -> None:
        """Open a saved draft at the step where the clerk stopped."""
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: ops.resume(store, actor, application_id), self._loaded, self._load_failed, writes=True, owner=self
        )

    def _load_failed(self, exc: BaseException) -> None:
        self.banner.setText(self.tr("无法打开该申请。"))
        self.context.presenter.show(exc, self)

    def _loaded(self, setup: ops.WizardSetup) -> None:
        draft = setup.draft
        for state in draft.steps:
            page = make_page(state.step, setup.rules, setup.questionnaire, self.stack)
            if isinstance(page, IdentityPage):
                page.attach_reader(self.context)
                page.sig_card_read.connect(self._card_read)
                page.sig_check_requested.connect(lambda p=page: self.check_identity(p))
            page.set_data(state.data)
            page.show_warnings(state.warnings, state.confirmed)
            page.sig_state_changed.connect(self._update_buttons)
            page.sig_field_left.connect(lambda _name: self._check_timer.start())
            self.pages[state.step] = page
            self.stack.addWidget(page)
        self.stack.addWidget(self.summary)
        self.stack.addWidget(self.done_page)
        kind = self.tr("新开户") if draft.kind is ApplicationKind.NEW_ACCOUNT else self.tr("转户")
        self.setWindowTitle(self.tr("%1向导").replace("%1", kind))
        self._set_draft(draft)
        if draft.status is ApplicationStatus.RETURNED:
            self.banner.setText(self.tr("复核退回：%1　请按意见修改后重新提交。").replace("%1", draft.review_comment))
            self.banner.setProperty("role", "notice-warning")
        else:
            self.banner.setText(self.tr("%1：每一步点“保存并下一步”即保存草稿，关闭窗口后可在“继续办理”中接着办理。")
                                .replace("%1", kind))  # fmt: skip
        self.banner.style().polish(self.banner)
        if draft.complete:
            self.show_summary()
        else:
            self.show_step(draft.current_step)
        self.sig_loaded.emit(draft)

    def check_identity(self, page: IdentityPage) -> None:
        """联网核查 of what the identity page holds; the result is kept on the application."""
        from workstation.accounts import identity_check as ic
        from workstation.clock import utcnow
        from workstation.ui.idcard import identity_verifier

        if self.draft is None:
            return
        data, verifier = page.data(), identity_verifier()
        store, actor, app_id = self.context.store, self.context.actor, self.draft.application_id

        def check() -> ic.CheckResult:
            if verifier is None:
                result = ic.CheckResult(ic.CheckStatus.NOT_CHECKED, utcnow(), detail="本机未配置联网核查网关")
            else:
                name, id_type = str(data.get("name") or ""), str(data.get("id_type") or "00")
                result = verifier.verify(name, id_type, str(data.get("id_number") or ""))
            with store.write() as session:
                ic.record_check(session, actor, app_id, result)
            return result

        def show(result: ic.CheckResult) -> None:
            text = self.tr("核查结果：%1").replace("%1", result.status.label)
            if result.reference:
                text += f"（{result.reference}）"
            if result.detail:
                text += f"　{result.detail}"
            page.show_check(result.status.value, text)

        page.check_button.setEnabled(False)
        page.show_check("", self.tr("正在核查…"))
        self.context.tasks.run(check, show, lambda exc: self._check_failed(page, exc), writes=True, owner=self)

    def _check_failed(self, page: IdentityPage, exc: BaseException) -> None:
        page.show_check("", "")
        self.context.presenter.show(exc, self)

    def _card_read(self, card: Any) -> None:
        """The card's address also goes into the client data step's contact address, if still empty."""
        page = self.pages.get(Step.CLIENT_DATA)
        if page is not None and card.address and not page.form.editors["address"].get():
            page.form.editors["address"].set(card.address)

    def _set_draft(self, draft: DraftView) -> None:
        self.draft = draft
        self.step_list.clear()
        for number, state in enumerate(draft.steps, start=1):
            mark = "✓ " if state.done else ("! " if state.saved else "   ")
            item = QListWidgetItem(f"{mark}{number}. {step_text(state.step)}", self.step_list)
            item.setData(STEP_ROLE, state.step.value)
        item = QListWidgetItem(self.tr("   提交与打印"), self.step_list)
        item.setData(STEP_ROLE, "")
        for page in self.pages.values():
            page.set_context(draft)

    # --- moving --------------------------------------------------------------------------------

    @property
    def current_page(self) -> StepPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, StepPage) else None

    def show_step(self, step: Step) -> None:
        page = self.pages[step]
        if self.draft is not None:
            page.set_context(self.draft)
        self.stack.setCurrentWidget(page)
        self._select_in_list(step.value)
        self.status_label.setText("")
        self._update_buttons()

    def show_summary(self) -> None:
        if self.draft is not None:
            self.summary.text.setHtml(summary_html(self.draft))
            self.summary.submit_button.setEnabled(self.draft.complete)
        self.stack.setCurrentWidget(self.summary)
        self._select_in_list("")
        self._update_buttons()

    def _select_in_list(self, value: str) -> None:
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            if item is not None and item.data(STEP_ROLE) == value:
                self.step_list.setCurrentRow(row)

    def _reachable(self) -> list[str]:
        """Steps the clerk may open from the list: every step up to the first not done."""
        if self.draft is None or self.outcome is not None:
            return []
        out = []
        for state in self.draft.steps:
            out.append(state.step.value)
            if not state.done:
                return out
        return [*out, ""]

    def _step_clicked(self, item: QListWidgetItem) -> None:
        value = item.data(STEP_ROLE)
        if value not in self._reachable():
            self.status_label.setText(self.tr("请先完成前面的步骤。"))
            current = self.current_page
            self._select_in_list(current.step.value if current else "")
            return
        if value:
            self.show_step(Step(value))
        else:
            self.show_summary()

    def go_back(self) -> None:
        if self.draft is None:
            return
        steps = [s.step for s in self.draft.steps]
        page = self.current_page
        if page is None:
            self.show_step(steps[-1])
        elif steps.index(page.step) > 0:
            self.show_step(steps[steps.index(page.step) - 1])

    def _update_buttons(self) -> None:
        page = self.current_page
        on_step = page is not None
        self.next_button.setVisible(on_step)
        self.back_button.setVisible(self.stack.currentWidget() is not self.done_page)
        self.next_button.setEnabled(page is not None and not page.busy)
        self.back_button.setEnabled(
            self.draft is not None and (page is None or page.step is not self.draft.steps[0].step)
        )

    # --- saving --------------------------------------------------------------------------------

    def go_next(self) -> None:
        """Save the page; go on when the controller says so."""
        page = self.current_page
        if page is None or page.busy or self.draft is None:
            return
        self._check_timer.stop()
        self._check_seq += 1  # a live check still running must not overwrite the save's messages
        store, actor, app_id = self.context.store, self.context.actor, self.draft.application_id
        step, data, confirmed = page.step, page.data(), page.confirmed_codes()
        page.set_busy(True)
        self.status_label.setText(self.tr("正在保存…"))
        self.context.tasks.run(
            lambda: ops.save_step(store, actor, app_id, step, data, confirmed),
            lambda outcome: self._saved(page, outcome),
            lambda exc: self._save_failed(page, exc),
            writes=True,
            owner=self,
        )

    def _save_failed(self, page: StepPage, exc: BaseException) -> None:
        page.set_busy(False)
        self.status_label.setText("")
        self.context.presenter.show(exc, self)

    def _saved(self, page: StepPage, outcome: tuple[StepResult, DraftView]) -> None:
        result, draft = outcome
        page.set_busy(False)
        self._set_draft(draft)
        self._select_in_list(page.step.value)
        page.form.mark_all_touched()
        page.show_problems(result.errors)
        if result.errors:
            self.status_label.setText(self.tr("未保存：请按标红的提示修改。"))
        elif result.pending:
            page.show_warnings(result.pending)
            page.set_error("")
            self.status_label.setText(self.tr("已保存。请核实下方提示并勾选确认，再点“保存并下一步”。"))
        else:
            page.show_warnings(result.warnings, [w.code for w in result.warnings])
            page.set_error("")
            self.status_label.setText(self.tr("已保存。"))
            if result.existing_client_id is not None:
                self.banner.setText(self.tr("该证件已有客户档案：本申请使用已有客户，不会重复建档。"))
            if result.next_step is not None:
                self.show_step(result.next_step)
            else:
                self.show_summary()
        self.sig_step_saved.emit(result)

    # --- live checks -----------------------------------------------------------------------------

    def _check_now(self) -> None:
        page = self.current_page
        if page is None or page.busy or self.draft is None:
            return
        self._check_seq += 1
        seq, step, data = self._check_seq, page.step, page.data()
        store, app_id = self.context.store, self.draft.application_id
        self.context.tasks.run(
            lambda: ops.validate(store, app_id, step, data),
            lambda check: self._checked(seq, page, check),
            lambda exc: None,  # a live check failing is not worth a dialog; Next reports it
            owner=self,
        )

    def _checked(self, seq: int, page: StepPage, check: StepCheck) -> None:
        if seq == self._check_seq:
            page.show_problems(check.errors, touched_only=True)
        self.sig_checked.emit(check)

    # --- submitting ----------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.draft is None:
            return
        store, actor, app_id = self.context.store, self.context.actor, self.draft.application_id
        self.summary.submit_button.setEnabled(False)
        self.status_label.setText(self.tr("正在提交并生成文件…"))
        self.context.tasks.run(
            lambda: ops.submit(store, actor, app_id), self._submitted, self._submit_failed, writes=True, owner=self
        )

    def _submit_failed(self, exc: BaseException) -> None:
        from workstation.accounts.identity_check import IdentityInconsistent

        self.summary.submit_button.setEnabled(True)
        self.status_label.setText("")
        if isinstance(exc, IdentityInconsistent) and self.draft is not None:
            self.override_dialog = SupervisorOverrideDialog(self.context, self.draft.application_id, exc, self)
            self.override_dialog.accepted.connect(self.submit)
            self.override_dialog.open()
            return
        self.context.presenter.show(exc, self)

    def _submitted(self, outcome: SubmitOutcome) -> None:
        self.outcome = outcome
        text = self.tr("已提交复核。资金账号 %1，共 %2 份文件。")
        self.done_page.heading.setText(
            text.replace("%1", outcome.fund_account).replace("%2", str(len(outcome.documents)))
        )
        table = self.done_page.table
        table.setRowCount(len(outcome.documents))
        for row, doc in enumerate(outcome.documents):
            table.setItem(row, 0, QTableWidgetItem(doc.doc_no))
            table.setItem(row, 1, QTableWidgetItem(doc.title))
            button = QPushButton(self.tr("预览/打印"), table)
            button.setObjectName(f"print-{doc.form_code}")
            button.clicked.connect(lambda _c=False, d=doc.document_id: self.print_document(d))
            table.setCellWidget(row, 2, button)
        table.resizeColumnToContents(0)
        self.stack.setCurrentWidget(self.done_page)
        self.step_list.setEnabled(False)
        self.status_label.setText("")
        self._update_buttons()
        self.close_button.setText(self.tr("完成"))
        self.sig_submitted.emit(outcome)

    def print_document(self, document_id: uuid.UUID) -> Any:
        return printing.preview_and_print(self.context, document_id, self)

    def print_all(self) -> None:
        """The whole package to the default printer: one job, each form logged (issue 15)."""
        if self.outcome is None or not self.outcome.documents:
            return
        ids = [doc.document_id for doc in self.outcome.documents]
        store, actor = self.context.store, self.context.actor
        self.done_page.print_all_button.setEnabled(False)
        self.status_label.setText(self.tr("正在发送到打印机…"))
        self.context.tasks.run(
            lambda: ops.print_all(store, actor, ids), self._printed_all, self._print_all_failed, writes=True, owner=self
        )

    def _printed_all(self, result: tuple[str, str, str, str]) -> None:
        printer, _job, status, error = result
        self.done_page.print_all_button.setEnabled(True)
        if status == "failed":
            self.status_label.setText(self.tr("打印失败：%1").replace("%1", error))
            return
        self.status_label.setText(self.tr("整套文件已发送到打印机 %1。").replace("%1", printer))
        self.sig_printed_all.emit(printer)

    def _print_all_failed(self, exc: BaseException) -> None:
        self.done_page.print_all_button.setEnabled(True)
        self.status_label.setText("")
        self.context.presenter.show(exc, self)

    def _client_requested(self) -> None:
        if self.outcome is not None:
            self.sig_client_requested.emit(self.outcome.client_id)

"""One page per wizard step: it displays the step's fields and collects the input; the wizard
dialog runs the controller. A page exposes ``busy`` and ``error`` (and ``sig_state_changed``) so
the dialog can enable Next, and shows the controller's messages under their fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workstation.accounts.checks import StepWarning
from workstation.accounts.rules import AccountRules
from workstation.accounts.steps import Step
from workstation.accounts.wizard import DraftView
from workstation.errors import FieldProblem
from workstation.ui.accounts import specs
from workstation.ui.accounts.fields import FieldForm, base_field
from workstation.ui.accounts.step_names import step_text

if TYPE_CHECKING:
    from workstation.idcard.card import IdCard
    from workstation.ui.context import SessionContext

INTROS: dict[Step, Any] = {
    Step.IDENTITY: QT_TRANSLATE_NOOP(
        "StepPage", "请核对证件原件后录入。身份证号码的校验位、出生日期由系统核对；同一证件已有客户时将直接使用该客户。"
    ),
    Step.CLIENT_DATA: QT_TRANSLATE_NOOP(
        "StepPage", "反洗钱九要素：联系方式、地址、职业与受益所有人。须登记中国大陆手机号码。"
    ),
    Step.PREVIOUS_BROKER: QT_TRANSLATE_NOOP(
        "StepPage", "原券商的账户信息：客户须在原券商办理上海撤销指定交易、深圳转托管。格式异常只作提示。"
    ),
    Step.QUESTIONNAIRE: QT_TRANSLATE_NOOP(
        "StepPage", "请客户本人逐题作答；系统按问卷计分并确定风险承受能力类别（C1–C5）。"
    ),
    Step.SUITABILITY_MATCH: QT_TRANSLATE_NOOP(
        "StepPage", "勾选客户申请的业务；高于客户风险承受能力的业务须客户坚持并签署警示书，最低类别客户一律拒绝。"
    ),
    Step.AML_CRS: QT_TRANSLATE_NOOP(
        "StepPage", "税收居民身份声明为开户必备文件；反洗钱评级由系统按客户资料给出，只能调高。"
    ),
    Step.CUSTODY_BANK: QT_TRANSLATE_NOOP(
        "StepPage", "三方存管银行卡须为客户本人名下；卡号未通过 Luhn 校验时请与卡面逐位核对后确认。"
    ),
    Step.COMMISSION: QT_TRANSLATE_NOOP("StepPage", "佣金按客户来源渠道的政策执行；低于渠道下限须主管审批。"),
    Step.DOCUMENTS: QT_TRANSLATE_NOOP(
        "StepPage", "开立的账户与委托方式；向客户讲解并由客户签署必备文件，核对证件原件。"
    ),
}


class StepPage(QWidget):
    """A wizard page: title, what to do, the fields, the warnings to confirm, a page-level message."""

    sig_state_changed = Signal()
    """``busy`` or ``error`` changed: the dialog updates its Next button."""
    sig_field_left = Signal(str)
    """The clerk left a field (payload: its name): the dialog checks the page live."""

    def __init__(self, step: Step, rules: AccountRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName(f"step-{step.value}")
        self._busy = False
        self._error = ""
        self._warnings: dict[str, QCheckBox] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        title = QLabel(step_text(step), self)
        title.setProperty("role", "section")
        intro = QLabel(QCoreApplication.translate("StepPage", str(INTROS[step])), self)
        intro.setProperty("role", "hint")
        intro.setWordWrap(True)
        self.info = QLabel(self)
        self.info.setProperty("role", "notice-info")
        self.info.setWordWrap(True)
        self.info.hide()
        outer.addWidget(title)
        outer.addWidget(intro)
        outer.addWidget(self.info)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 4, 12, 4)
        self._build_body(body, rules)
        self.form = FieldForm(specs.specs_for(step, rules), body)
        self.body_layout.addWidget(self.form)
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.warning_box = QFrame(self)
        self.warning_box.setObjectName("warningBox")
        self.warning_layout = QVBoxLayout(self.warning_box)
        self.warning_box.hide()
        outer.addWidget(self.warning_box)
        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.form.sig_field_left.connect(self.sig_field_left)

    def _build_body(self, body: QWidget, rules: AccountRules) -> None:
        """Hook for pages with more than plain fields (the questionnaire)."""

    # --- state for the dialog -----------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def error(self) -> str:
        return self._error

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.setEnabled(not busy)
        self.sig_state_changed.emit()

    def set_error(self, text: str) -> None:
        self._error = text
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.sig_state_changed.emit()

    # --- data in and out -------------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        return self.form.data()

    def set_data(self, data: Mapping[str, Any]) -> None:
        self.form.set_data(data)

    def set_context(self, draft: DraftView) -> None:
        """Show what other steps decided that this page depends on (hook)."""

    def show_problems(self, problems: Iterable[FieldProblem], *, touched_only: bool = False) -> None:
        rest = self.form.show_problems(problems, touched_only=touched_only)
        if not touched_only:
            self.set_error(
                "\n".join(p.zh for p in rest)
                or (QCoreApplication.translate("StepPage", "请按提示修改标红的项目。") if problems else "")
            )

    def show_warnings(self, warnings: Sequence[StepWarning], confirmed: Iterable[str] = ()) -> None:
        """List the warnings with a confirm box each (ticked ones are sent with the next save)."""
        while self.warning_layout.count():
            item = self.warning_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._warnings = {}
        done = set(confirmed)
        for w in warnings:
            text = QLabel(w.zh, self.warning_box)
            text.setProperty("role", "notice-warning")
            text.setWordWrap(True)
            box = QCheckBox(QCoreApplication.translate("StepPage", "已与客户核实，确认继续办理"), self.warning_box)
            box.setObjectName(f"confirm-{w.code}")
            box.setChecked(w.code in done)
            self.warning_layout.addWidget(text)
            self.warning_layout.addWidget(box)
            self._warnings[w.code] = box
        self.warning_box.setVisible(bool(warnings))

    def confirmed_codes(self) -> list[str]:
        return [code for code, box in self._warnings.items() if box.isChecked()]

    def confirm_all(self) -> None:
        for box in self._warnings.values():
            box.setChecked(True)

    def show_info(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))


class IdentityPage(StepPage):
    """身份核验: the fields, and "读卡" that fills them from the card on the reader."""

    sig_card_read = Signal(object)
    """A valid card was read and its data put into the fields (payload: the IdCard)."""
    sig_check_requested = Signal()
    """The clerk asked for the online identity check (联网核查) of the name and number typed."""

    def _build_body(self, body: QWidget, rules: AccountRules) -> None:
        self.reader_row = QWidget(body)
        row = QHBoxLayout(self.reader_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.photo = QLabel(self.reader_row)
        self.photo.setObjectName("cardPhoto")
        self.photo.setFixedSize(102, 126)
        self.photo.hide()
        self.card_status = QLabel(self.reader_row)
        self.card_status.setWordWrap(True)
        self.card_status.setProperty("role", "hint")
        self.card_status.setText(
            self.tr("有身份证阅读器时，请将证件放在阅读器上点“读卡”，信息自动填入，请与原件核对。")
        )
        row.addWidget(self.photo)
        row.addWidget(self.card_status, 1)
        self.check_button = QPushButton(self.tr("联网核查"), self.reader_row)
        self.check_button.setObjectName("identityCheckButton")
        self.check_button.setToolTip(self.tr("通过公司核查网关核对姓名与证件号码（公安部联网核查）"))
        self.check_button.clicked.connect(self.sig_check_requested)
        self.check_status = QLabel(self.reader_row)
        self.check_status.setObjectName("identityCheckStatus")
        row.addWidget(self.check_button)
        row.addWidget(self.check_status)
        self.body_layout.addWidget(self.reader_row)

    def show_check(self, status: str, text: str) -> None:
        """The online check's outcome: "consistent" green, "inconsistent" red, otherwise a hint."""
        self.check_button.setEnabled(True)
        self.check_status.setText(text)
        role = {"consistent": "notice-info", "inconsistent": "error"}.get(status, "notice-warning")
        self.check_status.setProperty("role", role)
        self.check_status.style().polish(self.check_status)

    def attach_reader(self, context: SessionContext) -> None:
        """Add the 读卡 button (the page itself has no session)."""
        from workstation.ui.idcard import ReadCardButton

        self.read_button = ReadCardButton(context, "identity", self.reader_row)
        self.read_button.sig_card_read.connect(self.fill_from_card)
        self.read_button.sig_failed.connect(self._read_failed)
        layout = self.reader_row.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(0, self.read_button)

    def fill_from_card(self, card: IdCard, expiring: bool) -> None:
        """Put what the card says into the fields (the clerk still compares it with the card)."""
        self.set_data({**self.data(), **card.wizard_fields()})
        if card.photo:
            picture = QPixmap()
            picture.loadFromData(card.photo)
            self.photo.setPixmap(picture.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))
            self.photo.show()
        else:
            self.photo.hide()
        text = self.tr("已读取证件：%1。请与原件及客户本人核对。").replace("%1", card.id_type.label)
        if expiring:
            assert card.valid_to is not None
            text += self.tr("证件将于 %1 到期，请提醒客户及时换领。").replace("%1", card.valid_to.isoformat())
        self.card_status.setText(text)
        self.card_status.setProperty("role", "notice-warning" if expiring else "notice-info")
        self.card_status.style().polish(self.card_status)
        self.sig_card_read.emit(card)
        self.sig_field_left.emit("id_number")

    def _read_failed(self, text: str) -> None:
        self.card_status.setText(text)
        self.card_status.setProperty("role", "error")
        self.card_status.style().polish(self.card_status)


class QuestionnairePage(StepPage):
    """风险承受能力评估: the questionnaire in force, one row of radio buttons per question."""

    def _build_body(self, body: QWidget, rules: AccountRules) -> None:
        self.groups: dict[str, QButtonGroup] = {}
        self.question_errors: dict[str, QLabel] = {}
        self.questions_frame = QWidget(body)
        self.questions_layout = QVBoxLayout(self.questions_frame)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.questions_frame)

    def set_questionnaire(self, definition: Mapping[str, Any]) -> None:
        for number, question in enumerate(definition.get("questions", []), start=1):
            code = str(question["code"])
            label = QLabel(f"{number}. {question['text']}", self.questions_frame)
            label.setProperty("role", "question")
            label.setWordWrap(True)
            row = QWidget(self.questions_frame)
            grid = QGridLayout(row)
            grid.setContentsMargins(16, 0, 0, 0)
            group = QButtonGroup(row)
            for i, option in enumerate(question["options"]):
                radio = QRadioButton(f"{option['code'].upper()}. {option['text']}", row)
                radio.setObjectName(f"answer-{code}-{option['code']}")
                radio.setProperty("code", option["code"])
                group.addButton(radio, i)
                grid.addWidget(radio, i // 4, i % 4)
            group.buttonClicked.connect(lambda _b, c=code: self._answered(c))
            error = QLabel(row)
            error.setProperty("role", "field-error")
            error.hide()
            self.questions_layout.addWidget(label)
            self.questions_layout.addWidget(row)
            self.questions_layout.addWidget(error)
            self.groups[code] = group
            self.question_errors[code] = error

    def _answered(self, code: str) -> None:
        self.question_errors[code].hide()

    def data(self) -> dict[str, Any]:
        data = self.form.data()
        answers = {}
        for code, group in self.groups.items():
            button = group.checkedButton()
            if button is not None:
                answers[code] = str(button.property("code"))
        data["answers"] = answers
        return data

    def set_data(self, data: Mapping[str, Any]) -> None:
        self.form.set_data(data)
        answers = data.get("answers") or {}
        for code, group in self.groups.items():
            for button in group.buttons():
                if button.property("code") == answers.get(code):
                    button.setChecked(True)

    def answer(self, code: str, option: str) -> None:
        """Choose ``option`` for question ``code`` (as a click would)."""
        for button in self.groups[code].buttons():
            if button.property("code") == option:
                button.click()

    def show_problems(self, problems: Iterable[FieldProblem], *, touched_only: bool = False) -> None:
        problems = list(problems)
        if not touched_only:
            for code, label in self.question_errors.items():
                text = "\n".join(p.zh for p in problems if p.field == f"answers.{code}")
                label.setText(text)
                label.setVisible(bool(text))
        others = [p for p in problems if not p.field.startswith("answers.")]
        super().show_problems(others, touched_only=touched_only)
        if not touched_only and problems and not others:
            self.set_error(self.tr("还有题目未作答，请逐题作答（标红处）。"))


class MatchPage(StepPage):
    """适当性匹配: shows the class the questionnaire gave."""

    def set_context(self, draft: DraftView) -> None:
        survey = draft.state(Step.QUESTIONNAIRE).data
        if survey.get("risk_class"):
            lowest = self.tr("（最低类别，只能接受 R1 级业务）") if survey.get("lowest_category") else ""
            text = self.tr("客户风险承受能力：%1，得分 %2，有效期至 %3%4")
            for i, value in enumerate((survey["risk_class"], survey.get("score", ""), survey.get("valid_until", ""),
                                       lowest), start=1):  # fmt: skip
                text = text.replace(f"%{i}", str(value))
            self.show_info(text)


class CustodyPage(StepPage):
    """三方存管: the card holder defaults to the client's name."""

    def set_context(self, draft: DraftView) -> None:
        name = draft.state(Step.IDENTITY).data.get("name", "")
        holder = self.form.editors["card_holder"]
        if name and not holder.get():
            holder.set(name)


def make_page(step: Step, rules: AccountRules, questionnaire: Mapping[str, Any], parent: QWidget) -> StepPage:
    """The page for ``step``."""
    page: StepPage
    if step is Step.IDENTITY:
        page = IdentityPage(step, rules, parent)
    elif step is Step.QUESTIONNAIRE:
        page = QuestionnairePage(step, rules, parent)
        page.set_questionnaire(questionnaire)
    elif step is Step.SUITABILITY_MATCH:
        page = MatchPage(step, rules, parent)
    elif step is Step.CUSTODY_BANK:
        page = CustodyPage(step, rules, parent)
    else:
        page = StepPage(step, rules, parent)
    page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    return page


def problem_fields(problems: Iterable[FieldProblem]) -> set[str]:
    return {base_field(p.field) for p in problems}

"""The hall's call display (叫号屏): a full-screen window for the TV in the waiting hall.

It shows the numbers being called now and to which counter, the last few calls, how many wait
on each line and the estimated wait, the branch's name, the time and a notice line — large
enough to read from ten metres, and never a client's name. It reads the branch's shared queue
(central when online, this PC's database otherwise) every half second off the GUI thread, and
hands every new call or recall to the :class:`~workstation.voice.Announcer` exactly once.

Started as its own process: ``workstation --hall [--screen N]`` (the reception PC's menu starts
it on the second monitor).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workstation.clock import local
from workstation.domain import ServiceLine
from workstation.services.hall import HallBoard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from workstation.store import Store
    from workstation.ui.errors import ErrorPresenter
    from workstation.ui.startup import OpenedDatabase
    from workstation.ui.tasks import TaskRunner
    from workstation.voice import Announcer

REFRESH_MS = 500
NOTICE = "请留意叫号屏幕与广播，过号请到前台重新取号。办理开户请携带本人有效身份证件。"


def read_board(store: Store, branch_id: uuid.UUID) -> HallBoard:
    """The board from the branch's shared queue (central when reachable, else this database)."""
    from workstation.services import hall, runtime

    return runtime.for_store(store).queue.read(lambda session: hall.board(session, branch_id))


def _label(text: str, size: int, role: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPixelSize(size)
    font.setBold(role in ("call", "title"))
    label.setFont(font)
    label.setProperty("hall", role)  # not "role": the app's theme styles those
    return label


class HallDisplay(QWidget):
    """The call display; ``sig_board_shown(board)`` after each refresh (tests wait on it)."""

    sig_board_shown = Signal(object)

    def __init__(
        self,
        store: Store,
        branch_id: uuid.UUID,
        tasks: TaskRunner,
        announcer: Announcer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hallDisplay")
        self.setWindowTitle(self.tr("叫号屏"))
        self.setStyleSheet(
            "#hallDisplay { background: #0b2545; } QLabel { color: #ffffff; }"
            " QLabel[hall='call'] { color: #ffd166; } QLabel[hall='dim'] { color: #a9c1dd; }"
            " QFrame#callCard { background: #13315c; border-radius: 12px; }"
        )
        self.store, self.branch_id, self.tasks, self.announcer = store, branch_id, tasks, announcer
        self._announced: set[str] | None = None  # None until the first board: old calls are not re-said
        self._busy = False
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(0, self.refresh)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        head = QHBoxLayout()
        self.branch_label = _label("", 44, "title", self)
        self.clock_label = _label("", 40, "dim", self)
        head.addWidget(self.branch_label, 1)
        head.addWidget(self.clock_label)
        outer.addLayout(head)
        outer.addWidget(_label(self.tr("正在叫号"), 36, "dim", self))
        self.calls_grid = QGridLayout()
        self.calls_grid.setSpacing(16)
        outer.addLayout(self.calls_grid, 3)
        self.empty_label = _label(self.tr("请稍候，柜台即将叫号"), 48, "dim", self)
        outer.addWidget(self.empty_label)
        body = QHBoxLayout()
        recent_box = QVBoxLayout()
        recent_box.addWidget(_label(self.tr("最近叫号"), 32, "dim", self))
        self.recent_label = _label("", 38, "text", self)
        self.recent_label.setWordWrap(True)
        recent_box.addWidget(self.recent_label, 1)
        lines_box = QVBoxLayout()
        lines_box.addWidget(_label(self.tr("等候人数 · 预计等候"), 32, "dim", self))
        self.line_labels: dict[ServiceLine, QLabel] = {}
        for line in ServiceLine:
            label = _label("", 36, "text", self)
            self.line_labels[line] = label
            lines_box.addWidget(label)
        body.addLayout(recent_box, 1)
        body.addLayout(lines_box, 1)
        outer.addLayout(body, 2)
        self.notice_label = _label(self.tr(NOTICE), 30, "dim", self)
        self.notice_label.setWordWrap(True)
        outer.addWidget(self.notice_label)

    # --- refresh ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        store, branch_id = self.store, self.branch_id
        self.tasks.run(lambda: read_board(store, branch_id), self.show_board, self._failed, owner=self)

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False  # the next tick tries again; the hall keeps the last board

    def show_board(self, board: HallBoard) -> None:
        self._busy = False
        self.branch_label.setText(board.branch_name)
        self.clock_label.setText(local(board.at).strftime("%H:%M"))
        while self.calls_grid.count():
            item = self.calls_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        for i, call in enumerate(board.calling[:6]):
            card = QFrame(self)
            card.setObjectName("callCard")
            layout = QVBoxLayout(card)
            layout.addWidget(_label(call.label, 96, "call", card))
            layout.addWidget(
                _label(self.tr("请到 %1 号窗口").replace("%1", str(call.counter_number)), 44, "text", card)
            )
            self.calls_grid.addWidget(card, i // 3, i % 3)
        self.empty_label.setVisible(not board.calling)
        recent = [f"{c.label} → {c.counter_number}号窗口" for c in board.recent]
        self.recent_label.setText("\n".join(recent) or "—")
        for load in board.lines:
            text = self.tr("%1 %2：%3 人等候").replace("%1", load.line.value).replace("%2", load.line.label)
            text = text.replace("%3", str(load.waiting))
            if load.waiting:
                text += self.tr("，约 %1 分钟").replace("%1", str(load.estimated_minutes))
            self.line_labels[load.line].setText(text)
        self._announce(board)
        self.sig_board_shown.emit(board)

    def _announce(self, board: HallBoard) -> None:
        keys = {c.call_key for c in board.recent} | {c.call_key for c in board.calling}
        if self._announced is None:
            self._announced = keys
            return
        fresh = [c for c in reversed(board.recent) if c.call_key not in self._announced]
        self._announced |= keys
        if self.announcer is not None:
            for call in fresh:
                self.announcer.announce(call.label, call.counter_number)


def run_hall(
    app: QApplication, tasks: TaskRunner, presenter: ErrorPresenter, target: str, *, demo: bool, screen: int | None
) -> int:
    """``workstation --hall``: open the database, show the display full screen, speak the calls."""
    from PySide6.QtCore import QEventLoop

    from workstation.ui.startup import open_database
    from workstation.voice import Announcer, espeak, system_player

    loop = QEventLoop()
    opened: list[OpenedDatabase] = []
    announcer = Announcer(system_player()) if espeak() else None

    def show(database: OpenedDatabase) -> None:
        opened.append(database)
        display = HallDisplay(database.store, database.identity.branch_id, tasks, announcer)
        screens = app.screens()
        if screen is not None and 0 <= screen < len(screens):
            display.setScreen(screens[screen])
            display.move(screens[screen].geometry().topLeft())
        display.showFullScreen()
        app.setQuitOnLastWindowClosed(True)
        app.lastWindowClosed.connect(lambda: loop.exit(0))

    def failed(exc: BaseException) -> None:
        presenter.show(exc, None)
        loop.exit(2)

    tasks.run(lambda: open_database(target, demo=demo), show, failed, writes=True)
    code = loop.exec()
    tasks.wait_for_done(5_000)
    if announcer is not None:
        announcer.close(5)
    for database in opened:
        database.store.dispose()
    return code

"""The hall's call display with a busy queue: it follows the calls within a second, announces each
call and recall once, shows the waits per line and never a client's name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from workstation.demo import DEMO_PASSWORD
from workstation.domain import ServiceLine
from workstation.models import Counter
from workstation.services import auth, queue, tickets
from workstation.ui.hall import REFRESH_MS, HallDisplay

WAIT = 10_000


class RecordingAnnouncer:
    def __init__(self) -> None:
        self.said: list[tuple[str, int]] = []

    def announce(self, label: str, counter_number: int) -> None:
        self.said.append((label, counter_number))


def test_the_display_follows_calls_and_announces_each_once(qtbot: Any, opened, tasks, tmp_path: Path) -> None:
    store, branch_id = opened.store, opened.identity.branch_id
    clerk = auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    reception = auth.login(store, branch_id, "R001", DEMO_PASSWORD, None)
    with store.write() as session:
        counter = session.scalars(
            sa.select(Counter).where(Counter.branch_id == branch_id, Counter.is_telesales.is_(False))
        ).first()
        assert counter is not None
        counter_id, number = counter.id, counter.number
        line = ServiceLine(counter.service_lines[0])
        for _ in range(6):
            tickets.issue_walk_in(session, reception, line, client_name="钱多多")
    announcer = RecordingAnnouncer()
    display = HallDisplay(store, branch_id, tasks, announcer)  # type: ignore[arg-type]
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    display.show()
    with qtbot.waitSignal(display.sig_board_shown, timeout=WAIT):
        pass
    assert announcer.said == [] and display.empty_label.isVisible()

    with store.write() as session:
        called = queue.call_next(session, clerk, counter_id)
    with qtbot.waitSignal(
        display.sig_board_shown, timeout=3 * REFRESH_MS, check_params_cb=lambda board: bool(board.calling)
    ):
        pass  # within a second or so of the call
    assert announcer.said == [(called.label, number)]
    labels = [w.text() for w in display.findChildren(type(display.empty_label))]
    assert called.label in labels and not display.empty_label.isVisible()
    assert all("钱多多" not in text for text in labels)
    assert "5 人等候" in display.line_labels[line].text() and "分钟" in display.line_labels[line].text()

    qtbot.wait(3 * REFRESH_MS)  # more refreshes: no second announcement of the same call
    assert len(announcer.said) == 1
    with store.write() as session:
        queue.recall(session, clerk, called.visit_id)
    qtbot.waitUntil(lambda: len(announcer.said) == 2, timeout=3 * REFRESH_MS)
    assert announcer.said[1] == (called.label, number)
    display.grab().save(str(tmp_path / "hall.png"))
    assert (tmp_path / "hall.png").stat().st_size > 10_000

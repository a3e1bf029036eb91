"""The task runner: work off the GUI thread, outcomes on it, writes one at a time."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QWidget

from workstation import errors
from workstation.ui.tasks import TaskRunner


def test_op_runs_on_a_worker_and_result_arrives_on_the_gui_thread(qtbot, tasks: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def op() -> int:
        seen["op_thread"] = threading.current_thread()
        return 42

    def on_success(result: int) -> None:
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    with qtbot.waitSignal(tasks.sig_busy_changed, timeout=15_000, check_params_cb=lambda busy: not busy):
        tasks.run(op, on_success)
    assert seen["result"] == 42
    assert seen["op_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert tasks.pending == 0


def test_exception_in_worker_is_delivered_as_failure(qtbot, tasks: TaskRunner) -> None:
    failures: list[BaseException] = []

    def op() -> None:
        raise errors.DatabaseLocked(path="x")

    tasks.run(op, lambda _r: pytest.fail("no success"), failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=15_000)
    assert isinstance(failures[0], errors.DatabaseLocked)
    assert failures[0].__traceback__ is not None


def test_failure_without_handler_goes_to_the_presenter(qtbot, tasks: TaskRunner, presenter) -> None:
    tasks.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(presenter.reports), timeout=15_000)
    assert presenter.reports[0].title == "意外错误"
    assert "已记录日志" in presenter.reports[0].text


def test_writes_are_serialised(qtbot, tasks: TaskRunner) -> None:
    lock = threading.Lock()
    running = 0
    peak = 0
    done: list[int] = []

    def write(n: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.03)
        with lock:
            running -= 1
        return n

    for n in range(5):
        tasks.run(lambda n=n: write(n), done.append, writes=True)
    qtbot.waitUntil(lambda: len(done) == 5, timeout=10_000)
    assert peak == 1
    assert done == [0, 1, 2, 3, 4]  # and in the order they were asked for


def test_reads_may_run_alongside(qtbot, tasks: TaskRunner) -> None:
    barrier = threading.Barrier(2, timeout=5)
    done: list[int] = []
    for n in range(2):
        tasks.run(lambda n=n: (barrier.wait(), n)[1], done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)


def test_callbacks_skipped_when_owner_is_gone(qtbot, tasks: TaskRunner) -> None:
    owner = QWidget()
    gate = threading.Event()
    called: list[object] = []
    tasks.run(lambda: gate.wait(5), called.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(20)
    gate.set()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=15_000)
    assert called == []


def test_page_figures_are_read_off_the_gui_thread(qtbot, supervisor_context, monkeypatch) -> None:
    from workstation.services import overview
    from workstation.ui.main_window import MainWindow
    from workstation.ui.pages import PageId

    threads: list[threading.Thread] = []
    real = overview.branch_overview

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(overview, "branch_overview", spy)
    window = MainWindow(supervisor_context, idle_lock_ms=600_000)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.pages[PageId.RECEPTION].sig_overview_loaded, timeout=10_000):
        window.show()
    assert threads and all(t is not threading.main_thread() for t in threads)

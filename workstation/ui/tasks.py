"""The one way the UI runs database (and other slow) work: off the GUI thread, results by signal.

Modelled on Anki's ``QueryOp`` and Picard's ``run_task``::

    tasks.run(lambda: overview.load(store, branch_id), on_success=self.show_figures)
    tasks.run(lambda: save(store, form), on_success=..., on_failure=..., writes=True)

- ``op`` runs on a worker thread and must not touch widgets; it opens its own session
  (``store.read()`` / ``store.write()``), never shares one or an ORM object across threads.
- ``on_success(result)`` / ``on_failure(exc)`` run later on the GUI thread; the result travels in
  the signal payload. Without ``on_failure`` the runner's failure handler (the error presenter)
  shows the error.
- Work with ``writes=True`` goes to a pool of one thread, so database writes are serialised.
- With ``owner`` given, the callbacks are skipped once that widget has been deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
SuccessHandler = Callable[[Any], None]
FailureHandler = Callable[[BaseException], object]

READ_THREADS = 2


class _Delivery(QObject):
    """Lives on the GUI thread; its slots hand a worker's outcome to the callbacks."""

    sig_succeeded = Signal(object)
    """Emitted by the worker with the op's return value."""
    sig_failed = Signal(object)
    """Emitted by the worker with the exception the op raised."""

    def __init__(
        self,
        runner: TaskRunner,
        on_success: SuccessHandler | None,
        on_failure: FailureHandler | None,
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._on_success = on_success
        self._on_failure = on_failure
        self._owner = owner
        self.sig_succeeded.connect(self._deliver_success)
        self.sig_failed.connect(self._deliver_failure)

    def _owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        try:
            if self._on_success is not None and not self._owner_gone():
                self._on_success(result)
        finally:
            self._runner._finished(self)

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        try:
            if self._owner_gone():
                log.info("task failed after its window closed: %r", exc)
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                self._runner.failure_handler(exc)
        finally:
            self._runner._finished(self)


class _Job(QRunnable):
    def __init__(self, op: Callable[[], object], delivery: _Delivery) -> None:
        super().__init__()
        self._op = op
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:  # delivered, not lost: the GUI thread decides what to show
            if not isinstance(exc, Exception):
                log.warning("task raised %r", exc)
            self._delivery.sig_failed.emit(exc)
        else:
            self._delivery.sig_succeeded.emit(result)


def _log_failure(exc: BaseException) -> None:
    log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))


class TaskRunner(QObject):
    """Runs ops on worker threads: reads on a small pool, writes on a pool of one."""

    sig_busy_changed = Signal(bool)
    """True when the first task starts, False when the last one has been delivered."""

    def __init__(self, parent: QObject | None = None, *, failure_handler: FailureHandler | None = None) -> None:
        super().__init__(parent)
        self.failure_handler: FailureHandler = failure_handler or _log_failure
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(READ_THREADS)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._pending: set[_Delivery] = set()

    def run(
        self,
        op: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: FailureHandler | None = None,
        *,
        writes: bool = False,
        owner: QObject | None = None,
    ) -> None:
        """Run ``op`` on a worker thread; call ``on_success(result)`` or ``on_failure(exc)`` on the GUI thread."""
        delivery = _Delivery(self, on_success, on_failure, owner)
        self._pending.add(delivery)  # keeps the receiver alive until it has delivered
        if len(self._pending) == 1:
            self.sig_busy_changed.emit(True)
        (self._writes if writes else self._reads).start(_Job(op, delivery))

    @property
    def pending(self) -> int:
        """How many tasks have not yet delivered their outcome."""
        return len(self._pending)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the worker threads are idle (at shutdown); outcomes are not delivered."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)

    def _finished(self, delivery: _Delivery) -> None:
        self._pending.discard(delivery)
        delivery.deleteLater()
        if not self._pending:
            self.sig_busy_changed.emit(False)

"""The daily retention run (workstation/services/retention.py) while the app is open.

A minute after the main window opens, then every hour, a background write task runs the
retention policy for this workstation's branch if it has not run in the last day. Failures are
logged, never shown: the next check tries again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

FIRST_RUN_MS = 60_000
CHECK_EVERY_MS = 3_600_000


class RetentionJob(QObject):
    def __init__(self, context: SessionContext, parent: QObject) -> None:
        super().__init__(parent)
        self.context = context
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        QTimer.singleShot(FIRST_RUN_MS, self, self.check)
        self.timer.start()

    def check(self) -> None:
        from workstation.services.retention import run_if_due

        store = self.context.store
        self.context.tasks.run(lambda: run_if_due(store), self._done, self._failed, writes=True, owner=self)

    def _done(self, result: object) -> None:
        if result is not None:
            log.info("retention run: %s", getattr(result, "as_dict", dict)())

    def _failed(self, exc: BaseException) -> None:
        log.warning("retention run failed: %r", exc)

    def stop(self) -> None:
        self.timer.stop()

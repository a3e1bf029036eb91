"""What every counter screen needs once a member of staff has logged in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.services.actor import Actor

if TYPE_CHECKING:
    from workstation.services.identity import Identity
    from workstation.services.runtime import Runtime
    from workstation.store import Store
    from workstation.ui.errors import ErrorPresenter
    from workstation.ui.tasks import TaskRunner


@dataclass(frozen=True)
class SessionContext:
    """The logged-in session: database, branch, staff member, task runner and error presenter.

    Passed explicitly to the main window and its pages; there is no global to reach for.
    """

    store: Store
    identity: Identity
    actor: Actor
    tasks: TaskRunner
    presenter: ErrorPresenter
    lang: str = "zh_CN"

    @property
    def runtime(self) -> Runtime:
        """The open workstation's runtime state: central link, branch queue, gift stock authorities."""
        from workstation.services import runtime

        return runtime.for_store(self.store)

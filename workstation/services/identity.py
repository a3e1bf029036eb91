"""Which branch this workstation belongs to, and its own identity."""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from workstation import __version__, errors
from workstation.ids import new_id
from workstation.models import Branch, SyncState, Workstation

IDENTITY_KEY = "identity"


@dataclass(frozen=True)
class Identity:
    branch_id: uuid.UUID
    branch_code: str
    branch_name: str
    workstation_id: uuid.UUID
    workstation_name: str


def current_identity(session: Session) -> Identity | None:
    """This workstation's branch and id, or None if it was never set up."""
    state = session.get(SyncState, IDENTITY_KEY)
    if state is None:
        return None
    branch = session.get(Branch, uuid.UUID(state.value["branch_id"]))
    workstation = session.get(Workstation, uuid.UUID(state.value["workstation_id"]))
    if branch is None or workstation is None:
        return None
    return Identity(branch.id, branch.code, branch.name, workstation.id, workstation.name)


def require_identity(session: Session) -> Identity:
    identity = current_identity(session)
    if identity is None:
        raise errors.NotFound(what="本工作站的营业部设置（请先运行 workstation-cli demo 或与中心同步）")
    return identity


def register_workstation(
    session: Session,
    branch: Branch,
    name: str,
    hostname: str | None = None,
    *,
    workstation_id: uuid.UUID | None = None,
    number: int | None = None,
) -> Identity:
    """Make this database the workstation ``name`` of ``branch`` (replacing any earlier identity).

    ``number``: the short number within the branch, normally given later by the central database
    (:func:`workstation.sync.link.ensure_number`); a stand-alone workstation has none.
    """
    workstation = Workstation(
        id=workstation_id or new_id(),
        branch_id=branch.id,
        name=name,
        hostname=hostname or socket.gethostname(),
        number=number,
        app_version=__version__,
    )
    session.add(workstation)
    session.flush()
    state = session.get(SyncState, IDENTITY_KEY) or SyncState(key=IDENTITY_KEY)
    state.value = {"branch_id": branch.id.hex, "workstation_id": workstation.id.hex}
    session.add(state)
    return Identity(branch.id, branch.code, branch.name, workstation.id, workstation.name)

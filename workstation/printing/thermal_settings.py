"""This workstation's slip printer: kept in the local database (``sync_state`` row :data:`KEY`).

Per workstation, not per Windows user (like the central settings, :mod:`workstation.sync.settings`):
the printer is cabled to the PC. :func:`print_slip` is what the ticket and gift screens call (on a
worker thread): encode, send, and say where it went.
"""

from __future__ import annotations

from workstation.domain import Role
from workstation.models import SyncState
from workstation.printing.thermal import Slip, SlipMode, ThermalTarget, encode, send
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.store import Store

KEY = "thermal_printer"
MANAGERS = (Role.SUPERVISOR, Role.ADMIN)


def load_target(store: Store) -> tuple[ThermalTarget, SlipMode]:
    """The configured slip printer and Chinese mode (``none``/``auto`` before any was saved)."""
    with store.read() as session:
        state = session.get(SyncState, KEY)
        value = dict(state.value) if state else {}
    try:
        return ThermalTarget.parse(str(value.get("target", "none"))), SlipMode(value.get("mode", "auto"))
    except ValueError:
        return ThermalTarget(), SlipMode.AUTO


def save_target(store: Store, actor: Actor | None, target: str, mode: str = "auto") -> ThermalTarget:
    """Validate and save the slip printer (``actor`` None: the command line, run by the PC's admin).

    Raises:
        ThermalTargetInvalid: ``target`` is not a printer address. PermissionDenied: not a manager.
    """
    if actor is not None:
        actor.require(MANAGERS, "设置小票打印机")
    parsed, chosen = ThermalTarget.parse(target), SlipMode(mode)
    with store.write() as session:
        state = session.get(SyncState, KEY) or SyncState(key=KEY, value={})
        state.value = {"target": str(parsed), "mode": chosen.value}
        session.add(state)
        if actor is not None:
            audit.record(session, actor, "print.thermal_settings", entity="sync_state", target=str(parsed))
    return parsed


def print_slip(store: Store, slip: Slip, *, title: str) -> str:
    """Print ``slip`` on this workstation's slip printer; returns the job reference.

    Raises:
        ThermalNotConfigured: no slip printer set (the caller falls back to the A4/A5 printer).
        ThermalUnreachable, PrintError: the printer or queue did not take it.
    """
    target, mode = load_target(store)
    return send(encode(slip, mode), target, title=title)

"""The client page's data-subject actions (issue 17): supervisor only, in the background, audited."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import sqlalchemy as sa

from tests import records
from tests.ui.conftest import make_context
from workstation.models import AuditEvent, Client
from workstation.services import retention
from workstation.ui.accounts.client import ClientDialog

WAIT = 10_000
ID_NUMBER = "11010519491231002X"


def add_prospect(context) -> object:  # type: ignore[no-untyped-def]
    with context.store.write() as session:
        branch = session.get(records.Branch, context.actor.branch_id)
        return records.client(session, branch, id_number=ID_NUMBER, mobile="13912345678").id


def test_a_supervisor_exports_and_records_a_withdrawal(qtbot, supervisor_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client_id = add_prospect(supervisor_context)
    dialog = ClientDialog(supervisor_context, client_id)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=WAIT):
        pass
    assert dialog.export_button.isVisibleTo(dialog) and dialog.withdraw_button.isVisibleTo(dialog)
    target = tmp_path / "client.json"
    with qtbot.waitSignal(dialog.sig_privacy_done, timeout=WAIT):
        dialog.export_to(str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["client"]["id_number"] == ID_NUMBER
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "已导出" in dialog.privacy_label.text()
    with qtbot.waitSignal(dialog.sig_privacy_done, timeout=WAIT):
        dialog.withdraw("不再需要")
    assert "匿名化" in dialog.privacy_label.text()
    with supervisor_context.store.read() as session:
        client = session.get(Client, client_id)
        assert client is not None and client.name == retention.ANONYMISED
        actions = set(session.scalars(sa.select(AuditEvent.action).where(AuditEvent.entity_id == client_id)))
        assert {"client.data_export", "client.consent_withdrawn"} <= actions


def test_a_clerk_does_not_see_the_actions(qtbot, opened, tasks, presenter) -> None:  # type: ignore[no-untyped-def]
    context = make_context(opened, tasks, presenter, "C001")
    client_id = add_prospect(context)
    dialog = ClientDialog(context, client_id)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=WAIT):
        pass
    assert not dialog.export_button.isVisibleTo(dialog) and not dialog.withdraw_button.isVisibleTo(dialog)


def test_the_main_window_checks_retention_in_the_background(qtbot, supervisor_context) -> None:  # type: ignore[no-untyped-def]
    from workstation.ui.retention_job import RetentionJob

    parent = ClientDialog(supervisor_context, add_prospect(supervisor_context))  # type: ignore[arg-type]
    qtbot.addWidget(parent)
    job = RetentionJob(supervisor_context, parent)
    job.check()
    supervisor_context.tasks.wait_for_done(WAIT)
    with supervisor_context.store.read() as session:
        assert session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "retention.run")).first() is not None
    job.stop()

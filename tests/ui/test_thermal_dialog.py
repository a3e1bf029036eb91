"""小票打印机设置: pick, save, test-print (to a device file: no hardware here); clerks may not."""

from __future__ import annotations

from pathlib import Path

from workstation.printing import thermal, thermal_settings
from workstation.ui.main_window import MainWindow, ShellAction
from workstation.ui.printing.thermal_dialog import ThermalPrinterDialog

from .conftest import make_context


def test_a_supervisor_sets_and_tests_the_slip_printer(qtbot, supervisor_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ThermalPrinterDialog(supervisor_context)
    qtbot.addWidget(dialog)
    assert dialog.kind_combo.currentData() == "none" and not dialog.address_edit.isEnabled()
    out = tmp_path / "lp0"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("file"))
    dialog.address_edit.setText(str(out))
    with qtbot.waitSignal(dialog.sig_tested, timeout=10_000):
        dialog.test_button.click()
    assert out.read_bytes() == thermal.sample_bytes()
    with qtbot.waitSignal(dialog.sig_saved, timeout=10_000) as blocker:
        dialog.save()
    assert str(blocker.args[0]) == f"file:{out}"
    assert thermal_settings.load_target(supervisor_context.store)[0] == thermal.ThermalTarget("file", str(out))


def test_a_bad_address_is_explained_not_saved(qtbot, supervisor_context) -> None:  # type: ignore[no-untyped-def]
    dialog = ThermalPrinterDialog(supervisor_context)
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("usb"))
    dialog.address_edit.setText("printer")
    dialog.save()
    qtbot.waitUntil(lambda: "小票打印机地址无效" in dialog.outcome_label.text(), timeout=10_000)
    assert thermal_settings.load_target(supervisor_context.store)[0].kind == "none"


def test_a_clerk_may_not_open_it(qtbot, opened, tasks, presenter) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_context(opened, tasks, presenter, "C001"), idle_lock_ms=600_000)
    qtbot.addWidget(window)
    window.actions_by_id[ShellAction.SLIP_PRINTER].trigger()
    assert presenter.reports and "设置小票打印机" in presenter.reports[-1].text

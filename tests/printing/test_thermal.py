"""The 80 mm ESC/POS slip printer: bytes asserted through python-escpos, a TCP printer, a CUPS raw queue.

The printer itself is hardware and cannot run here: a local TCP listener stands in for a network
slip printer (it receives exactly what a JetDirect port 9100 printer would), and a real CUPS raw
queue (``socket://`` backend to that listener) carries a job through the scheduler.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dbfiles import copy_db
from workstation.printing import spool, thermal, thermal_settings
from workstation.store import Store

GS_4X = b"\x1d\x21\x33"  # GS ! n: width 4, height 4
QR_STORE = b"\x1d(k"  # GS ( k: native 2D code
CUT = b"\x1dV"


def ticket(label: str = "A015", branch: str = "上海浦东营业部") -> thermal.Slip:
    return thermal.ticket_slip(branch, label, "普通业务", "2026-12-03 09:30", 3, qr=f"visit:{label}")


def test_a_ticket_is_chinese_text_in_gb18030_with_a_large_number_and_a_qr_code() -> None:
    data = thermal.encode(ticket())
    assert data.startswith(thermal.INIT)
    assert thermal.CHINESE_ON in data and "上海浦东营业部".encode("gb18030") in data
    assert GS_4X + b"\x1b\x45\x01\x1b\x61\x01" + b"A015\n" in data  # 4x, bold, centred
    assert "您前面还有 3 位客户等候".encode("gb18030") in data
    qr = data.index(QR_STORE)
    assert b"1P0visit:A015" in data[qr:]  # GS ( k … cn=1 fn=80 (store) m=0 data
    assert data.rstrip(b"\x00").endswith(CUT + b"\x00") or CUT in data[-8:]
    assert "上海".encode() not in data  # never UTF-8 on the wire


def test_a_name_outside_the_printer_font_prints_the_slip_as_a_raster_image() -> None:
    slip = ticket(branch="欧阳䶮营业部")
    assert thermal.choose_mode(slip) is thermal.SlipMode.RASTER
    data = thermal.encode(slip)
    width_bytes = (thermal.PAPER_DOTS // 8).to_bytes(2, "little")
    assert b"\x1dv0\x00" + width_bytes in data  # GS v 0: raster, 72 bytes (576 dots) a row
    assert thermal.CHINESE_ON not in data and QR_STORE in data
    image = thermal.render_raster(slip)
    assert image.size[0] == thermal.PAPER_DOTS and image.getbbox() is not None  # something drawn


def test_modes_can_be_forced() -> None:
    assert thermal.choose_mode(ticket(), thermal.SlipMode.RASTER) is thermal.SlipMode.RASTER
    assert b"\x1dv0" in thermal.encode(ticket(), thermal.SlipMode.RASTER)
    assert b"\x1dv0" not in thermal.encode(ticket(), thermal.SlipMode.TEXT)


def test_the_gift_receipt_slip_carries_the_masked_id_and_the_document_number() -> None:
    data = {
        "branch": "上海浦东营业部", "campaign": "开户有礼", "client_name": "张三",
        "id_number": "110101********1234", "items": [{"name": "保温杯", "spec": "500ml", "quantity": 1}],
        "issuer": "李四（C001）", "reviewer": "王五（R001）", "issued_at": "2026-12-03 10:00",
    }  # fmt: skip
    out = thermal.encode(thermal.gift_receipt_slip(data, "LP-20261203-010001"))
    assert "礼品领取凭条".encode("gb18030") in out and "110101********1234".encode("gb18030") in out
    assert "客户签名".encode("gb18030") in out and b"LP-20261203-010001" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("none", "none"),
        ("", "none"),
        ("network:10.0.0.5", "network:10.0.0.5:9100"),
        ("NETWORK:10.0.0.5:9101", "network:10.0.0.5:9101"),
        ("serial:COM3", "serial:COM3:9600"),
        ("serial:/dev/ttyUSB0:19200", "serial:/dev/ttyUSB0:19200"),
        ("usb:0416:5011", "usb:0416:5011"),
        ("queue:Ticket", "queue:Ticket"),
        ("file:/dev/usb/lp0", "file:/dev/usb/lp0"),
    ],
)
def test_targets_parse(text: str, expected: str) -> None:
    assert str(thermal.ThermalTarget.parse(text)) == expected


@pytest.mark.parametrize("text", ["bluetooth:x", "network:", "usb:zz:11", "usb:0416"])
def test_bad_targets_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(thermal.ThermalTargetInvalid, match="小票打印机地址无效"):
        thermal.ThermalTarget.parse(text)


def test_none_is_not_a_printer() -> None:
    with pytest.raises(thermal.ThermalNotConfigured, match="未配置小票打印机"):
        thermal.send(b"x", thermal.ThermalTarget())


def test_a_file_target_gets_exactly_the_bytes(tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    data = thermal.encode(ticket())
    assert thermal.send(data, thermal.ThermalTarget.parse(f"file:{out}")) == f"file:{out}"
    assert out.read_bytes() == data


class Listener:
    """A one-connection TCP printer on 127.0.0.1: records what it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(30)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        chunks = []
        with conn:
            conn.settimeout(30)
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        self.received.append(b"".join(chunks))
        self.done.set()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def test_a_network_printer_receives_the_slip(listener: Listener) -> None:
    data = thermal.encode(ticket())
    thermal.send(data, thermal.ThermalTarget.parse(f"network:127.0.0.1:{listener.port}"))
    assert listener.done.wait(10) and listener.received == [data]


def test_an_unreachable_printer_is_explained() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(thermal.ThermalUnreachable, match=r"无法连接.*检查电源"):
        thermal.send(b"x", thermal.ThermalTarget.parse(f"network:127.0.0.1:{port}"))


def test_settings_are_per_workstation_and_drive_print_slip(sqlite_store: Store, tmp_path: Path) -> None:
    assert thermal_settings.load_target(sqlite_store) == (thermal.ThermalTarget(), thermal.SlipMode.AUTO)
    with pytest.raises(thermal.ThermalNotConfigured):
        thermal_settings.print_slip(sqlite_store, ticket(), title="t")
    out = tmp_path / "slip.bin"
    thermal_settings.save_target(sqlite_store, None, f"file:{out}", "raster")
    assert thermal_settings.load_target(sqlite_store)[1] is thermal.SlipMode.RASTER
    thermal_settings.print_slip(sqlite_store, ticket(), title="t")
    assert out.read_bytes() == thermal.encode(ticket(), thermal.SlipMode.RASTER)


def test_cli_sets_shows_and_tests(tmp_path: Path, sqlite_template: Path) -> None:
    db = tmp_path / "ws.db"
    copy_db(sqlite_template, db)
    out = tmp_path / "slip.bin"
    cli = [str(Path(sys.executable).with_name("workstation-cli")), "--db", str(db), "thermal"]
    said = subprocess.run([*cli, "set", f"file:{out}"], capture_output=True, text=True, check=True).stdout
    assert f"file:{out}" in said
    assert f"file:{out}" in subprocess.run([*cli, "show"], capture_output=True, text=True, check=True).stdout
    subprocess.run([*cli, "test"], capture_output=True, text=True, check=True)
    assert out.read_bytes() == thermal.sample_bytes()
    bad = subprocess.run([*cli, "set", "bluetooth:1"], capture_output=True, text=True)
    assert bad.returncode == 2 and "小票打印机地址无效" in bad.stderr


# --- a CUPS raw queue ----------------------------------------------------------------------------


@pytest.fixture
def raw_queue(listener: Listener) -> Iterator[str]:
    """A raw CUPS queue ``cw-test-…`` whose ``socket://`` backend is the listener."""
    backend = spool.CupsBackend()
    problem = ""
    if shutil.which("lpadmin") is None or shutil.which("lp") is None:
        problem = "CUPS (lpadmin, lp) not installed"
    elif not backend.scheduler_running():
        problem = "the CUPS scheduler is not running"
    if problem:
        if os.environ.get("WORKSTATION_REQUIRE_CUPS"):
            pytest.fail(problem)
        pytest.skip(problem)
    name = f"cw-test-slip-{uuid.uuid4().hex[:8]}"
    made = subprocess.run(
        ["lpadmin", "-p", name, "-E", "-v", f"socket://127.0.0.1:{listener.port}", "-m", "raw"],
        capture_output=True, text=True,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.fail(f"lpadmin could not add a raw queue: {made.stderr}")
    yield name
    subprocess.run(["lpadmin", "-x", name], capture_output=True)


def test_a_cups_raw_queue_passes_the_bytes_unfiltered(raw_queue: str, listener: Listener) -> None:
    data = thermal.encode(ticket())
    job_ref = thermal.send(data, thermal.ThermalTarget.parse(f"queue:{raw_queue}"), title="号票 A015")
    assert job_ref.startswith(f"{raw_queue}-")
    assert listener.done.wait(30), "the raw queue never delivered the job"
    assert listener.received == [data]
    assert spool.CupsBackend().wait(job_ref, 30).state is spool.JobState.COMPLETED


def test_a_walk_in_ticket_goes_straight_to_the_slip_printer(sqlite_store: Store, tmp_path: Path) -> None:
    from tests import records
    from workstation.domain import Role, ServiceLine
    from workstation.services import tickets
    from workstation.services.actor import Actor

    with sqlite_store.write() as session:
        branch = records.branch(session)
        staff = records.staff(session, branch, roles=["reception"])
        actor = Actor(staff.id, staff.staff_no, staff.name, frozenset({Role.RECEPTION}), branch.id)
        issued = tickets.issue_walk_in(session, actor, ServiceLine.NEW_ACCOUNT, client_name="欧阳娜娜")
        branch_name = branch.name
    assert not thermal_settings.configured(sqlite_store)
    out = tmp_path / "lp0"
    thermal_settings.save_target(sqlite_store, None, f"file:{out}")
    assert thermal_settings.configured(sqlite_store)
    thermal_settings.print_ticket(sqlite_store, issued)
    data = out.read_bytes()
    assert GS_4X + b"\x1b\x45\x01\x1b\x61\x01" + issued.label.encode() + b"\n" in data
    assert branch_name.encode("gb18030") in data and "新开户".encode("gb18030") in data
    assert f"ticket:{issued.label}:{issued.visit_id.hex}".encode() in data

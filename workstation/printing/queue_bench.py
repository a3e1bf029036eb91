"""Print-to-queue timings for ``workstation-cli bench`` (issue 16), used by :mod:`printing.bench`.

From "print" (the PDF or slip already rendered) to the job accepted by the queue:

- ``print.package_to_cups``: the account package, vector PDF through ``lp`` to the cups-pdf queue
  (baseline: a bare one-page PDF the same way);
- ``print.package_to_qt``: the same package through Qt (QtPdf pages onto a QPrinter, 300 dpi), in a
  subprocess since the core has no Qt;
- ``print.ticket_to_network``: a queue ticket's ESC/POS bytes to a network slip printer (a local TCP
  listener stands in for one), encoding included;
- ``print.ticket_to_cups_raw``: the same through a CUPS raw queue to that listener (root only: it
  adds and removes a ``cw-bench-…`` queue).

The queue is ``PDF`` unless ``WORKSTATION_BENCH_QUEUE`` names another; cups-pdf's files are removed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from workstation import errors
from workstation.printing import spool, thermal

TARGET_MS = {
    "package_to_cups": 1000.0,
    "package_to_qt": 5000.0,
    "ticket_to_network": 200.0,
    "ticket_to_cups_raw": 1000.0,
}
_QT_SCRIPT = """
import json, sys, time
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from workstation.printing import render
from workstation.ui.printing.qt_print import QtPrintBackend
pdf = render.render_account_opening_package(render.sample_package())
backend = QtPrintBackend()
t = time.perf_counter()
ref = backend.submit(pdf, sys.argv[1], title="bench-qt-package")
print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "ref": ref}))
"""


def _metric(name: str, value: float | None, baseline: float | None = None, **extra: Any) -> dict[str, Any]:
    target = TARGET_MS[name]
    return {
        "name": f"print.{name}",
        "value": None if value is None else round(value, 1),
        "unit": "ms",
        "baseline": None if baseline is None else round(baseline, 1),
        "ratio": round(value / baseline, 1) if value is not None and baseline else None,
        "target": target,
        "ok": value is not None and value <= target,
        **extra,
    }


def _forget(backend: spool.CupsBackend, job_ref: str) -> None:
    """Wait for a cups-pdf job and delete what it wrote (the bench leaves nothing behind)."""
    if not job_ref.startswith("PDF-"):
        return
    backend.wait(job_ref, 30)
    number = job_ref.rsplit("-", 1)[1]
    for folder in (Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")):
        for path in folder.glob(f"*-job_{number}.pdf") if folder.is_dir() else ():
            path.unlink(missing_ok=True)


class _Sink:
    """A TCP "slip printer" on 127.0.0.1 that swallows every connection."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                while conn.recv(65536):
                    pass

    def close(self) -> None:
        self.sock.close()


def metrics() -> list[dict[str, Any]]:
    from reportlab.pdfgen.canvas import Canvas

    from workstation.printing import render

    queue = os.environ.get("WORKSTATION_BENCH_QUEUE", "PDF")
    cups = spool.CupsBackend()
    out: list[dict[str, Any]] = []
    sink = _Sink()
    try:
        slip = thermal.ticket_slip("示例营业部", "A015", "普通业务", "2026-12-03 09:30", 3, qr="A015")
        thermal.encode(slip)  # warm: python-escpos and its printer profiles load once per process
        started = time.perf_counter()
        thermal.send(thermal.encode(slip), thermal.ThermalTarget("network", "127.0.0.1", sink.port))
        out.append(_metric("ticket_to_network", (time.perf_counter() - started) * 1000))
        try:
            queues = {p.name for p in cups.printers()}
        except Exception as exc:  # no CUPS here: say so in the metrics
            return [*out, _metric("package_to_cups", None, error=str(exc))]
        if queue not in queues:
            return [*out, _metric("package_to_cups", None, error=f"no queue {queue}")]
        import io

        bare = io.BytesIO()
        canvas = Canvas(bare, invariant=1)
        canvas.drawString(72, 720, "baseline")
        canvas.showPage()
        canvas.save()
        started = time.perf_counter()
        bare_ref = cups.submit(bare.getvalue(), queue, title="bench-bare")
        bare_ms = (time.perf_counter() - started) * 1000
        package = render.render_account_opening_package(render.sample_package())
        started = time.perf_counter()
        ref = cups.submit(package, queue, title="bench-package")
        out.append(_metric("package_to_cups", (time.perf_counter() - started) * 1000, bare_ms, pages=5))
        env = dict(os.environ)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")  # printing needs no screen
        qt = subprocess.run(
            [sys.executable, "-c", _QT_SCRIPT, queue], capture_output=True, text=True, timeout=120, env=env
        )
        if qt.returncode == 0:
            result = json.loads(qt.stdout.strip().splitlines()[-1])
            out.append(_metric("package_to_qt", result["ms"], bare_ms, pages=5))
            _forget(cups, result["ref"])
        else:
            out.append(_metric("package_to_qt", None, error=qt.stderr.strip()[-200:]))
        for job in (bare_ref, ref):
            _forget(cups, job)
        out.append(_raw_queue(cups, slip, sink.port))
    finally:
        sink.close()
    return out


def _raw_queue(cups: spool.CupsBackend, slip: thermal.Slip, port: int) -> dict[str, Any]:
    name = f"cw-bench-{uuid.uuid4().hex[:8]}"
    made = subprocess.run(
        ["lpadmin", "-p", name, "-E", "-v", f"socket://127.0.0.1:{port}", "-m", "raw"], capture_output=True, text=True
    )
    if made.returncode != 0:
        return _metric("ticket_to_cups_raw", None, error=(made.stderr or "lpadmin failed").strip()[:200])
    try:
        started = time.perf_counter()
        ref = cups.submit_raw(thermal.encode(slip), name, title="bench-ticket")
        value = (time.perf_counter() - started) * 1000
        cups.wait(ref, 30)
        return _metric("ticket_to_cups_raw", value)
    except errors.PrintError as exc:
        return _metric("ticket_to_cups_raw", None, error=exc.message())
    finally:
        subprocess.run(["lpadmin", "-x", name], capture_output=True)

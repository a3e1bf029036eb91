"""Printer dispatch: list the system's printers, send a PDF to one, and follow the job.

Services talk to a :class:`PrintBackend`; :class:`CupsBackend` is the Linux/macOS one and drives
the CUPS command-line clients (``lp``, ``lpstat``) through :mod:`subprocess`, which avoids
``pycups`` (sdist only, needs a compiler and ``libcups2-dev``). A Windows backend (QtPdf →
``QPrinter`` from the UI layer, or ``win32print`` for PDF-capable printers) can be added behind
the same interface; :func:`default_backend` picks one for the running system.

The CUPS clients run under ``LC_ALL=C.UTF-8`` so their replies ("request id is PDF-12 …") are
parsed in one language whatever the clerk's locale is. Every call has a timeout, so a hung
scheduler never blocks a worker thread for ever. Failures raise a
:class:`~workstation.errors.PrintError` with a Chinese message a clerk can act on.
"""

from __future__ import annotations

import enum
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from workstation import errors

MAX_COPIES = 20
"""More copies than any counter form needs; a typo such as 100 would waste a ream."""
COMMAND_TIMEOUT = 15.0
"""Seconds one ``lp``/``lpstat`` call may take before the scheduler counts as not answering."""
_PRINTER_NAME = re.compile(r"[^\s/#\\\x00-\x1f\x7f]{1,127}")
"""CUPS destination names: printable, no space, slash, hash or backslash (RFC 8011 §5.4.7 + CUPS)."""
_REQUEST_ID = re.compile(r"request id is (\S+-\d+)")
ONLY_TO_ENV = "WORKSTATION_PRINT_ONLY_TO"
"""Comma-separated queue names or patterns (``PDF,cw-test-*``): when set, every other queue is
refused before anything is spooled. The test suite sets it (tests/conftest.py) so no test, and no
process a test starts, can reach a real printer; a branch PC never sets it."""


class JobState(enum.StrEnum):
    """Where a spooled job is, as far as the spooler can tell."""

    PENDING = "pending"  # queued, held or printing
    COMPLETED = "completed"
    FAILED = "failed"  # aborted by the system (filter or backend error)
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"  # no longer listed (history purged) or never seen


@dataclass(frozen=True)
class PrinterInfo:
    """A print queue as a printer picker shows it."""

    name: str
    is_default: bool = False
    enabled: bool = True
    state: str = ""
    """The spooler's own words, e.g. "idle" or "disabled since … - Paused"."""


@dataclass(frozen=True)
class JobStatus:
    """The state of a job and, when it is stuck or failed, why (spooler's words)."""

    job_ref: str
    state: JobState
    detail: str = ""


class PrintBackend(Protocol):
    """What the document services need from a printing system."""

    name: str

    def printers(self) -> list[PrinterInfo]:
        """Every print queue, the default one flagged. Raises :class:`PrintError` subclasses."""
        ...

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        """Spool ``pdf`` on ``printer``; returns the spooler's job reference (e.g. ``"PDF-12"``)."""
        ...

    def status(self, job_ref: str) -> JobStatus:
        """The current state of a job submitted by :meth:`submit`."""
        ...

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> JobStatus:
        """Poll until the job leaves the queue or ``timeout`` seconds pass (then ``PENDING``)."""
        ...


def check_printer_name(printer: str) -> str:
    """``printer`` if it can be a queue name; raises :class:`~workstation.errors.PrinterNotFound`."""
    if not isinstance(printer, str) or not _PRINTER_NAME.fullmatch(printer) or printer.startswith("-"):
        raise errors.PrinterNotFound(printer=str(printer)[:60])
    return printer


def check_allowed(printer: str) -> str:
    """``printer`` unless :data:`ONLY_TO_ENV` is set and does not list it (then PrinterRefused)."""
    allowed = os.environ.get(ONLY_TO_ENV)
    if allowed is not None and not any(
        fnmatch.fnmatchcase(printer, p.strip()) for p in allowed.split(",") if p.strip()
    ):
        raise errors.PrinterRefused(printer=printer, detail=f"{ONLY_TO_ENV}={allowed} 不含此打印机")
    return printer


def check_copies(copies: int) -> int:
    """``copies`` if it is between 1 and :data:`MAX_COPIES`; raises :class:`~workstation.errors.PrintCopiesInvalid`."""
    if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= MAX_COPIES:
        raise errors.PrintCopiesInvalid(copies=copies, maximum=MAX_COPIES)
    return copies


@dataclass
class CupsBackend:
    """CUPS through ``lp`` and ``lpstat``.

    ``server`` sets ``CUPS_SERVER`` for the clients (a socket path or ``host:port``); ``None``
    uses the system's (``/etc/cups/client.conf``, normally the local scheduler).
    """

    server: str | None = None
    timeout: float = COMMAND_TIMEOUT
    name: str = "cups"

    # --- running the clients --------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["LC_ALL"] = "C.UTF-8"
        env.pop("LANGUAGE", None)
        if self.server is not None:
            env["CUPS_SERVER"] = self.server
        return env

    def _run(self, args: Sequence[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        command = args[0]
        exe = shutil.which(command)
        if exe is None:
            raise errors.PrintCommandMissing(command=command)
        try:
            return subprocess.run(
                [exe, *args[1:]], input=stdin, capture_output=True, env=self._env(), timeout=self.timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise errors.PrintSystemUnavailable(detail=f"{command} 在 {self.timeout:g} 秒内无响应") from None
        except OSError as exc:
            raise errors.PrintCommandMissing(command=f"{command}（{exc.strerror}）") from None

    def scheduler_running(self) -> bool:
        """Whether the CUPS scheduler answers (``lpstat -r``)."""
        result = self._run(["lpstat", "-r"])
        return result.returncode == 0 and "not running" not in _text(result.stdout)

    def _require_scheduler(self) -> None:
        if not self.scheduler_running():
            raise errors.PrintSystemUnavailable(detail="CUPS 打印服务（cupsd）未运行")

    # --- printers -------------------------------------------------------------------------------

    def printers(self) -> list[PrinterInfo]:
        """Queues from ``lpstat -p -d``, default first then by name.

        Raises:
            PrintCommandMissing: ``lpstat`` is not installed.
            PrintSystemUnavailable: the scheduler is not running or does not answer.
        """
        self._require_scheduler()
        result = self._run(["lpstat", "-p", "-d"])
        return parse_printers(_text(result.stdout))

    def default_printer(self) -> str | None:
        """The system default queue, or ``None`` when there is none."""
        for printer in self.printers():
            if printer.is_default:
                return printer.name
        return None

    # --- jobs -----------------------------------------------------------------------------------

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        """Send ``pdf`` to ``printer`` with ``lp`` (the PDF goes through standard input).

        Raises:
            PrintCommandMissing: ``lp`` is not installed.
            PrintSystemUnavailable: the scheduler is not running or does not answer.
            PrinterNotFound: no queue of that name.
            PrinterRefused: the queue does not accept jobs (``cupsreject``) or ``lp`` failed otherwise.
        """
        check_printer_name(printer)
        check_copies(copies)
        if not pdf.startswith(b"%PDF-"):
            raise ValueError("not a PDF")
        args = ["lp", "-d", printer, "-t", _job_title(title), "-n", str(copies)]
        if media:
            args += ["-o", f"media={media}"]
        return self._lp(args, pdf, printer)

    def submit_raw(self, data: bytes, printer: str, *, title: str) -> str:
        """Send printer-ready bytes (ESC/POS for a slip printer) unfiltered: ``lp -o raw``.

        Raises the same errors as :meth:`submit`.
        """
        check_printer_name(printer)
        return self._lp(["lp", "-d", printer, "-t", _job_title(title), "-o", "raw"], data, printer)

    def _lp(self, args: list[str], data: bytes, printer: str) -> str:
        check_allowed(printer)
        result = self._run(args, stdin=data)
        out, err = _text(result.stdout), _text(result.stderr)
        if result.returncode == 0:
            match = _REQUEST_ID.search(out)
            if match:
                return match.group(1)
            raise errors.PrinterRefused(printer=printer, detail=f"无法识别 lp 的回复：{_first_line(out + err)}")
        # lp says "printer does not exist" also when it cannot reach the scheduler: ask which.
        if not self.scheduler_running():
            raise errors.PrintSystemUnavailable(detail="CUPS 打印服务（cupsd）未运行")
        if "does not exist" in err or "Invalid destination" in err:
            raise errors.PrinterNotFound(printer=printer)
        raise errors.PrinterRefused(printer=printer, detail=_first_line(err or out) or f"lp 退出码 {result.returncode}")

    def status(self, job_ref: str) -> JobStatus:
        """The job's state from ``lpstat -W not-completed`` / ``lpstat -W completed -l``."""
        printer = _printer_of(job_ref)
        pending = self._run(["lpstat", "-W", "not-completed", "-o", printer])
        if pending.returncode != 0 and not self.scheduler_running():
            raise errors.PrintSystemUnavailable(detail="CUPS 打印服务（cupsd）未运行")
        if job_ref in _job_ids(_text(pending.stdout)):
            return JobStatus(job_ref, JobState.PENDING, self._printer_state(printer))
        done = self._run(["lpstat", "-W", "completed", "-l", "-o", printer])
        return parse_completed(_text(done.stdout), job_ref)

    def job_ids(self, printer: str, *, user: str | None = None) -> set[str]:
        """Ids of every job CUPS still lists for ``printer`` (pending and completed), of ``user`` if given."""
        check_printer_name(printer)
        result = self._run(["lpstat", "-W", "all", "-o", printer])
        ids = set()
        for line in _text(result.stdout).splitlines():
            parts = line.split()
            if len(parts) >= 2 and not line[0].isspace() and (user is None or parts[1] == user):
                ids.add(parts[0])
        return ids

    def _printer_state(self, printer: str) -> str:
        """Why jobs may be waiting, e.g. "disabled since … - Paused" (empty when idle/printing)."""
        result = self._run(["lpstat", "-p", printer])
        for info in parse_printers(_text(result.stdout)):
            if info.name == printer and not info.enabled:
                return info.state
        return ""

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> JobStatus:
        """Poll :meth:`status` until the job is no longer pending or ``timeout`` seconds pass."""
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            current = self.status(job_ref)
            if current.state is not JobState.PENDING or time.monotonic() >= deadline:
                return current
            time.sleep(min(poll, max(0.0, deadline - time.monotonic())))


class UnsupportedBackend:
    """Stands in where no printing backend can run (Windows without the Qt layer, e.g. the CLI)."""

    name = "unsupported"

    def _refuse(self) -> errors.PrintSystemUnavailable:
        return errors.PrintSystemUnavailable(detail=f"本系统（{sys.platform}）暂不支持直接打印，请在预览中打印")

    def printers(self) -> list[PrinterInfo]:
        raise self._refuse()

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        raise self._refuse()

    def status(self, job_ref: str) -> JobStatus:
        raise self._refuse()

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> JobStatus:
        raise self._refuse()


BACKEND_ENV = "WORKSTATION_PRINT_BACKEND"
"""``cups`` or ``qt``: overrides the system's choice (see :func:`default_backend`)."""
_qt_factory: Callable[[], PrintBackend] | None = None


def register_qt_backend(factory: Callable[[], PrintBackend]) -> None:
    """Called by the Qt layer (``workstation.ui.printing.qt_print.install``): the core has no Qt."""
    global _qt_factory
    _qt_factory = factory


def backend_choice(platform: str | None = None) -> str:
    """``"qt"`` or ``"cups"``: which backend this system prints through.

    Windows: Qt (QtPdf pages onto a ``QPrinter``, to the Windows spooler). Linux and macOS: CUPS
    with the PDF itself (vector: crisp small spools whose text survives, an exact job id), unless
    :data:`BACKEND_ENV` is ``qt``; the Qt path reaches the same CUPS queues.
    """
    chosen = os.environ.get(BACKEND_ENV, "").strip().lower()
    if chosen in ("qt", "cups"):
        return chosen
    return "qt" if (platform or sys.platform).startswith("win") else "cups"


def default_backend() -> PrintBackend:
    """The printing backend of this system (:func:`backend_choice`); Qt only once registered."""
    if backend_choice() == "qt":
        return _qt_factory() if _qt_factory is not None else UnsupportedBackend()
    return CupsBackend()


def job_title(title: str) -> str:
    """A title without control characters, short enough for every queue and cups-pdf's file name."""
    return _job_title(title)


# --- parsing the clients' replies ---------------------------------------------------------------


def parse_printers(text: str) -> list[PrinterInfo]:
    """Printers from ``lpstat -p -d`` output (``C`` locale), the default first, then by name."""
    default = None
    found: dict[str, tuple[bool, str]] = {}
    for line in text.splitlines():
        match = re.match(r"printer (\S+) (?:is )?(.*)", line)
        if match:
            name, state = match.groups()
            enabled = not state.startswith("disabled")
            # "idle.  enabled since …" → "idle"; keep the whole "disabled since … -" (the why).
            found[name] = (enabled, state.split(".", 1)[0].strip() if enabled else state.strip())
            continue
        match = re.match(r"system default destination: (\S+)", line)
        if match:
            default = match.group(1)
    printers = [PrinterInfo(n, n == default, enabled, state) for n, (enabled, state) in found.items()]
    return sorted(printers, key=lambda p: (not p.is_default, p.name))


def parse_completed(text: str, job_ref: str) -> JobStatus:
    """The state of ``job_ref`` from ``lpstat -W completed -l`` (``Alerts:`` are its state reasons)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.split(maxsplit=1)[:1] != [job_ref]:
            continue
        details = []
        for follow in lines[i + 1 :]:
            if not follow[:1].isspace():
                break
            details.append(follow.strip())
        reasons = " ".join(d.removeprefix("Alerts:").strip() for d in details if d.startswith("Alerts:"))
        if "aborted" in reasons:
            return JobStatus(job_ref, JobState.FAILED, reasons)
        if "canceled" in reasons or "cancelled" in reasons:
            return JobStatus(job_ref, JobState.CANCELLED, reasons)
        return JobStatus(job_ref, JobState.COMPLETED)
    return JobStatus(job_ref, JobState.UNKNOWN)


def _job_ids(text: str) -> set[str]:
    return {line.split(maxsplit=1)[0] for line in text.splitlines() if line and not line[0].isspace()}


def _printer_of(job_ref: str) -> str:
    printer, sep, number = job_ref.rpartition("-")
    if not sep or not number.isdigit():
        raise ValueError(f"not a CUPS job reference: {job_ref!r}")
    return check_printer_name(printer)


def _job_title(title: str) -> str:
    """A title without control characters, short enough for every queue and cups-pdf's file name."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in title).strip()
    return cleaned[:80] or "Counter Workstation"


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""

"""Printer dispatch through CUPS, ending in a real job on the cups-pdf ``PDF`` queue.

Jobs go only to the queue named ``PDF`` (printer-driver-cups-pdf, see scripts/start-services.sh),
never to the default destination. The real-CUPS tests skip when no scheduler with that queue is
running, unless ``WORKSTATION_REQUIRE_CUPS`` is set (CI), where they fail instead.

cups-pdf re-distils the job (pdftocairo to PostScript, then Ghostscript), so the output is
compared by text, not bytes. What the text of its output keeps (Ghostscript 10.0, cairo 1.16):
Chinese text including CJK Extension A (䶮); **not** characters beyond the BMP (𠮷, Extension
B: their font loses its ToUnicode map) and **not** most Latin letters and digits drawn with
the page furniture's ``draw_text`` on a full A4 form (document number, date), which come out as
unmapped codes (on the A5 appointment slip they survive: it depends on the font subsets).
The glyphs are printed; only their text is lost. So the document number is checked in the PDF
title cups-pdf takes from the job title, and its text in an expected failure below.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.printing.conftest import pdftotext, squash
from workstation import errors
from workstation.clock import business_date
from workstation.demo import seed_branch, seed_staff
from workstation.domain import Role
from workstation.forms.catalog import FORMS
from workstation.models import Staff
from workstation.printing import render, spool
from workstation.services import documents
from workstation.services.actor import Actor
from workstation.store import Store

QUEUE = "PDF"
"""The cups-pdf queue: the only printer tests may print to."""
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
JOB_TIMEOUT = 30.0


# --- parsing, no CUPS needed ----------------------------------------------------------------------


def test_parse_printers_flags_the_default_and_disabled_queues() -> None:
    text = (
        "printer Counter2 disabled since Wed Nov 25 15:29:17 2026 -\n"
        "\tPaused\n"
        "printer PDF is idle.  enabled since Wed Nov 25 15:29:17 2026\n"
        "printer Slip is now printing Slip-7.  enabled since Wed Nov 25 15:29:17 2026\n"
        "system default destination: PDF\n"
    )
    assert spool.parse_printers(text) == [
        spool.PrinterInfo("PDF", True, True, "idle"),
        spool.PrinterInfo("Counter2", False, False, "disabled since Wed Nov 25 15:29:17 2026 -"),
        spool.PrinterInfo("Slip", False, True, "now printing Slip-7"),
    ]
    assert spool.parse_printers("no system default destination\n") == []


def test_parse_completed_tells_done_from_aborted_and_cancelled() -> None:
    text = (
        "PDF-1                   root             78848   Wed Nov 25 15:40:34 2026\n"
        "\tStatus: \n\tAlerts: processing-to-stop-point\n\tqueued for PDF\n"
        "PDF-2                   root             78848   Wed Nov 25 15:40:54 2026\n"
        "\tAlerts: job-aborted-by-system\n"
        "PDF-3                   root             78848   Wed Nov 25 15:40:54 2026\n"
        "\tAlerts: job-canceled-by-user\n"
    )
    assert spool.parse_completed(text, "PDF-1").state is spool.JobState.COMPLETED
    assert spool.parse_completed(text, "PDF-2") == spool.JobStatus(
        "PDF-2", spool.JobState.FAILED, "job-aborted-by-system"
    )
    assert spool.parse_completed(text, "PDF-3").state is spool.JobState.CANCELLED
    assert spool.parse_completed(text, "PDF-11").state is spool.JobState.UNKNOWN


@pytest.mark.parametrize("name", ["", "-d", "two words", "a/b", "a#b", "x" * 128, "tab\there"])
def test_impossible_printer_names_are_refused_before_lp_runs(name: str) -> None:
    with pytest.raises(errors.PrinterNotFound):
        spool.CupsBackend().submit(b"%PDF-1.4", name, title="t")


def test_lp_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(errors.PrintCommandMissing, match="未安装打印命令 lp"):
        spool.CupsBackend().submit(b"%PDF-1.4\n", QUEUE, title="t")


def test_scheduler_not_running_is_a_clear_error(tmp_path: Path) -> None:
    if shutil.which("lp") is None:
        pytest.skip("CUPS client (lp) not installed")
    down = spool.CupsBackend(server=str(tmp_path / "no-cupsd.sock"))
    with pytest.raises(errors.PrintSystemUnavailable, match="cupsd）未运行"):
        down.submit(b"%PDF-1.4\n", QUEUE, title="t")
    with pytest.raises(errors.PrintSystemUnavailable):
        down.printers()


# --- a real scheduler with the cups-pdf queue ------------------------------------------------------


@pytest.fixture(scope="module")
def cups() -> spool.CupsBackend:
    """The local scheduler, once it is known to have the ``PDF`` queue."""
    backend = spool.CupsBackend()
    problem = ""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        problem = "CUPS client (lp, lpstat) not installed"
    elif not backend.scheduler_running():
        problem = "the CUPS scheduler is not running (bash scripts/start-services.sh)"
    elif QUEUE not in {p.name for p in backend.printers()}:
        problem = f"no cups-pdf queue named {QUEUE} (bash scripts/start-services.sh)"
    if problem:
        if os.environ.get("WORKSTATION_REQUIRE_CUPS"):
            pytest.fail(f"WORKSTATION_REQUIRE_CUPS is set but {problem}")
        pytest.skip(problem)
    return backend


def cups_pdf_folders() -> list[Path]:
    """Where cups-pdf may write this user's jobs: ``Out`` of its configuration, then the anonymous folder."""
    out, anon = "${HOME}/PDF", "/var/spool/cups-pdf/ANONYMOUS"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"\s*(Out|AnonDirName)\s+(\S+)", line)
            if match and match.group(1) == "Out":
                out = match.group(2)
            elif match:
                anon = match.group(2)
    import pwd  # POSIX only, like cups-pdf

    user = pwd.getpwuid(os.getuid())
    out = out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name)
    return [Path(out), Path(anon)]


def find_output(job_ref: str, timeout: float = 10.0) -> Path:
    """The PDF cups-pdf wrote for ``job_ref`` (its file names end in ``-job_<id>.pdf``)."""
    number = job_ref.rsplit("-", 1)[1]
    deadline = time.monotonic() + timeout
    while True:
        for folder in cups_pdf_folders():
            hits = sorted(folder.glob(f"*-job_{number}.pdf")) if folder.is_dir() else []
            if hits:
                return hits[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"no cups-pdf output for {job_ref} in {cups_pdf_folders()}")
        time.sleep(0.1)


@pytest.fixture
def outputs() -> Iterator[list[Path]]:
    """Files cups-pdf wrote for a test, removed afterwards."""
    made: list[Path] = []
    yield made
    for path in made:
        path.unlink(missing_ok=True)


def test_the_pdf_queue_is_listed(cups: spool.CupsBackend) -> None:
    names = [p.name for p in cups.printers()]
    assert QUEUE in names and names == sorted(names, key=lambda n: n != cups.default_printer())


def test_an_unknown_printer_is_named_in_the_error(cups: spool.CupsBackend) -> None:
    with pytest.raises(errors.PrinterNotFound, match="NO_SUCH_QUEUE_42"):
        cups.submit(render.render("appointment", FORMS["appointment"].sample()), "NO_SUCH_QUEUE_42", title="t")


def test_a_real_job_comes_out_of_cups_pdf_with_the_name_and_number(
    cups: spool.CupsBackend, outputs: list[Path], tmp_path: Path
) -> None:
    doc_no = f"KH-CUPS-{business_date():%Y%m%d}-{uuid.uuid4().int % 10000:04d}"
    data = FORMS["account-application"].sample() | {"doc_no": doc_no, "client_name": "欧阳𠮷䶮"}
    pdf = render.render("account-application", data)
    started = time.monotonic()
    job_ref = cups.submit(pdf, QUEUE, title=f"{doc_no} 证券开户申请表", copies=1, media="A4")
    assert re.fullmatch(rf"{QUEUE}-\d+", job_ref)
    final = cups.wait(job_ref, JOB_TIMEOUT)
    elapsed = time.monotonic() - started
    assert final.state is spool.JobState.COMPLETED, final
    output = find_output(job_ref)
    outputs.append(output)
    text = squash(pdftotext(output))
    assert "客户姓名欧阳䶮" in text  # 𠮷 (beyond the BMP) is printed but its text is lost
    assert "证券开户申请表" in text
    assert doc_no in pdf_title(output)
    print(f"cups-pdf wrote {output} for {job_ref} in {elapsed:.2f} s")


@pytest.mark.xfail(reason="Ghostscript re-distilling loses the text of the document number (glyphs still print)")
def test_the_document_number_text_survives_cups_pdf(cups: spool.CupsBackend, outputs: list[Path]) -> None:
    """On the A5 appointment slip the number's text does survive; on this A4 form it does not."""
    data = FORMS["account-application"].sample() | {"doc_no": "KH-CUPS-20261125-0042"}
    job_ref = cups.submit(render.render("account-application", data), QUEUE, title="doc-no-text")
    assert cups.wait(job_ref, JOB_TIMEOUT).state is spool.JobState.COMPLETED
    output = find_output(job_ref)
    outputs.append(output)
    assert "KH-CUPS-20261125-0042" in squash(pdftotext(output))


def pdf_title(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Title:\s*(.*)$", info, re.MULTILINE)
    return match.group(1) if match else ""


def test_print_document_logs_a_completed_cups_job(
    cups: spool.CupsBackend, sqlite_store: Store, outputs: list[Path]
) -> None:
    with sqlite_store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == "C001")).one()
        clerk = Actor(staff.id, staff.staff_no, staff.name, frozenset({Role.CLERK}), branch.id)
        view = documents.create_document(session, clerk, "risk-disclosure", FORMS["risk-disclosure"].sample())
    outcome = documents.print_document(
        sqlite_store, clerk, view.document_id, QUEUE, 1, reprint=True, backend=cups, wait_seconds=JOB_TIMEOUT
    )
    assert outcome.status == "completed", outcome
    output = find_output(outcome.job_ref)
    outputs.append(output)
    text = squash(pdftotext(output))
    assert "风险揭示书签署确认书（副本）" in text and view.doc_no in pdf_title(output)
    with sqlite_store.read() as session:
        (job,) = documents.print_jobs(session, view.document_id)
    assert (job.printer, job.job_ref, job.status, job.is_reprint) == (QUEUE, outcome.job_ref, "completed", True)


def test_cups_pdf_output_is_not_our_bytes(cups: spool.CupsBackend, outputs: list[Path]) -> None:
    """Why these tests compare text: cups-pdf re-distils, so the file differs from what we sent."""
    pdf = render.render("appointment", FORMS["appointment"].sample())
    job_ref = cups.submit(pdf, QUEUE, title="bytes", media="A5")
    assert cups.wait(job_ref, JOB_TIMEOUT).state is spool.JobState.COMPLETED
    output = find_output(job_ref)
    outputs.append(output)
    assert output.read_bytes() != pdf
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info)


def test_cli_print_lists_queues_and_prints_to_the_named_one(
    cups: spool.CupsBackend, outputs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workstation.printing import cli

    assert cli.main(["print", "--list-printers"]) == 0
    assert QUEUE in capsys.readouterr().out
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(render.render("appointment", FORMS["appointment"].sample()))
    assert cli.main(["print", str(pdf), "--printer", QUEUE, "--media", "A5", "--wait", "30"]) == 0
    said = capsys.readouterr().out
    job_ref = re.search(r"任务 (\S+)：completed", said)
    assert job_ref, said
    outputs.append(find_output(job_ref.group(1)))
    assert cli.main(["print", str(pdf), "--printer", "NO_SUCH_QUEUE_42"]) == 2
    assert "找不到打印机" in capsys.readouterr().err


def test_cli_print_refuses_what_is_not_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workstation.printing import cli

    text = tmp_path / "note.txt"
    text.write_text("hello", encoding="utf-8")
    assert cli.main(["print", str(text), "--printer", QUEUE]) == 2
    assert "不是 PDF" in capsys.readouterr().err
    assert cli.main(["print"]) == 2

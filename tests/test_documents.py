"""Printed documents: numbers, create/validate/reprint, print log, paper archive, outstanding lists."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import threading
import uuid
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests import records
from workstation import errors
from workstation.clock import business_date
from workstation.demo import seed_branch, seed_staff
from workstation.domain import PaperStatus, Role
from workstation.forms.catalog import FORMS
from workstation.forms.common import RARE_NAME
from workstation.models import AuditEvent, PrintedDocument, PrintJob, Staff
from workstation.printing import spool
from workstation.services import documents, paper
from workstation.services.actor import Actor
from workstation.store import Store

KH = "account-application"


def actor_of(session: sa.orm.Session, staff_no: str) -> Actor:
    """The Actor a login of ``staff_no`` would give (without hashing a password in every test)."""
    staff = session.scalars(sa.select(Staff).where(Staff.staff_no == staff_no)).one()
    assert staff.branch_id is not None
    return Actor(staff.id, staff.staff_no, staff.name, frozenset(Role(r) for r in staff.roles), staff.branch_id)


@dataclass(frozen=True)
class Office:
    store: Store
    branch_id: uuid.UUID
    tag: str
    clerk: Actor
    supervisor: Actor
    reception: Actor
    telesales: Actor
    client_a: uuid.UUID
    client_b: uuid.UUID

    def create(self, code: str = KH, actor: Actor | None = None, **kwargs: Any) -> documents.DocumentView:
        data = kwargs.pop("data", None) or FORMS[code].sample()
        with self.store.write() as session:
            return documents.create_document(session, actor or self.clerk, code, data, **kwargs)


@pytest.fixture
def office(store: Store) -> Office:
    with store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
        a = records.client(session, branch, name=RARE_NAME)
        b = records.client(session, branch, name="阿依古丽·买买提")
        telesales = actor_of_any(session, "T001", branch.id)
        return Office(
            store,
            branch.id,
            documents.branch_tag(branch.code),
            actor_of(session, "C001"),
            actor_of(session, "S001"),
            actor_of(session, "R001"),
            telesales,
            a.id,
            b.id,
        )


def actor_of_any(session: sa.orm.Session, staff_no: str, branch_id: uuid.UUID) -> Actor:
    staff = session.scalars(sa.select(Staff).where(Staff.staff_no == staff_no)).one()
    return Actor(staff.id, staff.staff_no, staff.name, frozenset(Role(r) for r in staff.roles), branch_id)


def raw_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


# --- numbers -----------------------------------------------------------------------------------


def test_every_form_has_a_number_family_that_matches_its_sample() -> None:
    assert set(documents.FAMILY_PREFIX) == set(FORMS)
    for code, form in FORMS.items():
        assert str(form.sample()["doc_no"]).startswith(documents.FAMILY_PREFIX[code] + "-")


def test_branch_tag_keeps_letters_and_digits() -> None:
    assert documents.branch_tag("BJ-GM01") == "BJGM01"
    assert documents.branch_tag("sh_ljz 2") == "SHLJZ2"
    assert documents.branch_tag("——") == "BR"


def test_numbers_run_per_family_and_day(office: Office) -> None:
    today = business_date().strftime("%Y%m%d")
    first, second = office.create(), office.create()
    match = office.create("risk-assessment")
    assert first.doc_no == f"KH-{office.tag}-{today}-0001"
    assert second.doc_no == f"KH-{office.tag}-{today}-0002"
    assert match.doc_no == f"PG-{office.tag}-{today}-0001"
    yesterday = business_date() - timedelta(days=1)
    with office.store.write() as session:
        assert documents.next_doc_no(session, office.branch_id, KH, day=yesterday).endswith(f"-{yesterday:%Y%m%d}-0001")
        assert documents.next_doc_no(session, office.branch_id, KH).endswith("-0003")


def test_numbers_are_per_branch(office: Office) -> None:
    office.create()
    with office.store.write() as session:
        other = records.branch(session, code="SH-LJZ")
        staff = records.staff(session, other, roles=["clerk"])
        actor = Actor(staff.id, staff.staff_no, staff.name, frozenset({Role.CLERK}), other.id)
    elsewhere = office.create(actor=actor)
    assert elsewhere.doc_no.startswith("KH-SHLJZ-") and elsewhere.doc_no.endswith("-0001")


def test_numbers_continue_past_9999(office: Office) -> None:
    today = business_date()
    stem = f"KH-{office.tag}-{today:%Y%m%d}-"
    with office.store.write() as session:
        for no in ("9999", "10000"):
            session.add(
                PrintedDocument(
                    branch_id=office.branch_id,
                    doc_no=stem + no,
                    form_code=KH,
                    title="t",
                    created_by_id=office.clerk.staff_id,
                )
            )
        session.flush()
        assert documents.next_doc_no(session, office.branch_id, KH) == stem + "10001"


def test_concurrent_counters_get_distinct_numbers(office: Office) -> None:
    """Six counters print the same form at once: six different numbers, none skipped."""
    data = FORMS["appointment"].sample()
    got: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(6)

    def counter() -> None:
        try:
            start.wait()
            with office.store.write() as session:
                got.append(documents.create_document(session, office.clerk, "appointment", data).doc_no)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=counter) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not failures
    assert sorted(int(no.rsplit("-", 1)[1]) for no in got) == [1, 2, 3, 4, 5, 6]


# --- create, validate, reprint -------------------------------------------------------------------


def test_create_stores_exactly_what_was_rendered(office: Office, tmp_path: Path) -> None:
    data = FORMS[KH].sample() | {"doc_no": "IGNORED-1"}
    view = office.create(data=data, client_id=office.client_a, reviewer_id=office.supervisor.staff_id)
    assert view.paper_status is PaperStatus.TO_PRINT and view.must_come_back
    assert view.paper_status_at is not None
    assert view.client_name == RARE_NAME and view.title == FORMS[KH].title
    assert view.pages >= 1 and view.business_date == business_date()
    with office.store.read() as session:
        row = session.get(PrintedDocument, view.document_id)
        assert row is not None
        assert row.data == data | {"doc_no": view.doc_no}
        assert row.created_by_id == office.clerk.staff_id and row.reviewer_id == office.supervisor.staff_id
        original = documents.render_document(session, view.document_id, copy=False)
        copy = documents.render_document(session, view.document_id, copy=True)
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.entity_id == view.document_id)).one()
    assert hashlib.sha256(original).hexdigest() == view.sha256
    assert event.action == "document.create" and event.details["doc_no"] == view.doc_no
    text = raw_text(original, tmp_path, "original.pdf")
    assert view.doc_no in text and RARE_NAME in text
    # The reprint is the same document but for the copy mark and the title's （副本）.
    copy_text = raw_text(copy, tmp_path, "copy.pdf")
    assert "副本COPY" in copy_text and "（副本）" in copy_text
    assert copy_text.replace("副本COPY", "", 1).replace("（副本）", "") == text


def test_forms_not_coming_back_are_not_tracked(office: Office) -> None:
    view = office.create("appointment", actor=office.reception)
    assert view.paper_status is PaperStatus.NOT_REQUIRED and view.paper_status_at is None
    assert view.pages == 1


def test_invalid_data_lists_every_problem_and_takes_no_number(office: Office) -> None:
    data = FORMS[KH].sample() | {"mobile": "12345", "birth_date": "1990-13-01", "nickname": "x"}
    del data["client_name"]
    with pytest.raises(errors.ValidationError) as caught:
        office.create(data=data)
    fields = set(caught.value.by_field())
    assert {"mobile", "birth_date", "nickname", "client_name"} <= fields
    with pytest.raises(errors.ValidationError, match="字"):
        office.create(data=FORMS[KH].sample() | {"client_name": "张\x00三"})
    with pytest.raises(errors.ValidationError):
        office.create(data=FORMS[KH].sample() | {"remarks": object()})
    assert office.create().doc_no.endswith("-0001")
    with office.store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(PrintedDocument)) == 1


def test_unknown_form_and_roles(office: Office) -> None:
    with pytest.raises(errors.NotFound):
        office.create("no-such-form", data={"x": 1})
    with pytest.raises(errors.PermissionDenied):
        office.create(actor=office.telesales)


@pytest.mark.parametrize("code", ["appointment", "directions"])
def test_telesales_creates_the_appointment_confirmation_and_directions(office: Office, code: str) -> None:
    view = office.create(code, actor=office.telesales)
    assert view.form_code == code and view.created_by_id == office.telesales.staff_id
    assert view.doc_no.startswith(f"{documents.FAMILY_PREFIX[code]}-{office.tag}-")


@pytest.mark.parametrize("code", sorted(set(FORMS) - {"appointment", "directions"}))
def test_telesales_creates_no_other_form(office: Office, code: str) -> None:
    with pytest.raises(errors.PermissionDenied):
        office.create(code, actor=office.telesales)


# --- printing (a fake spooler; the real CUPS job is in tests/printing/test_cups.py) -------------


class FakeSpooler:
    """Records what would be printed; ``fail`` makes submit raise, ``final`` is the job's end state."""

    name = "fake"

    def __init__(self, fail: errors.PrintError | None = None, final: spool.JobState = spool.JobState.COMPLETED):
        self.fail = fail
        self.final = final
        self.sent: list[dict[str, Any]] = []

    def printers(self) -> list[spool.PrinterInfo]:
        return [spool.PrinterInfo("Counter1", True)]

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        if self.fail is not None:
            raise self.fail
        self.sent.append({"pdf": pdf, "printer": printer, "title": title, "copies": copies, "media": media})
        return f"{printer}-{len(self.sent)}"

    def status(self, job_ref: str) -> spool.JobStatus:
        return spool.JobStatus(job_ref, self.final, "paused" if self.final is spool.JobState.PENDING else "")

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> spool.JobStatus:
        return self.status(job_ref)


def jobs_of(store: Store, document_id: uuid.UUID) -> list[documents.PrintJobView]:
    with store.read() as session:
        return documents.print_jobs(session, document_id)


def test_print_logs_the_job_and_reprint_is_marked(office: Office) -> None:
    view = office.create(client_id=office.client_a)
    spooler = FakeSpooler()
    outcome = documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", 2, reprint=False, backend=spooler
    )
    assert outcome.ok and outcome.status == "completed" and outcome.job_ref == "Counter1-1"
    assert spooler.sent[0]["copies"] == 2 and spooler.sent[0]["media"] == "A4"
    assert view.doc_no in spooler.sent[0]["title"]
    assert hashlib.sha256(spooler.sent[0]["pdf"]).hexdigest() == view.sha256
    with pytest.raises(errors.AlreadyPrinted, match="补打副本"):
        documents.print_document(
            office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=spooler
        )
    again = documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=True, backend=spooler
    )
    assert again.is_reprint and "（副本）" in spooler.sent[1]["title"]
    assert hashlib.sha256(spooler.sent[1]["pdf"]).hexdigest() != view.sha256
    # A supervisor may print the original again (it jammed).
    documents.print_document(
        office.store, office.supervisor, view.document_id, "Counter1", reprint=False, backend=spooler
    )
    logged = jobs_of(office.store, view.document_id)
    assert [(j.is_reprint, j.copies, j.status, j.printed_by_id) for j in logged] == [
        (False, 2, "completed", office.clerk.staff_id),
        (True, 1, "completed", office.clerk.staff_id),
        (False, 1, "completed", office.supervisor.staff_id),
    ]
    with office.store.read() as session:
        actions = session.scalars(
            sa.select(AuditEvent.action).where(AuditEvent.entity_id == view.document_id).order_by(AuditEvent.created_at)
        ).all()
    assert actions == ["document.create", "document.print", "document.reprint", "document.print"]


def test_a_form_is_printed_only_when_a_print_job_was_accepted(office: Office) -> None:
    """Issue 15 defect 2: creating a form (on submit) does not make it 已打印; an accepted job does."""
    view = office.create()
    assert view.paper_status is PaperStatus.TO_PRINT
    down = FakeSpooler(fail=errors.PrintSystemUnavailable(detail="CUPS 打印服务（cupsd）未运行"))
    documents.print_document(office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=down)
    with office.store.read() as session:
        assert documents.get_document(session, view.document_id).paper_status is PaperStatus.TO_PRINT
    documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=FakeSpooler()
    )
    with office.store.read() as session:
        assert documents.get_document(session, view.document_id).paper_status is PaperStatus.PRINTED


def test_a_repeated_scan_within_seconds_is_one_scan(office: Office) -> None:
    """Issue 15 defect 5: a scanner reading the same sheet twice moves it one step, not two."""
    view = office.create()
    with office.store.write() as session:
        move = documents.advance_paper(session, office.clerk, view.doc_no)
    assert move.current is PaperStatus.SIGNED
    with office.store.write() as session, pytest.raises(errors.ScanRepeated, match="重复扫描"):
        documents.advance_paper(session, office.clerk, view.doc_no)
    with office.store.read() as session:
        assert documents.get_document(session, view.document_id).paper_status is PaperStatus.SIGNED


def test_a_failed_print_is_logged_and_returned(office: Office) -> None:
    view = office.create()
    down = FakeSpooler(fail=errors.PrintSystemUnavailable(detail="CUPS 打印服务（cupsd）未运行"))
    outcome = documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=down
    )
    assert not outcome.ok and outcome.status == "failed" and "cupsd" in outcome.error
    (job,) = jobs_of(office.store, view.document_id)
    assert job.status == "failed" and "无法连接打印服务" in job.error and job.job_ref == ""
    # A failed original does not count: printing it again is still an original.
    assert documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=FakeSpooler()
    ).ok


@pytest.mark.parametrize(
    ("final", "status"),
    [(spool.JobState.FAILED, "failed"), (spool.JobState.PENDING, "queued"), (spool.JobState.CANCELLED, "cancelled")],
)
def test_the_jobs_end_state_is_logged(office: Office, final: spool.JobState, status: str) -> None:
    view = office.create("appointment")
    outcome = documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=FakeSpooler(final=final)
    )
    assert outcome.status == status
    assert jobs_of(office.store, view.document_id)[0].status == status
    if status == "queued":
        assert "仍在队列中" in outcome.detail and outcome.ok


def test_print_refuses_bad_printer_copies_and_roles_without_logging(office: Office) -> None:
    view = office.create()
    spooler = FakeSpooler()
    for printer, copies, error in [
        ("", 1, errors.PrinterNotFound),
        ("-o evil", 1, errors.PrinterNotFound),
        ("Counter1", 0, errors.PrintCopiesInvalid),
        ("Counter1", 21, errors.PrintCopiesInvalid),
    ]:
        with pytest.raises(error):
            documents.print_document(
                office.store, office.clerk, view.document_id, printer, copies, reprint=False, backend=spooler
            )
    with pytest.raises(errors.PermissionDenied):
        documents.print_document(
            office.store, office.telesales, view.document_id, "Counter1", reprint=False, backend=spooler
        )
    assert spooler.sent == [] and jobs_of(office.store, view.document_id) == []


# --- the paper archive ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("KH-BJGM01-20261125-0001\r\n", "KH-BJGM01-20261125-0001"),
        ("  kh-bjgm01-20261125-0001\t", "KH-BJGM01-20261125-0001"),
        ("ＫＨ－ＢＪＧＭ０１－２０２６１１２５－０００１", "KH-BJGM01-20261125-0001"),  # IME left in full width
        ("CRS-BJGM01-20261125-10000\n", "CRS-BJGM01-20261125-10000"),
    ],
)
def test_parse_scan_accepts_what_scanners_type(typed: str, number: str) -> None:
    assert documents.parse_scan(typed) == number


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "内容为空"),
        ("\r\n", "内容为空"),
        ("KH-BJGM01-2026\x001125-0001", "控制字符"),
        ("KH-BJGM01-\x1b[A20261125-0001", "控制字符"),
        ("KH-BJGM01-20261125-0001\u200b", "控制字符"),
        ("K" * 61, "内容过长"),
        ("APPT:K7M2Q9XA", "不是单据编号格式"),
        ("https://example.com/KH-1", "不是单据编号格式"),
        ("'; DROP TABLE printed_document;--", "不是单据编号格式"),
        ("KH-BJGM01-2026112-0001", "不是单据编号格式"),
        ("😀", "不是单据编号格式"),
    ],
)
def test_parse_scan_refuses_garbage_with_a_reason(typed: str, reason: str) -> None:
    with pytest.raises(errors.ScanInvalid) as caught:
        documents.parse_scan(typed)
    assert reason in caught.value.message()


def test_scans_move_a_form_one_step_at_a_time_until_archived(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paper, "REPEAT_SECONDS", 0)  # the steps here are minutes apart at a real counter
    view = office.create(client_id=office.client_a)
    documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=FakeSpooler()
    )
    seen = []
    for _ in range(4):
        with office.store.write() as session:
            move = documents.advance_paper(session, office.clerk, view.doc_no.lower() + "\r\n")
        seen.append((move.previous, move.current))
        assert move.document.paper_status is move.current and move.current.label in move.message
    assert seen == list(zip(documents.PAPER_STEPS, documents.PAPER_STEPS[1:], strict=False))
    with office.store.write() as session, pytest.raises(errors.PaperAlreadyArchived, match="已于"):
        documents.advance_paper(session, office.clerk, view.doc_no)
    with office.store.read() as session:
        audit = session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "document.paper").order_by(AuditEvent.created_at)
        ).all()
    assert [(e.details["from"], e.details["to"]) for e in audit] == [
        ("printed", "signed"),
        ("signed", "scanned"),
        ("scanned", "sent"),
        ("sent", "archived"),
    ]


def test_a_station_refuses_skipping_and_going_back(office: Office) -> None:
    view = office.create()
    with (
        office.store.write() as session,
        pytest.raises(errors.PaperMoveRefused, match="不能跳过步骤，请先登记“已签字”"),
    ):
        documents.advance_paper(session, office.clerk, view.doc_no, target=PaperStatus.ARCHIVED)
    with office.store.write() as session:
        documents.advance_paper(session, office.clerk, view.doc_no, target=PaperStatus.SIGNED)
    with office.store.write() as session, pytest.raises(errors.PaperMoveRefused, match="不能回退"):
        documents.advance_paper(session, office.clerk, view.doc_no, target=PaperStatus.SIGNED)
    with office.store.read() as session:
        assert documents.get_document(session, view.document_id).paper_status is PaperStatus.SIGNED


def test_bad_scans_change_nothing(office: Office) -> None:
    tracked = office.create()
    slip = office.create("appointment")
    with office.store.write() as session:
        with pytest.raises(errors.DocumentNotFound, match="KH-BJGM01-19990101-0001"):
            documents.advance_paper(session, office.clerk, "KH-BJGM01-19990101-0001")
        with pytest.raises(errors.ScanInvalid):
            documents.advance_paper(session, office.clerk, "#$%^&*")
        with pytest.raises(errors.PaperNotTracked, match="无需回收"):
            documents.advance_paper(session, office.clerk, slip.doc_no)
        with pytest.raises(errors.PermissionDenied):
            documents.advance_paper(session, office.reception, tracked.doc_no)
    with office.store.write() as session:
        other = records.branch(session, name="华夏证券上海陆家嘴营业部")
        with pytest.raises(errors.DocumentOtherBranch, match="属于华夏证券北京国贸营业部"):
            documents.advance_paper(session, replace(office.clerk, branch_id=other.id), tracked.doc_no)
    with office.store.read() as session:
        assert documents.get_document(session, tracked.document_id).paper_status is PaperStatus.TO_PRINT


def test_a_supervisor_corrects_the_status_with_a_reason(office: Office) -> None:
    view = office.create()
    slip = office.create("appointment")
    with office.store.write() as session:
        with pytest.raises(errors.PermissionDenied):
            documents.set_paper_status(session, office.clerk, view.document_id, PaperStatus.SIGNED)
        move = documents.set_paper_status(session, office.supervisor, view.document_id, PaperStatus.SIGNED)
        assert (move.previous, move.current) == (PaperStatus.TO_PRINT, PaperStatus.SIGNED)
        with pytest.raises(errors.PaperMoveRefused, match="须填写原因"):
            documents.set_paper_status(session, office.supervisor, view.document_id, PaperStatus.SENT)
        with pytest.raises(errors.PaperMoveRefused, match="状态未变"):
            documents.set_paper_status(session, office.supervisor, view.document_id, PaperStatus.SIGNED)
        with pytest.raises(errors.PaperMoveRefused, match="不能改为无需回收"):
            documents.set_paper_status(session, office.supervisor, view.document_id, PaperStatus.NOT_REQUIRED)
        with pytest.raises(errors.PaperNotTracked):
            documents.set_paper_status(session, office.supervisor, slip.document_id, PaperStatus.SIGNED)
        back = documents.set_paper_status(
            session, office.supervisor, view.document_id, PaperStatus.PRINTED, reason="签字页缺客户签名，退回重签"
        )
        assert back.current is PaperStatus.PRINTED
        event = session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "document.paper").order_by(AuditEvent.created_at.desc())
        ).first()
        assert event is not None and event.details["reason"] == "签字页缺客户签名，退回重签"


def test_outstanding_lists_per_client_and_day(office: Office) -> None:
    a1 = office.create(client_id=office.client_a)
    a2 = office.create("risk-assessment", client_id=office.client_a)
    b1 = office.create(client_id=office.client_b, data=FORMS[KH].sample() | {"client_name": "阿依古丽·买买提"})
    done = office.create(client_id=office.client_b)
    office.create("appointment", client_id=office.client_a)  # never comes back
    with office.store.write() as session:
        documents.set_paper_status(session, office.supervisor, done.document_id, PaperStatus.ARCHIVED, reason="补录")
        documents.advance_paper(session, office.clerk, a2.doc_no)  # signed: still outstanding
        old = session.get(PrintedDocument, a1.document_id)
        assert old is not None
        old.created_at = old.created_at - timedelta(days=3)
    today = business_date()
    with office.store.read() as session:
        everything = documents.outstanding_documents(session, office.branch_id)
        assert [d.doc_no for d in everything] == [a1.doc_no, a2.doc_no, b1.doc_no]
        assert [
            d.doc_no for d in documents.outstanding_documents(session, office.branch_id, client_id=office.client_a)
        ] == [
            a1.doc_no,
            a2.doc_no,
        ]
        assert [d.doc_no for d in documents.outstanding_documents(session, office.branch_id, day=today)] == [
            a2.doc_no,
            b1.doc_no,
        ]
        assert (
            documents.outstanding_documents(session, office.branch_id, day=today - timedelta(days=3))[0].doc_no
            == a1.doc_no
        )
        assert documents.outstanding_documents(session, uuid.uuid4()) == []
        groups = documents.outstanding_by_client_and_day(session, office.branch_id)
    # Per day, oldest first; within a day by client name (阿 U+963F sorts before 𠮷 U+20BB7).
    assert [(g.day, g.client_id, g.count) for g in groups] == [
        (today - timedelta(days=3), office.client_a, 1),
        (today, office.client_b, 1),
        (today, office.client_a, 1),
    ]


def test_print_job_rows_are_branch_scoped(office: Office) -> None:
    view = office.create()
    documents.print_document(
        office.store, office.clerk, view.document_id, "Counter1", reprint=False, backend=FakeSpooler()
    )
    with office.store.read() as session:
        job = session.scalars(sa.select(PrintJob)).one()
    assert job.branch_id == office.branch_id and job.printer == "Counter1"


def test_print_all_is_one_job_and_logs_every_form(office: Office) -> None:
    """Issue 15 defect 3: the package prints as one PDF, one job; each form is logged and 已打印."""
    from pypdf import PdfReader

    from workstation.services.package_print import print_package

    views = [office.create(client_id=office.client_a) for _ in range(3)]
    spooler = FakeSpooler()
    job_ref, status, _error = print_package(
        office.store, office.clerk, [v.document_id for v in views], "Counter1", backend=spooler
    )
    assert (job_ref, status) == ("Counter1-1", "sent") and len(spooler.sent) == 1
    pages = len(PdfReader(io.BytesIO(spooler.sent[0]["pdf"])).pages)
    assert pages == sum(v.pages for v in views)
    for view in views:
        (job,) = jobs_of(office.store, view.document_id)
        assert job.job_ref == "Counter1-1" and not job.is_reprint
        with office.store.read() as session:
            assert documents.get_document(session, view.document_id).paper_status is PaperStatus.PRINTED
    with pytest.raises(errors.AlreadyPrinted):
        print_package(office.store, office.clerk, [views[0].document_id], "Counter1", backend=spooler)
    assert len(spooler.sent) == 1

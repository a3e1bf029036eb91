"""The waiting hall: the board of calls and waits, the estimated wait, and the Mandarin voice."""

from __future__ import annotations

import itertools
import shutil
import time
import wave
from array import array
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from workstation.clock import utcnow
from workstation.demo import DEMO_PASSWORD, seed_branch, seed_staff
from workstation.domain import ServiceLine, VisitOutcome
from workstation.models import Counter, Visit
from workstation.services import auth, hall, queue, tickets
from workstation.store import Store
from workstation.voice import Announcer, VoiceSettings, announcement, label_pinyin, number_pinyin, phonemes

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@pytest.fixture
def branch(store: Store):
    with store.write() as session:
        row = seed_branch(session)
        seed_staff(session, row)
        counters = session.scalars(sa.select(Counter).where(Counter.branch_id == row.id).order_by(Counter.number)).all()
        counter_ids = [c.id for c in counters if "C" in c.service_lines]  # counters that call line C
    clerk = auth.login(store, row.id, "C001", DEMO_PASSWORD, None)
    reception = auth.login(store, row.id, "R001", DEMO_PASSWORD, None)
    return store, row.id, clerk, reception, counter_ids


def test_the_board_shows_calls_per_counter_and_never_a_name(branch) -> None:
    store, branch_id, clerk, reception, counters = branch
    with store.write() as session:
        for _ in range(4):
            tickets.issue_walk_in(session, reception, ServiceLine.OTHER, client_name="张三丰", mobile="13800138000")
        first = queue.call_next(session, clerk, counters[0])
    with store.read() as session:
        board = hall.board(session, branch_id)
    assert [c.label for c in board.calling] == [first.label]
    assert board.calling[0].counter_number > 0 and board.branch_name
    other = next(load for load in board.lines if load.line is ServiceLine.OTHER)
    assert other.waiting == 3 and other.estimated_minutes > 0
    assert "张三丰" not in repr(board)
    with store.write() as session:
        queue.recall(session, clerk, first.visit_id)
    with store.read() as session:
        again = hall.board(session, branch_id)
    assert again.calling[0].call_key != board.calling[0].call_key  # a recall is a new announcement
    with store.write() as session:
        queue.start_service(session, clerk, first.visit_id)
    with store.read() as session:
        assert hall.board(session, branch_id).calling == ()


def test_the_estimate_follows_todays_service_times(branch) -> None:
    store, branch_id, clerk, reception, counters = branch
    with store.write() as session:
        served = [tickets.issue_walk_in(session, reception, ServiceLine.OTHER) for _ in range(3)]
        waiting = [tickets.issue_walk_in(session, reception, ServiceLine.OTHER) for _ in range(4)]
        for ticket in served:
            queue.call_next(session, clerk, counters[0])
            queue.start_service(session, clerk, ticket.visit_id)
            queue.finish_visit(session, clerk, ticket.visit_id, VisitOutcome.CONSULTATION)
        start = utcnow() - timedelta(minutes=30)
        for ticket in served:  # each took 6 minutes
            visit = session.get(Visit, ticket.visit_id)
            assert visit is not None
            visit.started_at, visit.finished_at = start, start + timedelta(minutes=6)
        day = visits_day(session, waiting[0].visit_id)
        serving = session.scalar(
            sa.select(sa.func.count()).where(Counter.branch_id == branch_id, Counter.active.is_(True))
        )
        lines = {load.line: load for load in hall.line_loads(session, branch_id, day)}
    assert waiting[-1].estimated_minutes > waiting[0].estimated_minutes > 0  # on the slip and the screen
    other = lines[ServiceLine.OTHER]
    assert other.waiting == 4 and 0 < other.counters <= int(serving or 0)
    assert other.estimated_minutes == hall.estimate_wait(4, 6.0, other.counters, other.busy)


def visits_day(session: sa.orm.Session, visit_id: object):
    visit = session.get(Visit, visit_id)
    assert visit is not None
    return visit.business_date


@pytest.mark.parametrize(
    ("ahead", "minutes", "counters", "busy", "expected"),
    [
        (0, 10, 2, None, 3),  # all busy: about half a service, shared by two counters
        (1, 10, 2, None, 8),
        (3, 10, 2, 2, 18),
        (1, 10, 2, 0, 0),  # two idle counters: called at once
        (2, 10, 2, 1, 8),
        (5, 7.5, 0, 0, 34),  # no counter known: taken as one
    ],
)
def test_estimate_wait(ahead: int, minutes: float, counters: int, busy: int | None, expected: int) -> None:
    assert hall.estimate_wait(ahead, minutes, counters, busy) == expected


def test_the_sentence_reads_ticket_digits_one_by_one() -> None:
    text, spoken = announcement("A012", 3)
    assert text == "请 A012 号到 3 号窗口"
    assert spoken == "qing3 ei1 ling2 yi1 er4 hao4 dao4 san1 hao4 chuang1 kou3"
    assert label_pinyin("T-2-105") == "ti4 er4 yi1 ling2 wu3"
    assert [number_pinyin(n) for n in (3, 10, 12, 20, 23)] == [
        "san1", "shi2", "shi2 er4", "er4 shi2", "er4 shi2 san1",
    ]  # fmt: skip


@needs_espeak
def test_the_voice_says_the_right_phonemes() -> None:
    said = phonemes(announcement("A012", 3)[1])
    syllables = [part.strip() for part in said.split("_|") if part.strip()]
    assert len(syllables) == 11  # 请 A 零 一 二 号 到 三 号 窗 口: nothing read as English
    assert "(en)" not in said and "l'i35N" in said and "X'Au51" in said


@needs_espeak
def test_calls_are_spoken_in_order_never_overlapping(tmp_path: Path) -> None:
    spans: list[tuple[float, float, Path]] = []

    def player(path: Path) -> None:
        start = time.monotonic()
        keep = tmp_path / f"{len(spans)}.wav"
        shutil.copy(path, keep)
        time.sleep(0.05)
        spans.append((start, time.monotonic(), keep))

    announcer = Announcer(player, VoiceSettings(repeat=2, pause_s=0.01, volume=120))
    announcer.announce("A012", 3)
    announcer.announce("T005", 12)
    announcer.close()
    assert len(spans) == 4
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for _, _, path in spans:
        with wave.open(str(path)) as audio:
            seconds = audio.getnframes() / audio.getframerate()
            samples = array("h", audio.readframes(audio.getnframes()))
        assert 1.5 < seconds < 8, seconds
        assert max(abs(s) for s in samples) > 3000  # not silence

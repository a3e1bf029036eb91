"""Appointment SMS from head office, on the real PostgreSQL, through a local stand-in of an SMS
platform's HTTP API (the real platform is the firm's contract): planned once, sent once, only
with consent, never after opting out or in the quiet hours, retried after a platform failure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from tests.httpstub import JsonStub
from tests.sync.conftest import Central, book
from workstation import notify
from workstation.cli import main
from workstation.clock import BRANCH_TZ
from workstation.models import Appointment


class SmsPlatform(JsonStub):
    """Takes ``POST /sms/send``; ``fail`` answers 503 that many times first."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.fail = 0
        super().__init__(self._answer)

    def _answer(self, _path: str, body: dict[str, Any], _headers: Any) -> tuple[int, Any]:
        if self.fail:
            self.fail -= 1
            return 503, {}
        self.received.append(body)
        return 200, {"code": 0, "msgid": f"M{len(self.received)}"}


@pytest.fixture
def platform() -> Iterator[SmsPlatform]:
    server = SmsPlatform()
    yield server
    server.close()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    base = datetime.combine(datetime.now(BRANCH_TZ).date(), time(0), tzinfo=BRANCH_TZ)
    return base + timedelta(days=day, hours=hour, minutes=minute)


def booked_tomorrow(central: Central, n: int) -> list[Appointment]:
    ids = book(central, "0101", n)
    with central.session() as session, session.begin():
        rows = session.scalars(sa.select(Appointment).where(Appointment.id.in_(ids))).all()
        for i, row in enumerate(rows):  # tomorrow 10:00, 10:30, …
            row.slot_start = at(1, 10, 30 * i)
            row.slot_end = row.slot_start + timedelta(minutes=30)
        session.flush()
        return [row for row in rows]


def statuses(central: Central) -> dict[tuple[str, str], str]:
    with central.engine.connect() as conn:
        rows = conn.execute(sa.select(notify.message.c.mobile, notify.message.c.kind, notify.message.c.status))
        return {(r.mobile, r.kind): r.status for r in rows}


def test_a_day_of_messages(central: Central, platform: SmsPlatform) -> None:
    agreed, withdrawn, silent = booked_tomorrow(central, 3)
    with central.engine.begin() as conn:
        notify.record_consent(conn, agreed.mobile, purpose="appointment", channel="phone", by="T001")
        notify.record_consent(conn, withdrawn.mobile, purpose="appointment", channel="phone", by="T001")
        notify.opt_out(conn, withdrawn.mobile)
    gateway = notify.HttpSmsGateway(platform.url)
    morning = at(0, 9)
    with central.engine.begin() as conn:
        assert notify.plan(conn, now=morning) == 9  # 3 appointments × 3 kinds
    with central.engine.begin() as conn:
        assert notify.plan(conn, now=morning) == 0  # never twice
    report = notify.send_due(central.engine, gateway, now=morning)
    assert (report.sent, report.skipped) == (1, 2)  # only the confirmation is due yet, and only with consent
    sms = platform.received[0]
    assert sms["mobile"] == agreed.mobile and f"APPT:{agreed.code}" in sms["content"]
    assert "北京国贸营业部" in sms["content"] and "回复TD退订" in sms["content"]

    assert notify.send_due(central.engine, gateway, now=at(0, 22)).sent == 0  # quiet hours: the evening waits
    assert notify.send_due(central.engine, gateway, now=at(0, 18, 5)).sent == 1  # the day-before reminder
    platform.fail = 1
    tomorrow_8 = at(1, 8, 1)
    first = notify.send_due(central.engine, gateway, now=tomorrow_8)
    assert first.waiting == 1 and first.sent == 0  # the platform was down: retried later
    later = notify.send_due(central.engine, gateway, now=tomorrow_8 + timedelta(minutes=30))
    assert later.sent == 1
    assert [m["content"][:8] for m in platform.received] == ["【华夏证券】您已", "【华夏证券】提醒", "【华夏证券】提醒"]
    assert all(m["mobile"] == agreed.mobile for m in platform.received)
    done = statuses(central)
    assert done[(agreed.mobile, "reminder_2h")] == "sent"
    assert done[(withdrawn.mobile, "confirmation")] == "skipped" and done[(silent.mobile, "confirmation")] == "skipped"


def test_a_cancelled_appointment_gets_no_reminder(central: Central, platform: SmsPlatform) -> None:
    (appointment,) = booked_tomorrow(central, 1)
    with central.engine.begin() as conn:
        notify.record_consent(conn, appointment.mobile, purpose="appointment", channel="counter", by="R001")
        notify.plan(conn, now=at(0, 9))
    with central.session() as session, session.begin():
        row = session.get(Appointment, appointment.id)
        assert row is not None
        row.status = "cancelled"  # type: ignore[assignment]
    report = notify.send_due(central.engine, notify.HttpSmsGateway(platform.url), now=at(1, 9))
    assert report.sent == 0 and report.skipped == 3 and platform.received == []


def test_the_worker_from_the_command_line(central: Central, platform: SmsPlatform, capsys) -> None:
    url = central.url.replace("postgresql+psycopg://", "postgresql://")
    (appointment,) = booked_tomorrow(central, 1)
    assert main(["notify", "consent", appointment.mobile, "--central", url, "--by", "T001"]) == 0
    assert main(["notify", "opt-out", appointment.mobile, "--central", url]) == 0
    assert main(["notify", "run", "--central", url, "--gateway", platform.url]) == 0
    out = capsys.readouterr().out
    assert "planned" in out and platform.received == []

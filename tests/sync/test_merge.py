"""The appointment status rule: explicit, deterministic, independent of arrival order, and applied
the same way centrally and at the counter."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import reduce
from typing import Any

from tests.sync.conftest import Central, book
from tests.sync.helpers import assert_agree
from workstation.clock import utcnow
from workstation.domain import AppointmentStatus as S
from workstation.models import Appointment
from workstation.store import Store
from workstation.sync.apply import merge_appointment
from workstation.sync.engine import run_once
from workstation.sync.hlc import HybridClock

MakeWorkstation = Callable[[str, str], Store]
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def copy(status: S, minute: int, clock: str = "", **extra: Any) -> dict[str, Any]:
    row = {"status": status, "status_changed_at": T0 + timedelta(minutes=minute), "status_clock": clock}
    row.update({"checked_in_at": None, "client_id": None, "version": 1, "notes": "", **extra})
    return row


def test_counter_facts_beat_intents_whatever_the_clocks() -> None:
    cancelled_later = copy(S.CANCELLED, 30)
    checked_in = copy(S.CHECKED_IN, 10, checked_in_at=T0)
    assert merge_appointment(cancelled_later, checked_in)["status"] == S.CHECKED_IN
    assert merge_appointment(copy(S.BOOKED, 50), copy(S.NO_SHOW, 0))["status"] == S.NO_SHOW
    assert merge_appointment(copy(S.NO_SHOW, 50), copy(S.CHECKED_IN, 0))["status"] == S.CHECKED_IN  # late arrival
    assert merge_appointment(copy(S.SERVED, 0), copy(S.CHECKED_IN, 50))["status"] == S.SERVED


def test_between_intents_the_later_clock_wins() -> None:
    assert merge_appointment(copy(S.CANCELLED, 20), copy(S.BOOKED, 10))["status"] == S.CANCELLED
    rebooked = copy(S.BOOKED, 40)
    assert merge_appointment(rebooked, copy(S.CANCELLED, 30))["status"] == S.BOOKED
    central, branch = HybridClock("central"), HybridClock("ws1")
    skewed = T0 - timedelta(hours=1)  # the branch clock is an hour behind, but it saw the central stamp
    first = central.now(T0)
    branch.observe(first)
    later = branch.now(skewed)
    assert later > first
    assert merge_appointment(copy(S.CANCELLED, 0, first), copy(S.BOOKED, -60, later))["status"] == S.BOOKED


def test_the_merge_does_not_depend_on_the_order_copies_arrive_in() -> None:
    copies = [
        copy(S.BOOKED, 0),
        copy(S.CANCELLED, 5),
        copy(S.CHECKED_IN, 7, checked_in_at=T0 + timedelta(minutes=7), client_id="c1"),
        copy(S.CHECKED_IN, 6, checked_in_at=T0 + timedelta(minutes=6), client_id="c2"),
        copy(S.NO_SHOW, 9),
        copy(S.SERVED, 8, client_id="c1"),
    ]
    fields = ("status", "status_changed_at", "checked_in_at", "client_id")
    results = set()
    for order in itertools.permutations(copies):
        merged = reduce(merge_appointment, order)
        results.add(tuple(str(merged[k]) for k in fields))
    assert len(results) == 1
    (result,) = results
    assert result[0] == S.SERVED and result[2] == str(T0 + timedelta(minutes=6))


def test_an_offline_check_in_survives_a_central_cancellation(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    a1, a2 = make_workstation("0101", "a1"), make_workstation("0101", "a2")
    cancel_id, book_id = book(central, "0101", 2)
    for store in (a1, a2):
        run_once(store, central.engine)
    with a1.write() as session:  # offline: the client arrives and is checked in
        for appointment_id in (cancel_id, book_id):
            appointment = session.get(Appointment, appointment_id)
            assert appointment is not None
            appointment.status = S.CHECKED_IN
            appointment.status_changed_at = appointment.checked_in_at = utcnow()
    with central.session() as session, session.begin():  # meanwhile the call centre cancels one
        appointment = session.get(Appointment, cancel_id)
        assert appointment is not None
        appointment.status = S.CANCELLED
        appointment.status_changed_at = utcnow() + timedelta(minutes=5)
        appointment.status_clock = HybridClock("central").now(appointment.status_changed_at)
        appointment.notes = "客户来电取消"
    for store in (a1, a2, a1, a2):
        run_once(store, central.engine)
    for store in (a1, a2):
        with store.read() as session:
            merged = session.get(Appointment, cancel_id)
            assert merged is not None
            assert (
                merged.status is S.CHECKED_IN and merged.notes == "客户来电取消"
            )  # status from the counter, notes central
        assert_agree(central, store, "0101")
    assert central.count("appointment", "status = 'checked_in'") == 2


def test_a_central_cancellation_reaches_a_counter_that_had_not_touched_it(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    (appointment_id,) = book(central, "0101", 1)
    run_once(ws, central.engine)
    with central.session() as session, session.begin():
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        appointment.status = S.CANCELLED
        appointment.status_changed_at = utcnow()
        appointment.deleted_at = None
    outcome = run_once(ws, central.engine)
    assert outcome.pulled == 1
    with ws.read() as session:
        local = session.get(Appointment, appointment_id)
        assert local is not None and local.status is S.CANCELLED
    assert_agree(central, ws, "0101")

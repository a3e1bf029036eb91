"""Numbers a workstation makes alone (offline) never collide with another workstation's."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from tests import records
from workstation.clock import business_date, utcnow
from workstation.domain import Role, ServiceLine
from workstation.models import PrintedDocument, Visit
from workstation.services import documents, reception, tickets
from workstation.services.actor import Actor
from workstation.store import Store

A, T = ServiceLine.NEW_ACCOUNT, ServiceLine.TELESALES


def test_labels_are_short_and_show_an_offline_number() -> None:
    assert tickets.ticket_label(A, 15) == "A015"
    assert tickets.ticket_label(A, 2 * tickets.OFFLINE_BASE + 15) == "A-2-015"
    assert tickets.ticket_label(T, 12 * tickets.OFFLINE_BASE + 7) == "T-12-007"
    for number in (99 * tickets.OFFLINE_BASE + 9999, 5 * tickets.OFFLINE_BASE + 1234):
        assert len(tickets.ticket_label(A, number)) <= tickets.LABEL_LENGTH


def test_offline_tickets_number_in_the_workstation_range(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session)
        staff = records.staff(session, branch, roles=["reception"])
        actor = Actor(staff.id, staff.staff_no, staff.name, frozenset({Role.RECEPTION}), branch.id)
        assert tickets.issue_walk_in(session, actor, A).label == "A001"
        session.info[tickets.OFFLINE_NUMBER_KEY] = 3
        offline = [tickets.issue_walk_in(session, actor, A) for _ in range(2)]
        assert [t.label for t in offline] == ["A-3-001", "A-3-002"] and all(t.offline for t in offline)
        del session.info[tickets.OFFLINE_NUMBER_KEY]
        assert tickets.issue_walk_in(session, actor, A).label == "A002"  # offline numbers do not count
        again = tickets.issue_walk_in(session, actor, A, visit_id=offline[0].visit_id)
        assert again.label == "A-3-001"  # an id made at the counter is never numbered twice
        numbers = session.scalars(sa.select(Visit.ticket_no).order_by(Visit.ticket_no)).all()
        assert numbers == [1, 2, 30001, 30002]


def test_a_check_in_visit_id_is_the_same_at_every_workstation() -> None:
    appointment = uuid.uuid4()
    assert reception.check_in_visit_id(appointment) == reception.check_in_visit_id(appointment)
    assert reception.check_in_visit_id(appointment) != reception.check_in_visit_id(uuid.uuid4())


def test_document_numbers_carry_the_workstation_number(store: Store) -> None:
    with store.write() as session:
        branch = records.branch(session, code="BJ-GM01")
        staff = records.staff(session, branch, roles=["clerk"])
        stem = f"KH-BJGM01-{business_date():%Y%m%d}-"

        def add(doc_no: str) -> None:
            session.add(PrintedDocument(branch_id=branch.id, doc_no=doc_no, form_code="account-application",
                                        title="t", created_by_id=staff.id, created_at=utcnow()))  # fmt: skip
            session.flush()

        first = documents.next_doc_no(session, branch.id, "account-application", workstation_number=2)
        assert first == stem + "020001"
        add(first)
        add(stem + "0001")  # a shared-sequence number (a workstation without a number)
        assert documents.next_doc_no(session, branch.id, "account-application", workstation_number=2) == stem + "020002"
        assert documents.next_doc_no(session, branch.id, "account-application", workstation_number=3) == stem + "030001"
        assert documents.next_doc_no(session, branch.id, "account-application") == stem + "0002"
        assert documents.DOC_NO_PATTERN.fullmatch(first)

"""What the gifts screen asks of the core, one function per action (run on worker threads).

Each opens its own session (``store.read()`` / ``store.write()``) and returns frozen dataclasses,
never ORM objects, so results can travel to the GUI thread in the task's signal.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workstation.clock import business_date
from workstation.domain import GiftIssueStatus
from workstation.services import campaigns, documents, gifts, gifts_receipt, gifts_report, gifts_stock
from workstation.services.actor import Actor
from workstation.services.documents import DocumentView, PrintOutcome
from workstation.services.policy import get_policy
from workstation.store import Store


@dataclass(frozen=True)
class Issued:
    """An issue and its receipt document."""

    outcome: gifts.IssueOutcome
    receipt: DocumentView


@dataclass(frozen=True)
class StockSnapshot:
    """The stock table, one day's reconciliation and that day's tallies."""

    day: date
    stock: tuple[gifts_stock.GiftStock, ...]
    reconciliation: tuple[gifts_report.DayReconciliation, ...]
    by_campaign: tuple[gifts_report.IssueTally, ...]
    by_agent: tuple[gifts_report.IssueTally, ...]


def search_clients(store: Store, actor: Actor, text: str) -> list[gifts.ClientSummary]:
    with store.read() as session:
        return gifts.find_clients(session, actor.branch_id, text)


def load_client(store: Store, actor: Actor, client_id: uuid.UUID) -> gifts.ClientGifts:
    with store.read() as session:
        return gifts.eligibility(session, actor, client_id)


def load_reviewers(store: Store, actor: Actor) -> list[gifts.StaffChoice]:
    with store.read() as session:
        return gifts_receipt.reviewers(session, actor)


def issue_with_receipt(
    store: Store, actor: Actor, client_id: uuid.UUID, gift_id: uuid.UUID, request_id: uuid.UUID, reviewer_id: uuid.UUID
) -> Issued:
    """Issue and make the receipt in one transaction: both or neither (a replay returns both)."""
    from workstation.services import runtime  # the PostgreSQL side only when issuing

    authority = runtime.for_store(store).stock_authority(actor.workstation_id)  # None: no central set up
    with store.write() as session:
        outcome = gifts.issue(session, actor, client_id, gift_id, request_id=request_id, authority=authority)
        receipt = gifts_receipt.create_receipt(session, actor, outcome.issue.issue_id, reviewer_id)
    return Issued(outcome, receipt)


def print_receipt(store: Store, actor: Actor, document_id: uuid.UUID) -> PrintOutcome:
    """Print the receipt's original on the default printer (the job is logged even if it fails)."""
    from workstation import errors
    from workstation.printing import spool

    backend = spool.default_backend()
    printers = backend.printers()
    chosen = next((p for p in printers if p.is_default), printers[0] if printers else None)
    if chosen is None:
        raise errors.PrinterNotFound(printer="（未配置打印机）")
    return documents.print_document(store, actor, document_id, chosen.name, 1, reprint=False, backend=backend)


def save_receipt_pdf(store: Store, document_id: uuid.UUID, path: str) -> Path:
    """Write the receipt's PDF (the original, as stored) to ``path`` atomically."""
    from workstation.printing.files import atomic_write_bytes

    with store.read() as session:
        pdf = documents.render_document(session, document_id, copy=False)
    return atomic_write_bytes(path, pdf)


def load_awaiting(store: Store, actor: Actor, *, include_signed: bool = False) -> list[gifts.GiftIssueView]:
    """Issues awaiting the signature; with ``include_signed`` also today's signed ones (to void a return)."""
    with store.read() as session:
        waiting = gifts.awaiting_signature(session, actor.branch_id)
        if not include_signed:
            return waiting
        signed = [
            v for v in gifts.issues_on(session, actor.branch_id, business_date()) if v.status is GiftIssueStatus.SIGNED
        ]
        return waiting + signed


def confirm_signature(store: Store, actor: Actor, issue_id: uuid.UUID) -> gifts.GiftIssueView:
    with store.write() as session:
        return gifts.confirm_signature(session, actor, issue_id)


def void_issue(store: Store, actor: Actor, issue_id: uuid.UUID, reason: str) -> gifts.GiftIssueView:
    with store.write() as session:
        return gifts.void_issue(session, actor, issue_id, reason)


def load_stock(store: Store, actor: Actor, day: date) -> StockSnapshot:
    with store.read() as session:
        threshold = int(get_policy(session, "gifts", actor.branch_id).get("low_stock_threshold", 0) or 0)
        stock = gifts_stock.stock_table(session, actor.branch_id, actor.workstation_id, low_stock_threshold=threshold)
        return StockSnapshot(
            day,
            tuple(stock),
            tuple(gifts_report.reconcile_day(session, actor.branch_id, day)),
            tuple(gifts_report.issue_tallies(session, actor.branch_id, day)),
            tuple(gifts_report.issue_tallies(session, actor.branch_id, day, by="agent")),
        )


def set_reserve(store: Store, actor: Actor, gift_id: uuid.UUID, quantity: int, reason: str) -> int:
    """Move ``quantity`` units into this workstation's offline reserve; returns the new reserve.

    With a central database configured the units come from the branch's central pool (never
    granted offline: CentralStockUnavailable); else from the local allocation.
    """
    from workstation import errors
    from workstation.services import runtime

    if actor.workstation_id is None:
        raise errors.NotFound(what="本营业部的工作站")
    authority = runtime.for_store(store).stock_authority(actor.workstation_id)
    with store.write() as session:
        return gifts_stock.reserve_stock(
            session, actor, gift_id, quantity, actor.workstation_id, reason, authority=authority
        )


def release_reserve(store: Store, actor: Actor, gift_id: uuid.UUID, quantity: int, reason: str) -> int:
    """Give ``quantity`` units of this workstation's reserve back to the branch; returns the new reserve."""
    from workstation import errors

    if actor.workstation_id is None:
        raise errors.NotFound(what="本营业部的工作站")
    with store.write() as session:
        return gifts_stock.release_reserve(session, actor, gift_id, quantity, actor.workstation_id, reason)


def load_campaigns(store: Store, actor: Actor) -> list[campaigns.CampaignView]:
    """The campaigns this counter holds (firm-wide and its branch's), read-only."""
    with store.read() as session:
        return campaigns.list_campaigns(session, actor.branch_id)


def count_stock(store: Store, actor: Actor, gift_id: uuid.UUID, counted: int, reason: str) -> gifts_stock.StockCount:
    with store.write() as session:
        return gifts_stock.record_stock_count(session, actor, gift_id, counted, reason)

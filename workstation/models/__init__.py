"""SQLAlchemy models for the whole workstation, one module per business concept.

Importing this package registers every table on :data:`Base.metadata` (what Alembic compares).
"""

from workstation.models.accounts import AccountApplication, Questionnaire, TransferStep
from workstation.models.base import Base, BranchScoped, Synced
from workstation.models.clients import Client
from workstation.models.documents import PrintedDocument, PrintJob
from workstation.models.gifts import Campaign, Gift, GiftIssue, GiftStockMovement
from workstation.models.journal import AuditEvent, OutboxMessage, SyncState
from workstation.models.leads import Lead, ReturnVisit
from workstation.models.org import Branch, Counter, Policy, Staff, Workstation
from workstation.models.reception import Appointment, CompetitorOffer, DutyShift, Visit

__all__ = [
    "AccountApplication",
    "Appointment",
    "AuditEvent",
    "Base",
    "Branch",
    "BranchScoped",
    "Campaign",
    "Client",
    "CompetitorOffer",
    "Counter",
    "DutyShift",
    "Gift",
    "GiftIssue",
    "GiftStockMovement",
    "Lead",
    "OutboxMessage",
    "Policy",
    "PrintJob",
    "PrintedDocument",
    "Questionnaire",
    "ReturnVisit",
    "Staff",
    "SyncState",
    "Synced",
    "TransferStep",
    "Visit",
    "Workstation",
]

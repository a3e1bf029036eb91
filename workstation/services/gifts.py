"""Gifts at the counter: who may receive what and why, issuing, the signed receipt, voids.

- :func:`eligibility` lists every active campaign's gifts for a client with eligible yes/no and
  the reason (rules in :mod:`workstation.services.gifts_rules`).
- :func:`issue` records a :class:`~workstation.models.GiftIssue` (awaiting signature) and takes
  the units from stock (:mod:`workstation.services.gifts_stock`) in the caller's transaction.
  The issue's id is the request id made by the counter: a replay returns the first issue and
  never decrements the stock twice.
- :func:`create_receipt` numbers and renders the 礼品领取签收单 through the documents service,
  naming a reviewer (复核人) who is not the issuer.
- :func:`confirm_signature` (reviewer, not the issuer) marks the signed receipt returned;
  :func:`void_issue` (supervisor, not the issuer, with a reason) voids it and puts the units back
  with a compensating ``void`` movement.

Every function returns frozen dataclasses, never ORM objects.
"""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import business_date, utcnow
from workstation.domain import (
    ApplicationStatus,
    AppointmentStatus,
    Channel,
    GiftIssueStatus,
    Purpose,
    Role,
    ServiceLine,
    VisitOutcome,
)
from workstation.masking import mask_id_number, mask_phone
from workstation.models import AccountApplication, Appointment, Campaign, Client, Gift, GiftIssue, Staff, Visit
from workstation.services import audit, clients
from workstation.services.actor import Actor
from workstation.services.gifts_rules import (
    CampaignTerms,
    ClientFacts,
    GiftEligibility,
    GiftOffer,
    PriorIssue,
    evaluate,
)
from workstation.services.gifts_stock import (
    StockAuthority,
    StockSource,
    check_reason,
    default_authority,
    draw_or_reserve,
    out_of_stock,
)
from workstation.services.policy import get_policy

ISSUE_ROLES = (Role.RECEPTION, Role.CLERK, Role.SUPERVISOR)
CONFIRM_ROLES = (Role.REVIEWER, Role.SUPERVISOR)
VOID_ROLES = (Role.SUPERVISOR,)
LINE_PURPOSE = {ServiceLine.NEW_ACCOUNT: Purpose.NEW_ACCOUNT, ServiceLine.TRANSFER_IN: Purpose.TRANSFER_IN}
OUTCOME_DONE = {VisitOutcome.ACCOUNT_OPENED: Purpose.NEW_ACCOUNT, VisitOutcome.TRANSFER_SUBMITTED: Purpose.TRANSFER_IN}
APPLICATION_DONE = (ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED)


# --- what callers get back ---------------------------------------------------------------------


@dataclass(frozen=True)
class ClientSummary:
    """A client as the gifts screen shows them (ID and mobile masked)."""

    client_id: uuid.UUID
    name: str
    id_masked: str
    mobile_masked: str
    status_label: str
    channel_label: str
    agent_name: str


@dataclass(frozen=True)
class ClientGifts:
    """A client and every active campaign gift with its verdict."""

    client: ClientSummary
    gifts: tuple[GiftEligibility, ...]
    visit_id: uuid.UUID | None = None
    appointment_id: uuid.UUID | None = None

    @property
    def eligible(self) -> tuple[GiftEligibility, ...]:
        return tuple(g for g in self.gifts if g.eligible)


@dataclass(frozen=True)
class GiftIssueView:
    """A gift issue as lists show it."""

    issue_id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    campaign_code: str
    campaign_name: str
    gift_id: uuid.UUID
    gift_name: str
    quantity: int
    unit_value_fen: int
    status: GiftIssueStatus
    issued_at: datetime
    issued_by_id: uuid.UUID
    issued_by_name: str
    agent_name: str
    signed_at: datetime | None
    voided_at: datetime | None
    voided_by_name: str
    void_reason: str


@dataclass(frozen=True)
class IssueOutcome:
    """What :func:`issue` did: the issue, whether it was a replay, and where the units came from."""

    issue: GiftIssueView
    replayed: bool
    source: StockSource | None


@dataclass(frozen=True)
class StaffChoice:
    staff_id: uuid.UUID
    label: str


# --- finding clients ---------------------------------------------------------------------------


def _summary(session: Session, client: Client) -> ClientSummary:
    agent = session.get(Staff, client.telesales_agent_id) if client.telesales_agent_id else None
    return ClientSummary(
        client.id,
        client.name,
        mask_id_number(client.id_number),
        mask_phone(client.mobile),
        client.status.label,
        client.channel.label,
        agent.name if agent else "",
    )


def find_clients(session: Session, branch_id: uuid.UUID, text: str) -> list[ClientSummary]:
    """Clients of the branch by mobile, last four digits + surname, pinyin, name or appointment code.

    Raises:
        SearchTextInvalid: the text has no recognisable shape (see ``reception.parse_search``).
    """
    from workstation.services.reception import QueryKind, parse_search

    query = parse_search(text)
    live = (Client.branch_id == branch_id, Client.deleted_at.is_(None))
    found: Sequence[Client]
    if query.kind is QueryKind.MOBILE:
        found = clients.find_by_mobile(session, query.value, branch_id)
    elif query.kind is QueryKind.PINYIN:
        found = clients.find_by_pinyin(session, query.value, branch_id)
    elif query.kind is QueryKind.NAME:
        found = session.scalars(
            sa.select(Client).where(*live, Client.name == query.value).limit(clients.MAX_RESULTS)
        ).all()
    elif query.kind is QueryKind.MOBILE_TAIL:
        found = session.scalars(
            sa.select(Client)
            .where(*live, Client.mobile.endswith(query.value), Client.name.startswith(query.surname))
            .limit(clients.MAX_RESULTS)
        ).all()
    else:
        found = session.scalars(
            sa.select(Client)
            .join(Appointment, Appointment.client_id == Client.id)
            .where(*live, Appointment.code == query.value)
        ).all()
    return [_summary(session, c) for c in found]


# --- eligibility ---------------------------------------------------------------------------------


def _client(session: Session, branch_id: uuid.UUID, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None or client.deleted_at is not None or client.branch_id != branch_id:
        raise errors.NotFound(what="本营业部的客户")
    return client


def client_facts(
    session: Session,
    client: Client,
    *,
    visit_id: uuid.UUID | None = None,
    appointment_id: uuid.UUID | None = None,
) -> tuple[ClientFacts, uuid.UUID | None]:
    """The eligibility facts of ``client`` and the telesales agent who invited them (if any).

    Purposes come from the client's appointments (not cancelled), visits (by line) and account
    applications; completion from visit outcomes and submitted/approved applications.
    """
    purposes: set[Purpose] = set()
    done: set[Purpose] = set()
    channels = {client.channel.value}
    agent_id = client.telesales_agent_id
    appointments = list(
        session.scalars(
            sa.select(Appointment).where(
                Appointment.client_id == client.id, Appointment.status != AppointmentStatus.CANCELLED
            )
        )
    )
    visits = list(session.scalars(sa.select(Visit).where(Visit.client_id == client.id)))
    if visit_id is not None and all(v.id != visit_id for v in visits):
        visit = session.get(Visit, visit_id)
        if visit is not None:
            visits.append(visit)
    if appointment_id is not None and all(a.id != appointment_id for a in appointments):
        appointment = session.get(Appointment, appointment_id)
        if appointment is not None:
            appointments.append(appointment)
    for visit in visits:
        if visit.appointment_id and all(a.id != visit.appointment_id for a in appointments):
            linked = session.get(Appointment, visit.appointment_id)
            if linked is not None:
                appointments.append(linked)
        if visit.service_line in LINE_PURPOSE:
            purposes.add(LINE_PURPOSE[visit.service_line])
        if visit.outcome in OUTCOME_DONE:
            done.add(OUTCOME_DONE[visit.outcome])
    for appointment in appointments:
        purposes.add(appointment.purpose)
        if appointment.telesales_agent_id is not None:
            channels.add(Channel.TELESALES.value)
            if appointment.id == appointment_id or agent_id is None:
                agent_id = appointment.telesales_agent_id
    for kind, status in session.execute(
        sa.select(AccountApplication.kind, AccountApplication.status).where(
            AccountApplication.client_id == client.id, AccountApplication.deleted_at.is_(None)
        )
    ):
        if status is ApplicationStatus.CANCELLED:
            continue
        purposes.add(Purpose(kind.value))
        if status in APPLICATION_DONE:
            done.add(Purpose(kind.value))
    issued: dict[uuid.UUID, PriorIssue] = {}
    for row, gift_name in session.execute(
        sa.select(GiftIssue, Gift.name)
        .join(Gift, Gift.id == GiftIssue.gift_id)
        .where(GiftIssue.client_id == client.id, GiftIssue.status != GiftIssueStatus.VOIDED)
    ):
        issued[row.campaign_id] = PriorIssue(
            row.id, gift_name, row.issued_at, row.unit_value_fen * row.quantity, row.status.label
        )
    facts = ClientFacts(
        client.id, client.status, frozenset(channels), frozenset(purposes), frozenset(done), client.assets_fen, issued
    )
    return facts, agent_id


def campaign_terms(campaign: Campaign, default_cap_fen: int) -> CampaignTerms:
    rules = campaign.rules or {}
    return CampaignTerms(
        campaign.id,
        campaign.code,
        campaign.name,
        campaign.starts_on,
        campaign.ends_on,
        campaign.active and campaign.deleted_at is None,
        tuple(campaign.channels or ()),
        tuple(rules.get("purposes") or ()),
        bool(rules.get("requires_completed", False)),
        int(rules.get("min_assets_fen") or 0),
        campaign.per_client_cap_fen or default_cap_fen,
    )


def _default_cap(session: Session, branch_id: uuid.UUID) -> int:
    return int(get_policy(session, "gifts", branch_id).get("default_per_client_cap_fen", 0) or 0)


def _evaluate_gift(
    session: Session,
    actor: Actor,
    facts: ClientFacts,
    campaign: Campaign,
    gift: Gift,
    authority: StockAuthority,
    today: date,
    quantity: int,
) -> GiftEligibility:
    offer = GiftOffer(
        gift.id,
        gift.sku,
        gift.name,
        gift.spec,
        gift.unit_value_fen,
        gift.active and gift.deleted_at is None,
        authority.available(session, actor.branch_id, gift.id),
    )
    return evaluate(facts, campaign_terms(campaign, _default_cap(session, actor.branch_id)), offer, today, quantity)


def eligibility(
    session: Session,
    actor: Actor,
    client_id: uuid.UUID,
    *,
    visit_id: uuid.UUID | None = None,
    appointment_id: uuid.UUID | None = None,
    authority: StockAuthority | None = None,
    today: date | None = None,
) -> ClientGifts:
    """Every gift of the active campaigns open to the branch, with eligible yes/no and why."""
    client = _client(session, actor.branch_id, client_id)
    facts, _ = client_facts(session, client, visit_id=visit_id, appointment_id=appointment_id)
    authority = authority or default_authority(actor.workstation_id)
    day = today or business_date()
    rows = session.execute(
        sa.select(Campaign, Gift)
        .join(Gift, Gift.campaign_id == Campaign.id)
        .where(Campaign.active, Campaign.deleted_at.is_(None), Gift.active, Gift.deleted_at.is_(None))
        .where(sa.or_(Campaign.branch_id.is_(None), Campaign.branch_id == actor.branch_id))
        .order_by(Campaign.code, Gift.sku)
    )
    items = tuple(_evaluate_gift(session, actor, facts, c, g, authority, day, 1) for c, g in rows)
    return ClientGifts(_summary(session, client), items, visit_id, appointment_id)


# --- issuing -------------------------------------------------------------------------------------


def _lock_client_campaign(session: Session, client_id: uuid.UUID, campaign_id: uuid.UUID) -> None:
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"gift-once:{client_id}:{campaign_id}".encode()) - 2**31
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


def _names(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(sa.select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())


def _views(session: Session, issues: Sequence[GiftIssue]) -> list[GiftIssueView]:
    if not issues:
        return []
    names = _names(session, {i.issued_by_id for i in issues} | {i.telesales_agent_id for i in issues} | {
        i.voided_by_id for i in issues
    })  # fmt: skip
    gifts = {g.id: g for g in session.scalars(sa.select(Gift).where(Gift.id.in_({i.gift_id for i in issues})))}
    campaigns = {
        c.id: c for c in session.scalars(sa.select(Campaign).where(Campaign.id.in_({i.campaign_id for i in issues})))
    }
    people = dict(
        session.execute(sa.select(Client.id, Client.name).where(Client.id.in_({i.client_id for i in issues}))).all()
    )
    return [
        GiftIssueView(
            i.id,
            i.client_id,
            people.get(i.client_id, ""),
            campaigns[i.campaign_id].code,
            campaigns[i.campaign_id].name,
            i.gift_id,
            gifts[i.gift_id].name,
            i.quantity,
            i.unit_value_fen,
            i.status,
            i.issued_at,
            i.issued_by_id,
            names.get(i.issued_by_id, ""),
            names.get(i.telesales_agent_id, "") if i.telesales_agent_id else "",
            i.signed_at,
            i.voided_at,
            names.get(i.voided_by_id, "") if i.voided_by_id else "",
            i.void_reason,
        )
        for i in issues
    ]


def issue(
    session: Session,
    actor: Actor,
    client_id: uuid.UUID,
    gift_id: uuid.UUID,
    *,
    request_id: uuid.UUID,
    visit_id: uuid.UUID | None = None,
    appointment_id: uuid.UUID | None = None,
    quantity: int = 1,
    authority: StockAuthority | None = None,
    today: date | None = None,
) -> IssueOutcome:
    """Issue a gift to a client in the caller's write transaction; status "awaiting signature".

    ``request_id`` is made once by the counter for this request (a UUID) and becomes the issue's
    id: sending the same request again returns the first issue (``replayed``) and takes no stock.

    Raises:
        PermissionDenied: the actor may not issue gifts.
        NotFound: no such client at the branch, or no such gift.
        GiftAlreadyIssued: the client holds a live gift of this campaign.
        GiftOutOfStock: the stock the authority may draw on does not hold ``quantity``.
        GiftNotEligible: any other rule refuses it (the reason says which).
        ConflictError: ``request_id`` was already used for another client or gift.
    """
    actor.require(ISSUE_ROLES, "发放礼品")
    gift = session.get(Gift, gift_id)
    if gift is None or gift.deleted_at is not None:
        raise errors.NotFound(what="礼品")
    campaign = session.get(Campaign, gift.campaign_id)
    assert campaign is not None
    authority = authority or default_authority(actor.workstation_id)
    replay = _replay(session, request_id, client_id, gift_id)
    if replay is not None:
        return replay
    _lock_client_campaign(session, client_id, campaign.id)
    from workstation.services.gifts_stock import lock_gift_stock

    lock_gift_stock(session, actor.branch_id, gift_id)
    replay = _replay(session, request_id, client_id, gift_id)  # a concurrent replay won the lock
    if replay is not None:
        return replay
    client = _client(session, actor.branch_id, client_id)
    facts, agent_id = client_facts(session, client, visit_id=visit_id, appointment_id=appointment_id)
    verdict = _evaluate_gift(session, actor, facts, campaign, gift, authority, today or business_date(), quantity)
    if not verdict.eligible:
        first = verdict.failed[0]
        if first.rule == "once":
            raise errors.GiftAlreadyIssued(campaign=campaign.name)
        if first.rule == "stock":
            raise out_of_stock(session, authority, actor.branch_id, gift, verdict.gift.available, quantity)
        raise errors.GiftNotEligible(gift=gift.name, reason=first.zh, reason_en=first.en)
    row = GiftIssue(
        id=request_id,
        branch_id=actor.branch_id,
        campaign_id=campaign.id,
        gift_id=gift.id,
        client_id=client.id,
        visit_id=visit_id,
        quantity=quantity,
        unit_value_fen=gift.unit_value_fen,
        issued_by_id=actor.staff_id,
        issued_at=utcnow(),
        telesales_agent_id=agent_id,
    )
    session.add(row)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:  # the database's one-per-campaign rule (a race the locks missed)
        raise errors.GiftAlreadyIssued(campaign=campaign.name) from exc
    draw = draw_or_reserve(session, authority, row, staff_id=actor.staff_id, workstation_id=actor.workstation_id)
    audit.record(
        session, actor, "gifts.issue", entity="gift_issue", entity_id=row.id, gift=gift.sku, campaign=campaign.code,
        quantity=quantity, value_fen=gift.unit_value_fen * quantity, source=draw.source.value,
    )  # fmt: skip
    return IssueOutcome(_views(session, [row])[0], False, draw.source)


def _replay(session: Session, request_id: uuid.UUID, client_id: uuid.UUID, gift_id: uuid.UUID) -> IssueOutcome | None:
    existing = session.get(GiftIssue, request_id, populate_existing=True)
    if existing is None:
        return None
    if existing.client_id != client_id or existing.gift_id != gift_id:
        raise errors.ConflictError()
    return IssueOutcome(_views(session, [existing])[0], True, None)


def issue_row(session: Session, actor: Actor, issue_id: uuid.UUID) -> GiftIssue:
    row = session.get(GiftIssue, issue_id)
    if row is None or row.branch_id != actor.branch_id or row.deleted_at is not None:
        raise errors.NotFound(what="礼品发放记录")
    return row


def _refuse_state(row: GiftIssue, action: str, action_en: str) -> None:
    raise errors.GiftIssueStateInvalid(
        status=row.status.label, status_en=row.status.value, action=action, action_en=action_en
    )


def confirm_signature(session: Session, actor: Actor, issue_id: uuid.UUID) -> GiftIssueView:
    """The reviewer confirms the client signed the receipt: "awaiting signature" → "signed".

    Raises:
        PermissionDenied: not a reviewer or supervisor.
        SameIssuerRefused: the actor issued the gift (发放人 ≠ 复核人).
        GiftIssueStateInvalid: already signed or voided.
    """
    actor.require(CONFIRM_ROLES, "确认礼品签收")
    row = issue_row(session, actor, issue_id)
    if row.status is not GiftIssueStatus.AWAITING_SIGNATURE:
        _refuse_state(row, "确认签收", "confirmed as signed")
    if row.issued_by_id == actor.staff_id:
        raise errors.SameIssuerRefused(name=actor.name, action="确认签收", action_en="confirm the signature")
    row.status = GiftIssueStatus.SIGNED
    row.signed_at = utcnow()
    session.flush()
    audit.record(session, actor, "gifts.signed", entity="gift_issue", entity_id=row.id)
    return _views(session, [row])[0]


def void_issue(session: Session, actor: Actor, issue_id: uuid.UUID, reason: str) -> GiftIssueView:
    """A supervisor voids an issue (gift returned or issued in error); the units go back to the
    branch allocation with a compensating ``void`` movement.

    Raises:
        PermissionDenied: not a supervisor.
        SameIssuerRefused: the supervisor issued it themself.
        ReasonRequired: no reason given.
        GiftIssueStateInvalid: already voided.
    """
    from workstation.domain import StockMovementKind
    from workstation.services.gifts_stock import add_movement, lock_gift_stock

    actor.require(VOID_ROLES, "作废礼品发放")
    row = issue_row(session, actor, issue_id)
    if row.status is GiftIssueStatus.VOIDED:
        _refuse_state(row, "作废", "voided")
    if row.issued_by_id == actor.staff_id:
        raise errors.SameIssuerRefused(name=actor.name, action="审批作废", action_en="approve the void")
    text = check_reason(reason, "作废", "void")
    lock_gift_stock(session, row.branch_id, row.gift_id)
    row.status = GiftIssueStatus.VOIDED
    row.voided_at = utcnow()
    row.voided_by_id = actor.staff_id
    row.void_reason = text
    session.flush()
    add_movement(
        session, branch_id=row.branch_id, gift_id=row.gift_id, kind=StockMovementKind.VOID, quantity=row.quantity,
        workstation_id=None, staff_id=actor.staff_id, gift_issue_id=row.id, reason=f"作废退回：{text}",
    )  # fmt: skip
    audit.record(session, actor, "gifts.void", entity="gift_issue", entity_id=row.id, reason=text)
    return _views(session, [row])[0]


# --- lists ---------------------------------------------------------------------------------------


def awaiting_signature(session: Session, branch_id: uuid.UUID) -> list[GiftIssueView]:
    """Issues whose signed receipt has not been confirmed yet, oldest first."""
    rows = session.scalars(
        sa.select(GiftIssue)
        .where(GiftIssue.branch_id == branch_id, GiftIssue.status == GiftIssueStatus.AWAITING_SIGNATURE)
        .order_by(GiftIssue.issued_at)
    ).all()
    return _views(session, rows)


def issues_on(session: Session, branch_id: uuid.UUID, day: date) -> list[GiftIssueView]:
    """Every issue of the branch's business day, newest first (voided ones included)."""
    from workstation.services.gifts_report import day_bounds

    start, end = day_bounds(day)
    rows = session.scalars(
        sa.select(GiftIssue)
        .where(GiftIssue.branch_id == branch_id, GiftIssue.issued_at >= start, GiftIssue.issued_at < end)
        .order_by(GiftIssue.issued_at.desc())
    ).all()
    return _views(session, rows)

"""Minimal valid rows for core tests (independent of the demo data, which may change)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy.orm import Session

from workstation.clock import utcnow
from workstation.ids import new_id
from workstation.models import Appointment, Branch, Campaign, Client, Gift, GiftIssue, Staff

_serial = itertools.count(1)
new_uuid = new_id
now = utcnow


def serial() -> int:
    return next(_serial)


def branch(session: Session, **values: object) -> Branch:
    n = serial()
    row = Branch(**{"code": f"T-{n:03d}", "name": f"测试营业部{n}", "address": "北京市朝阳区建国门外大街1号"} | values)
    session.add(row)
    session.flush()
    return row


def staff(session: Session, branch_row: Branch | None = None, **values: object) -> Staff:
    n = serial()
    defaults = {"staff_no": f"X{n:04d}", "name": "测试柜员", "password_hash": "-", "roles": ["clerk"]}
    row = Staff(branch_id=branch_row.id if branch_row else None, **(defaults | values))
    session.add(row)
    session.flush()
    return row


def client(session: Session, branch_row: Branch, **values: object) -> Client:
    n = serial()
    row = Client(branch_id=branch_row.id, **({"name": "张三", "id_number": f"11010519491231{n:04d}"} | values))
    session.add(row)
    session.flush()
    return row


def campaign_with_gift(session: Session) -> tuple[Campaign, Gift]:
    n = serial()
    today = date(2026, 1, 1)
    campaign = Campaign(code=f"C{n}", name="开户有礼", starts_on=today, ends_on=today + timedelta(days=90))
    session.add(campaign)
    session.flush()
    gift = Gift(campaign_id=campaign.id, sku=f"SKU{n}", name="保温杯", unit_value_fen=5000)
    session.add(gift)
    session.flush()
    return campaign, gift


def gift_issue(
    session: Session, branch_row: Branch, campaign: Campaign, gift: Gift, client_row: Client, clerk: Staff
) -> GiftIssue:
    row = GiftIssue(
        branch_id=branch_row.id,
        campaign_id=campaign.id,
        gift_id=gift.id,
        client_id=client_row.id,
        unit_value_fen=gift.unit_value_fen,
        issued_by_id=clerk.id,
        issued_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def appointment(session: Session, branch_row: Branch) -> Appointment:
    n = serial()
    start = utcnow() + timedelta(days=1)
    row = Appointment(
        branch_id=branch_row.id,
        code=f"A{n:06d}",
        client_name="李四",
        mobile="13800138000",
        slot_start=start,
        slot_end=start + timedelta(minutes=30),
    )
    session.add(row)
    session.flush()
    return row

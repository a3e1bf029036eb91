"""Finding clients at the counter: by mobile number or by pinyin search keys (indexed lookups)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.models import Client

MAX_RESULTS = 20


def find_by_mobile(session: Session, mobile: str, branch_id: uuid.UUID | None = None) -> Sequence[Client]:
    """Clients with exactly this mobile number (spaces, dashes and +86 ignored), newest first."""
    digits = re.sub(r"\D", "", mobile)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    query = sa.select(Client).where(Client.mobile == digits, Client.deleted_at.is_(None))
    if branch_id is not None:
        query = query.where(Client.branch_id == branch_id)
    return session.scalars(query.order_by(Client.created_at.desc()).limit(MAX_RESULTS)).all()


def find_by_pinyin(session: Session, text: str, branch_id: uuid.UUID | None = None) -> Sequence[Client]:
    """Clients whose initials or full pinyin start with ``text`` ("zs", "zhangs"), by name.

    Uses a half-open range rather than LIKE, so the B-tree indexes serve it on SQLite too.
    """
    key = re.sub(r"[^a-z]", "", text.lower())
    if not key:
        return []
    upper = key[:-1] + chr(ord(key[-1]) + 1)
    query = sa.select(Client).where(
        sa.or_(
            sa.and_(Client.pinyin_initials >= key, Client.pinyin_initials < upper),
            sa.and_(Client.pinyin_full >= key, Client.pinyin_full < upper),
        ),
        Client.deleted_at.is_(None),
    )
    if branch_id is not None:
        query = query.where(Client.branch_id == branch_id)
    return session.scalars(query.order_by(Client.pinyin_full).limit(MAX_RESULTS)).all()

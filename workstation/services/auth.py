"""Logging in: argon2 password hashes, lock-out after repeated failures, audited.

:func:`login` owns its transactions, because a failed attempt must be recorded (and may lock the
account) even though the login itself is refused.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import local, utcnow
from workstation.domain import Role
from workstation.models import Branch, Staff
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.policy import get_policy
from workstation.store import Store


@cache
def _hasher() -> PasswordHasher:
    # argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~20 ms here, so the
    # main window follows the login at once; brute force is stopped by the lock-out, and the
    # hashes never leave the workstation's database. Older hashes are upgraded at login.
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str, min_length: int) -> None:
    """Raise WeakPassword unless the password has ``min_length`` chars with letters and digits."""
    if len(password) < min_length or not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise errors.WeakPassword(min_length=min_length)


def normalize_staff_no(staff_no: str) -> str:
    return staff_no.strip().upper()


def login(store: Store, branch_id: uuid.UUID, staff_no: str, password: str, workstation_id: uuid.UUID | None) -> Actor:
    """Check a staff number and password at this branch's workstation.

    Raises:
        InvalidCredentials: unknown staff number or wrong password (the failure is recorded).
        AccountLocked: too many failures; locked until the time in the message.
        AccountDisabled, WrongBranch: the staff member may not log in here.
    """
    staff_no = normalize_staff_no(staff_no)
    with store.write() as session:
        branch = session.get(Branch, branch_id)
        if branch is None:
            raise errors.NotFound(what="本营业部")
        policy = get_policy(session, "auth", branch_id)
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == staff_no)).one_or_none()
        failure = _check(session, staff, branch, password, policy)
        if failure is None:
            assert staff is not None
            return _succeed(session, staff, branch, password, workstation_id)
    # Outside the block: the failed attempt above is committed before the refusal is raised.
    raise failure


def _check(
    session: Session, staff: Staff | None, branch: Branch, password: str, policy: dict[str, int]
) -> errors.UserError | None:
    max_failures = int(policy["max_failed_logins"])
    now = utcnow()
    if staff is None:
        audit.record(session, None, "auth.login_failed", branch_id=branch.id, reason="unknown_staff_no")
        return errors.InvalidCredentials(remaining=max_failures)
    if staff.locked_until is not None and staff.locked_until > now:
        return errors.AccountLocked(until=local(staff.locked_until).strftime("%H:%M"))
    if not staff.active:
        return errors.AccountDisabled()
    if staff.branch_id is not None and staff.branch_id != branch.id:
        return errors.WrongBranch(branch=branch.name)
    if password_matches(staff.password_hash, password):
        return None
    staff.failed_logins += 1
    audit.record(
        session, None, "auth.login_failed", branch_id=branch.id, entity="staff", entity_id=staff.id,
        staff_no=staff.staff_no, failures=staff.failed_logins,
    )  # fmt: skip
    if staff.failed_logins >= max_failures:
        staff.locked_until = now + timedelta(minutes=int(policy["lock_minutes"]))
        staff.failed_logins = 0
        audit.record(session, None, "auth.locked", branch_id=branch.id, entity="staff", entity_id=staff.id)
        return errors.AccountLocked(until=local(staff.locked_until).strftime("%H:%M"))
    return errors.InvalidCredentials(remaining=max_failures - staff.failed_logins)


def _succeed(session: Session, staff: Staff, branch: Branch, password: str, workstation_id: uuid.UUID | None) -> Actor:
    staff.failed_logins = 0
    staff.locked_until = None
    if _hasher().check_needs_rehash(staff.password_hash):
        staff.password_hash = hash_password(password)
    actor = actor_for(staff, branch, workstation_id)
    audit.record(session, actor, "auth.login", entity="staff", entity_id=staff.id)
    return actor


def actor_for(staff: Staff, branch: Branch, workstation_id: uuid.UUID | None) -> Actor:
    return Actor(
        staff_id=staff.id,
        staff_no=staff.staff_no,
        name=staff.name,
        roles=frozenset(Role(code) for code in staff.roles if code in Role._value2member_map_),
        branch_id=branch.id,
        branch_name=branch.name,
        workstation_id=workstation_id,
    )


def verify_unlock(store: Store, actor: Actor, password: str) -> None:
    """Unlock an idle-locked screen for the same member of staff (counts failures like a login)."""
    login(store, actor.branch_id, actor.staff_no, password, actor.workstation_id)


def record_logout(session: Session, actor: Actor, reason: str = "user") -> None:
    audit.record(session, actor, "auth.logout", entity="staff", entity_id=actor.staff_id, reason=reason)


def unlock_account(session: Session, actor: Actor, staff_no: str) -> None:
    """A supervisor lifts a lock-out."""
    actor.require([Role.SUPERVISOR], "解锁账号")
    staff = session.scalars(sa.select(Staff).where(Staff.staff_no == normalize_staff_no(staff_no))).one_or_none()
    if staff is None:
        raise errors.NotFound(what=f"工号 {staff_no}")
    staff.locked_until = None
    staff.failed_logins = 0
    audit.record(session, actor, "auth.unlock", entity="staff", entity_id=staff.id)


def change_password(session: Session, actor: Actor, old: str, new: str) -> None:
    """Change one's own password.

    Raises:
        InvalidCredentials: ``old`` is wrong. WeakPassword: ``new`` is too weak.
    """
    staff = session.get(Staff, actor.staff_id)
    if staff is None:
        raise errors.NotFound(what="当前工号")
    policy = get_policy(session, "auth", actor.branch_id)
    if not password_matches(staff.password_hash, old):
        raise errors.InvalidCredentials(remaining=int(policy["max_failed_logins"]))
    check_password_strength(new, int(policy["min_password_length"]))
    staff.password_hash = hash_password(new)
    staff.must_change_password = False
    audit.record(session, actor, "auth.password_changed", entity="staff", entity_id=staff.id)

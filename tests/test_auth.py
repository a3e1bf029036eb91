"""Logging in: right and wrong passwords, lock-out, branch rules — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from workstation import errors
from workstation.demo import DEMO_PASSWORD, seed_branch, seed_staff
from workstation.domain import Role
from workstation.models import AuditEvent, Branch, Staff
from workstation.services import auth
from workstation.services.identity import register_workstation
from workstation.store import Store


@pytest.fixture
def branch_id(store: Store):
    with store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
        register_workstation(session, branch, "test")
    return branch.id


def audit_actions(store: Store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.at)))


def test_login_returns_actor_with_roles_and_audits(store: Store, branch_id) -> None:
    actor = auth.login(store, branch_id, " s001 ", DEMO_PASSWORD, None)
    assert actor.staff_no == "S001"
    assert actor.roles == {Role.SUPERVISOR, Role.REVIEWER}
    assert actor.branch_id == branch_id
    assert audit_actions(store) == ["auth.login"]


def test_wrong_password_counts_down_then_locks(store: Store, branch_id) -> None:
    for remaining in (4, 3, 2, 1):
        with pytest.raises(errors.InvalidCredentials) as caught:
            auth.login(store, branch_id, "C001", "wrong", None)
        assert caught.value.params["remaining"] == remaining
        assert f"再错 {remaining} 次" in caught.value.message()
    with pytest.raises(errors.AccountLocked):
        auth.login(store, branch_id, "C001", "wrong", None)
    # Locked: even the right password is refused now.
    with pytest.raises(errors.AccountLocked) as caught:
        auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    assert "锁定" in caught.value.message()
    assert audit_actions(store).count("auth.login_failed") == 5
    assert "auth.locked" in audit_actions(store)


def test_supervisor_unlocks_a_locked_account(store: Store, branch_id) -> None:
    for _ in range(5):
        with pytest.raises((errors.InvalidCredentials, errors.AccountLocked)):
            auth.login(store, branch_id, "C002", "nope", None)
    supervisor = auth.login(store, branch_id, "S001", DEMO_PASSWORD, None)
    with store.write() as session:
        auth.unlock_account(session, supervisor, "c002")
    assert auth.login(store, branch_id, "C002", DEMO_PASSWORD, None).staff_no == "C002"


def test_clerk_may_not_unlock(store: Store, branch_id) -> None:
    clerk = auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    with pytest.raises(errors.PermissionDenied) as caught, store.write() as session:
        auth.unlock_account(session, clerk, "C002")
    assert "柜员" in caught.value.message()


def test_unknown_staff_number_is_refused_like_a_wrong_password(store: Store, branch_id) -> None:
    with pytest.raises(errors.InvalidCredentials):
        auth.login(store, branch_id, "X999", DEMO_PASSWORD, None)
    assert audit_actions(store) == ["auth.login_failed"]


def test_disabled_and_other_branch_staff_are_refused(store: Store, branch_id) -> None:
    with store.write() as session:
        other = Branch(code="SH-01", name="上海陆家嘴营业部", address="上海")
        session.add(other)
        session.flush()
        session.scalars(sa.select(Staff).where(Staff.staff_no == "C002")).one().branch_id = other.id
        session.scalars(sa.select(Staff).where(Staff.staff_no == "C001")).one().active = False
    with pytest.raises(errors.AccountDisabled):
        auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    with pytest.raises(errors.WrongBranch) as caught:
        auth.login(store, branch_id, "C002", DEMO_PASSWORD, None)
    assert "国贸" in caught.value.message()
    # Call-centre staff (no branch) may log in at any branch.
    assert auth.login(store, branch_id, "T001", DEMO_PASSWORD, None).roles == {Role.TELESALES}


def test_change_password_checks_old_and_strength(store: Store, branch_id) -> None:
    actor = auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    with pytest.raises(errors.InvalidCredentials), store.write() as session:
        auth.change_password(session, actor, "bad-old", "NewPass123")
    with pytest.raises(errors.WeakPassword), store.write() as session:
        auth.change_password(session, actor, DEMO_PASSWORD, "short")
    with store.write() as session:
        auth.change_password(session, actor, DEMO_PASSWORD, "NewPass123")
    assert auth.login(store, branch_id, "C001", "NewPass123", None).staff_no == "C001"

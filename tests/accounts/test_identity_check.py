"""The online identity check through the firm's gateway: a local stand-in gateway (the real one
belongs to the firm and talks to the Ministry/CSDC), the result on the application, the block on
submission and the supervisor's override."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from tests.accounts.test_wizard import run_steps, start
from tests.accounts.world import GOOD_ID, World, make_world
from tests.httpstub import JsonStub
from workstation.accounts import identity_check as ic
from workstation.domain import ApplicationKind, ApplicationStatus
from workstation.models import AccountApplication, AuditEvent
from workstation.store import Store


class Gateway(JsonStub):
    """A stand-in of the firm's identity gateway: answers by ID number."""

    def __init__(self) -> None:
        self.answers: dict[str, Any] = {}
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        super().__init__(self._answer)

    def _answer(self, _path: str, body: dict[str, Any], headers: Any) -> tuple[int, Any]:
        self.requests.append({**body, "auth": headers.get("Authorization")})
        return self.status, self.answers.get(body["id_number"], {"result": "consistent", "reference": "GA-1"})


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    server = Gateway()
    yield server
    server.close()


@pytest.fixture
def world(store: Store) -> World:
    return make_world(store)


def test_the_gateway_answers_consistent_and_inconsistent(gateway: Gateway) -> None:
    verifier = ic.HttpGatewayVerifier(gateway.url, token="t0ken")
    gateway.answers["110101199003071233"] = {"result": "inconsistent", "reference": "GA-2"}
    ok = verifier.verify("张三", "00", GOOD_ID)
    bad = verifier.verify("张三", "00", "110101199003071233")
    assert (ok.status, ok.reference) == (ic.CheckStatus.CONSISTENT, "GA-1")
    assert (bad.status, bad.reference) == (ic.CheckStatus.INCONSISTENT, "GA-2")
    assert gateway.requests[0]["name"] == "张三" and gateway.requests[0]["auth"] == "Bearer t0ken"
    assert uuid.UUID(gateway.requests[0]["request_id"]) != uuid.UUID(gateway.requests[1]["request_id"])


@pytest.mark.parametrize(
    ("status", "answer", "words"),
    [(500, {"error": "x"}, "HTTP 500"), (200, b"<html>", "无法识别"), (200, {"result": "maybe"}, "无法识别")],
)
def test_a_gateway_that_fails_means_not_checked(gateway: Gateway, status: int, answer: Any, words: str) -> None:
    gateway.status = status
    gateway.answers[GOOD_ID] = answer
    result = ic.HttpGatewayVerifier(gateway.url).verify("张三", "00", GOOD_ID)
    assert result.status is ic.CheckStatus.NOT_CHECKED and words in result.detail


def test_an_unreachable_gateway_means_not_checked() -> None:
    result = ic.HttpGatewayVerifier("http://127.0.0.1:9", timeout_s=1).verify("张三", "00", GOOD_ID)
    assert result.status is ic.CheckStatus.NOT_CHECKED and "无法连接" in result.detail


def test_inconsistent_blocks_submission_until_a_supervisor_overrides(world: World, gateway: Gateway) -> None:
    gateway.answers[GOOD_ID] = {"result": "inconsistent", "reference": "GA-9"}
    app_id = start(world, ApplicationKind.NEW_ACCOUNT)
    run_steps(world, app_id, ApplicationKind.NEW_ACCOUNT)
    result = ic.HttpGatewayVerifier(gateway.url).verify("𠮷振䶮", "00", GOOD_ID)
    with world.store.write() as s:
        ic.record_check(s, world.clerk, app_id, result)
    with world.store.write() as s, pytest.raises(ic.IdentityInconsistent) as raised:
        world.wizard.submit(s, world.clerk, app_id)
    assert "GA-9" in raised.value.message()
    with world.store.write() as s, pytest.raises(ic.OverrideInvalid):
        ic.override(s, world.supervisor, app_id, "  ")
    with world.store.write() as s, pytest.raises(ic.errors.PermissionDenied):
        ic.override(s, world.reviewer, app_id, "已电话核实本人")
    with world.store.write() as s:
        ic.override(s, world.supervisor, app_id, "公安系统照片陈旧，已人工比对本人")
    with world.store.write() as s:
        outcome = world.wizard.submit(s, world.clerk, app_id)
    with world.store.read() as s:
        app = s.get(AccountApplication, app_id)
        assert app is not None and app.status is ApplicationStatus.SUBMITTED
        assert app.identity_check_ref == "GA-9" and app.identity_override_by_id == world.supervisor.staff_id
        events = s.scalars(sa.select(AuditEvent).where(AuditEvent.entity_id == app_id)).all()
        check = next(e for e in events if e.action == "accounts.identity_check")
        assert check.details["id_number"].startswith("360") and GOOD_ID not in json.dumps(check.details)
        assert any(e.action == "accounts.identity_override" for e in events)
    assert outcome.fund_account


def test_not_checked_and_consistent_do_not_block(world: World) -> None:
    for status in (ic.CheckStatus.NOT_CHECKED, ic.CheckStatus.CONSISTENT):
        app_id = start(world, ApplicationKind.NEW_ACCOUNT)
        run_steps(world, app_id, ApplicationKind.NEW_ACCOUNT)
        with world.store.write() as s:
            ic.record_check(s, world.clerk, app_id, ic.CheckResult(status, ic.utcnow(), reference="R"))
        with world.store.write() as s:
            world.wizard.submit(s, world.clerk, app_id)


def test_a_new_check_replaces_an_earlier_override(world: World) -> None:
    app_id = start(world, ApplicationKind.NEW_ACCOUNT)
    with world.store.write() as s:
        ic.record_check(s, world.clerk, app_id, ic.CheckResult(ic.CheckStatus.INCONSISTENT, ic.utcnow(), "R1"))
        ic.override(s, world.supervisor, app_id, "已人工比对本人")
        ic.record_check(s, world.clerk, app_id, ic.CheckResult(ic.CheckStatus.INCONSISTENT, ic.utcnow(), "R2"))
    with world.store.read() as s:
        app = s.get(AccountApplication, app_id)
        assert app is not None and app.identity_override_by_id is None
        with pytest.raises(ic.IdentityInconsistent):
            ic.require_submittable(app)

"""Online identity check (公安部联网核查 / 中登身份核查) through the firm's gateway.

The counter never talks to the Ministry or CSDC itself: the firm's gateway does, and answers
whether name and number agree. :class:`IdentityVerifier` is that interface;
:class:`HttpGatewayVerifier` is the JSON-over-HTTPS adapter most firm gateways offer:

    POST {base_url}/identity/verify   Authorization: Bearer <token>
    {"request_id": "...", "name": "张三", "id_type": "00", "id_number": "1101…"}
    → 200 {"result": "consistent" | "inconsistent", "reference": "GA2026…", "checked_at": "…"}

A gateway that cannot be reached or answers nonsense gives :attr:`CheckStatus.NOT_CHECKED` (the
clerk may go on; the application shows 未核查). The result is recorded on the application
(:func:`record_check`); an *inconsistent* result blocks submission (:func:`require_submittable`)
unless a supervisor overrides it with a reason (:func:`override`). Every step is audited with
the number masked. The tests run a local stand-in gateway; the real one is the firm's.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from workstation import errors
from workstation.accounts.steps import Step
from workstation.accounts.wizard import _entry
from workstation.clock import utcnow
from workstation.domain import Role
from workstation.http_json import HttpJsonError, post_json
from workstation.masking import mask_id_number
from workstation.models import AccountApplication
from workstation.services import audit
from workstation.services.actor import Actor

TIMEOUT_S = 5.0


class CheckStatus(enum.StrEnum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_CHECKED = "not_checked"

    @property
    def label(self) -> str:
        return {"consistent": "一致", "inconsistent": "不一致", "not_checked": "未核查"}[self.value]


@dataclass(frozen=True)
class CheckResult:
    status: CheckStatus
    checked_at: datetime
    reference: str = ""
    detail: str = ""
    """Why it was not checked (gateway unreachable…), for the clerk."""


class IdentityVerifier(Protocol):
    def verify(self, name: str, id_type: str, id_number: str) -> CheckResult: ...


class IdentityInconsistent(errors.UserError):
    code = "accounts.identity_inconsistent"
    zh = "联网核查结果为“不一致”（{reference}），不能提交复核；请核对证件，或由主管审批并填写原因后继续。"
    en = "The online identity check said 'inconsistent' ({reference}); a supervisor must approve with a reason."


class OverrideInvalid(errors.UserError):
    code = "accounts.identity_override_invalid"
    zh = "{detail}"
    en = "{detail_en}"


class HttpGatewayVerifier:
    """The firm's identity gateway over HTTP(S)."""

    def __init__(self, base_url: str, token: str = "", *, timeout_s: float = TIMEOUT_S) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout_s = timeout_s

    def verify(self, name: str, id_type: str, id_number: str) -> CheckResult:
        payload = {"request_id": uuid.uuid4().hex, "name": name, "id_type": id_type, "id_number": id_number}
        try:
            answer = post_json(f"{self.base_url}/identity/verify", payload, token=self.token, timeout_s=self.timeout_s)
        except HttpJsonError as exc:
            if exc.kind == "http":
                return _not_checked(f"核查网关返回 HTTP {exc.status}")
            if exc.kind == "unreachable":
                return _not_checked(f"无法连接核查网关：{exc.detail}")
            return _not_checked("核查网关的应答无法识别")
        result = answer.get("result") if isinstance(answer, dict) else None
        if result not in (CheckStatus.CONSISTENT, CheckStatus.INCONSISTENT):
            return _not_checked("核查网关的应答无法识别")
        return CheckResult(CheckStatus(result), utcnow(), reference=str(answer.get("reference") or "")[:60])


def _not_checked(detail: str) -> CheckResult:
    return CheckResult(CheckStatus.NOT_CHECKED, utcnow(), detail=detail[:200])


# --- on the application --------------------------------------------------------------------------


def record_check(session: Session, actor: Actor, application_id: uuid.UUID, result: CheckResult) -> None:
    """Keep the latest result on the application (a new check clears an earlier override)."""
    app = _application(session, actor, application_id)
    app.identity_check_status = result.status.value
    app.identity_check_at = result.checked_at
    app.identity_check_ref = result.reference
    app.identity_override_by_id, app.identity_override_reason = None, ""
    identity = _entry(app, Step.IDENTITY).get("data") or {}
    audit.record(
        session,
        actor,
        "accounts.identity_check",
        entity="account_application",
        entity_id=app.id,
        status=result.status.value,
        reference=result.reference,
        detail=result.detail,
        id_number=mask_id_number(str(identity.get("id_number") or "")),
    )


def override(session: Session, supervisor: Actor, application_id: uuid.UUID, reason: str) -> None:
    """A supervisor lets an *inconsistent* application go on, with a reason (audited)."""
    supervisor.require((Role.SUPERVISOR,), "审批联网核查不一致")
    app = _application(session, supervisor, application_id)
    reason = reason.strip()
    if app.identity_check_status != CheckStatus.INCONSISTENT:
        raise OverrideInvalid(detail="只有核查结果为“不一致”时才需要主管审批。", detail_en="Nothing to override.")
    if len(reason) < 4:
        raise OverrideInvalid(detail="请填写审批原因（至少 4 个字）。", detail_en="Give a reason (4+ characters).")
    if supervisor.staff_id == app.clerk_id:
        raise OverrideInvalid(detail="经办人不能审批自己的业务。", detail_en="The clerk cannot approve their own case.")
    app.identity_override_by_id = supervisor.staff_id
    app.identity_override_reason = reason[:300]
    audit.record(
        session,
        supervisor,
        "accounts.identity_override",
        entity="account_application",
        entity_id=app.id,
        reference=app.identity_check_ref,
        reason=reason[:300],
    )


def require_submittable(app: AccountApplication) -> None:
    """Raise :class:`IdentityInconsistent` unless the check passed, was not done, or was overridden."""
    if app.identity_check_status == CheckStatus.INCONSISTENT and app.identity_override_by_id is None:
        raise IdentityInconsistent(reference=app.identity_check_ref or "无编号")


def _application(session: Session, actor: Actor, application_id: uuid.UUID) -> AccountApplication:
    app = session.get(AccountApplication, application_id)
    if app is None or app.branch_id != actor.branch_id:
        raise errors.NotFound(what="开户申请")
    return app

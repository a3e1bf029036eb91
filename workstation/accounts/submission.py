"""Submitting an application: re-check every step, create or update the client (never a
duplicate: same document → same client), print the package through
:func:`workstation.services.documents.create_document`, create the transfer-in tasks.

All in the caller's ``Store.write()`` transaction: if any document cannot be produced, nothing of
the submission is kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.accounts import identity_check
from workstation.accounts.rules import tier_for
from workstation.accounts.steps import Step, TransferTask, steps_for, transfer_tasks
from workstation.accounts.wizard import VALIDATORS, AccountWizard, _entries, find_client
from workstation.clock import utcnow
from workstation.domain import AmlRisk, ApplicationKind, ApplicationStatus, Channel, IdType, RiskClass, Role, Sex
from workstation.models import AccountApplication, Branch, Client, Staff, TransferStep
from workstation.names import name_syllables, search_keys
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.documents import DocumentView, create_document

REVIEWER_PLACEHOLDER = "（复核签字）"
"""The 复核 box of forms printed before the review; the reviewer signs there by hand."""


@dataclass(frozen=True)
class SubmitOutcome:
    application_id: uuid.UUID
    client_id: uuid.UUID
    fund_account: str
    documents: tuple[DocumentView, ...]
    transfer_tasks: tuple[TransferTask, ...] = ()


def inviting_agent(app: AccountApplication) -> uuid.UUID | None:
    agent = (app.step_data or {}).get("telesales_agent_id")
    return uuid.UUID(agent) if agent else None


def submit(wizard: AccountWizard, session: Session, actor: Actor, application_id: uuid.UUID) -> SubmitOutcome:
    """Submit for review (经办). See :meth:`AccountWizard.submit`."""
    actor.require((Role.CLERK,), "提交开户申请")
    app: AccountApplication = wizard._editable(session, application_id)
    entries = _entries(app)
    missing = [s for s in steps_for(app.kind) if not entries.get(s.value, {}).get("done")]
    if missing:
        raise errors.StepsIncomplete(steps="、".join(s.label for s in missing), steps_en=", ".join(missing))
    ctx = wizard.context(session, app)
    problems = [p for s in steps_for(app.kind) for p in VALIDATORS[s](entries[s.value]["data"], ctx).errors]
    if problems:
        raise errors.ApplicationInconsistent(summary="；".join(p.zh for p in problems),
                                             summary_en="; ".join(p.en or p.zh for p in problems))  # fmt: skip
    identity_check.require_submittable(app)
    agent = inviting_agent(app)
    if agent is not None and agent == actor.staff_id:
        raise errors.InvitingAgentRefused(name=actor.name, role="经办", role_en="clerk")
    data = {key: entry["data"] for key, entry in entries.items()}
    client = _upsert_client(session, app, data, ctx.rules, agent)
    branch = session.get(Branch, actor.branch_id)
    office = {
        "branch": branch.name if branch else actor.branch_name,
        "clerk": f"{actor.name}（{actor.staff_no}）",
        "reviewer": REVIEWER_PLACEHOLDER,
        "date": wizard.today.isoformat(),
    }
    forms = package(app.kind, data, client, office, branch, ctx.questionnaire or {}, _marketer(session, agent))
    try:
        documents = tuple(
            create_document(session, actor, code, form, client_id=client.id, application_id=app.id,
                            visit_id=app.visit_id)
            for code, form in forms
        )  # fmt: skip
    except errors.ValidationError as exc:
        raise errors.ApplicationInconsistent(summary=exc.message(), summary_en=exc.message("en")) from None
    tasks: tuple[TransferTask, ...] = ()
    if app.kind is ApplicationKind.TRANSFER_IN:
        tasks = _transfer_tasks(session, app, data[Step.PREVIOUS_BROKER.value])
    app.client_id = client.id
    app.clerk_id = actor.staff_id
    app.status = ApplicationStatus.SUBMITTED
    app.submitted_at = utcnow()
    app.reviewer_id, app.reviewed_at = None, None
    session.flush()
    audit.record(session, actor, "accounts.submit", entity="account_application", entity_id=app.id,
                 documents=[d.doc_no for d in documents], client=client.id.hex)  # fmt: skip
    return SubmitOutcome(app.id, client.id, client.fund_account or "", documents, tasks)


def _marketer(session: Session, agent: uuid.UUID | None) -> Staff | None:
    return session.get(Staff, agent) if agent else None


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) and text else None


def _upsert_client(
    session: Session, app: AccountApplication, data: Mapping[str, Mapping[str, Any]], rules: Any,
    agent: uuid.UUID | None,
) -> Client:  # fmt: skip
    ident, contact = data[Step.IDENTITY.value], data[Step.CLIENT_DATA.value]
    survey, aml = data[Step.QUESTIONNAIRE.value], data[Step.AML_CRS.value]
    client = find_client(session, IdType(ident["id_type"]), ident["id_number"])
    if client is None:
        client = Client(branch_id=app.branch_id, name=ident["name"], id_type=IdType(ident["id_type"]),
                        id_number=ident["id_number"])  # fmt: skip
        session.add(client)
    keys = search_keys(ident["name"])
    client.name, client.pinyin_full, client.pinyin_initials = ident["name"], keys.full, keys.initials
    client.id_issuer, client.id_address = ident.get("id_issuer", ""), ident.get("id_address", "")
    client.id_valid_from, client.id_valid_to = _day(ident.get("id_valid_from")), _day(ident.get("id_valid_to"))
    client.id_long_term, client.sex = bool(ident.get("id_long_term")), Sex(ident["sex"])
    client.birth_date, client.nationality = _day(ident["birth_date"]), ident.get("nationality", "CHN")
    client.ethnicity = ident.get("ethnicity", "")
    for name in ("mobile", "phone", "email", "address", "postcode", "occupation", "occupation_text", "employer",
                 "education"):  # fmt: skip
        setattr(client, name, contact.get(name, ""))
    client.channel = Channel(contact.get("channel") or Channel.WALK_IN.value)
    client.telesales_agent_id = agent or client.telesales_agent_id
    client.integrity_flag = bool(contact.get("integrity_flag"))
    client.risk_class, client.risk_score = RiskClass(survey["risk_class"]), int(survey["score"])
    client.risk_assessed_on, client.risk_valid_until = _day(survey["assessed_on"]), _day(survey["valid_until"])
    client.lowest_category = bool(survey.get("lowest_category"))
    client.professional = bool(survey.get("professional"))
    client.professional_valid_until = _day(survey.get("professional_valid_until"))
    client.aml_risk, client.aml_rated_at = AmlRisk(aml["aml_risk"]), utcnow()
    client.aml_reasons = "；".join(aml.get("aml_reasons", []))[:500]
    declared = int(contact.get("assets_fen") or 0)
    broker = data.get(Step.PREVIOUS_BROKER.value, {})
    if broker:
        declared = max(declared, int(broker.get("transfer_assets_fen") or 0))
        client.csdc_account = broker.get("csdc_account", "") or client.csdc_account
        client.sh_account = broker.get("sh_account", "") or client.sh_account
        client.sz_account = broker.get("sz_account", "") or client.sz_account
    client.tier = tier_for(max(client.assets_fen or 0, declared), rules)
    session.flush()
    if not client.fund_account:
        client.fund_account, client.client_no = _new_numbers(session, app.branch_id)
    return client


def _new_numbers(session: Session, branch_id: uuid.UUID) -> tuple[str, str]:
    """The next 资金账号 and 客户号 of the branch (trading unit + serial)."""
    branch = session.get(Branch, branch_id)
    prefix = "".join(ch for ch in (branch.trading_unit if branch else "") if ch.isdigit())[:5] or "10000"
    last = session.scalar(sa.select(sa.func.max(Client.fund_account)).where(Client.fund_account.like(f"{prefix}%")))
    serial = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{serial:07d}", f"{prefix[:4]}{serial:06d}"


def _transfer_tasks(session: Session, app: AccountApplication, broker: Mapping[str, Any]) -> tuple[TransferTask, ...]:
    tasks = transfer_tasks(sh=bool(broker.get("sh_account")), sz=bool(broker.get("sz_account")))
    existing = set(session.scalars(sa.select(TransferStep.step).where(TransferStep.application_id == app.id)))
    for index, task in enumerate(tasks, start=1):
        if task.value not in existing:
            session.add(TransferStep(branch_id=app.branch_id, application_id=app.id, step=task.value,
                                     at_old_broker=task.at_old_broker, sequence=index))  # fmt: skip
    return tasks


# --- the print package ------------------------------------------------------------------------------


def package(
    kind: ApplicationKind, data: Mapping[str, Mapping[str, Any]], client: Client, office: Mapping[str, Any],
    branch: Branch | None, questionnaire: Mapping[str, Any], marketer: Staff | None,
) -> list[tuple[str, dict[str, Any]]]:  # fmt: skip
    """``(form code, data)`` of every form the client signs, in print order."""
    ident, contact = data[Step.IDENTITY.value], data[Step.CLIENT_DATA.value]
    survey, match = data[Step.QUESTIONNAIRE.value], data[Step.SUITABILITY_MATCH.value]
    aml, bank, docs = data[Step.AML_CRS.value], data[Step.CUSTODY_BANK.value], data[Step.DOCUMENTS.value]
    broker = data.get(Step.PREVIOUS_BROKER.value, {})
    who = {**office, "client_name": client.name, "fund_account": client.fund_account or ""}
    core = {**who, "id_type": ident["id_type"], "id_number": ident["id_number"]}
    nationality = "中国" if ident.get("nationality") == "CHN" else str(ident.get("nationality"))
    application = {
        **core, "sex": ident["sex"], "birth_date": ident["birth_date"], "nationality": nationality,
        "ethnicity": ident.get("ethnicity", ""), "id_valid_from": ident["id_valid_from"],
        "id_valid_to": ident.get("id_valid_to") or None, "id_long_term": bool(ident.get("id_long_term")),
        "id_issuer": ident.get("id_issuer") or "—", "id_address": ident.get("id_address") or contact["address"],
        "mobile": contact["mobile"], "phone": contact.get("phone", ""), "email": contact.get("email", ""),
        "address": contact["address"], "postcode": contact["postcode"], "occupation": contact["occupation"],
        "education": contact["education"], "markets": docs["markets"], "sh_account": client.sh_account,
        "sz_account": client.sz_account, "currencies": docs["currencies"], "risk_class": survey["risk_class"],
        "order_channels": docs["order_channels"], "statement_ways": docs.get("statement_ways", []),
        "marketer_name": marketer.name if marketer else "", "marketer_no": marketer.staff_no if marketer else "",
        "marketer_cert": marketer.licence_no if marketer else "",
        "branch_address": branch.address if branch else "—",
        "complaint_phone": (branch.complaint_phone or branch.phone) if branch else "—",
    }  # fmt: skip
    answers = []
    for question in questionnaire.get("questions", []):
        chosen = survey.get("answers", {}).get(question["code"])
        option = next((o for o in question["options"] if o["code"] == chosen), None)
        if option is not None:
            answers.append({"question": question["text"][:100], "answer": option["text"][:100],
                            "points": int(option["points"])})  # fmt: skip
    assessment = {
        **who, "survey_date": survey["assessed_on"], "score": int(survey["score"]), "risk_class": survey["risk_class"],
        "lowest_category": bool(survey.get("lowest_category")), "valid_until": survey["valid_until"],
        "term": survey["term"], "varieties": survey["varieties"], "answers": answers,
    }  # fmt: skip
    forms: list[tuple[str, dict[str, Any]]] = [("account-application", application), ("risk-assessment", assessment)]
    forms += _notices(who, survey, match)
    forms.append(("risk-disclosure", {**who, "documents": docs["signed"]}))
    forms.append(("bank-custody", {
        **core, "address": contact["address"], "postcode": contact["postcode"], "email": contact.get("email", ""),
        "mobile": contact["mobile"], "bank": bank["bank"], "bank_card": bank["bank_card"], "op_type": bank["op_type"],
    }))  # fmt: skip
    pinyin = " ".join(name_syllables(client.name)).upper() or "—"
    forms.append(("crs-declaration", {
        **who, "name_en": aml.get("name_en") or pinyin, "resident_type": aml["resident_type"],
        "birth_date": ident["birth_date"], "birth_place": aml["birth_place"], "address": contact["address"],
        "jurisdictions": [{k: r.get(k, "") for k in ("country", "tin", "no_tin_reason", "explanation")}
                          for r in aml.get("jurisdictions", [])],
    }))  # fmt: skip
    forms.append(("beneficial-owner", {
        **core, "owner_is_self": bool(contact.get("owner_is_self", True)),
        "controller_is_self": bool(contact.get("controller_is_self", True)),
        "owners": [{k: r.get(k, "") for k in ("name", "role", "id_type", "id_number", "id_valid_to", "phone",
                                               "relation")} for r in contact.get("owners", [])],
    }))  # fmt: skip
    if kind is ApplicationKind.TRANSFER_IN:
        seat = (branch.trading_unit if branch else "")[:10]
        forms.append(("transfer-in", {
            **office, "client_name": client.name, "fund_account": client.fund_account or "",
            "mobile": contact["mobile"], "one_code_account": broker.get("csdc_account", ""),
            "old_broker": broker["previous_broker"], "sh_account": broker.get("sh_account", ""), "sh_seat": seat,
            "sz_account": broker.get("sz_account", ""), "sz_transfer": bool(broker.get("sz_transfer")),
            "new_broker": office["branch"], "sz_seat": seat, "holdings": broker.get("holdings", []),
        }))  # fmt: skip
    return forms


def _notices(
    who: Mapping[str, Any], survey: Mapping[str, Any], match: Mapping[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    from workstation.forms.suitability import class_rank

    services: Mapping[str, Mapping[str, str]] = match["service_risks"]
    base = {
        **who, "investor_type": match["investor_type"], "risk_class": survey["risk_class"],
        "lowest_category": bool(survey.get("lowest_category")), "valid_until": survey["valid_until"],
        "term_match": "yes", "variety_match": "yes",
    }  # fmt: skip
    cls = class_rank(survey["risk_class"])
    fitting = [s for s in match["matched"] if class_rank(services.get(s, {}).get("risk", "R5")) <= cls]
    out: list[tuple[str, dict[str, Any]]] = []
    if fitting:
        top = max((services[s]["risk"] for s in fitting), key=class_rank)
        label = "、".join(services[s]["label"] for s in fitting)[:100]
        out.append(("suitability-match", {**base, "product": label, "product_risk": top}))
    for code in match["mismatched"]:
        out.append(("suitability-mismatch", {**base, "product": services[code]["label"],
                    "product_risk": services[code]["risk"], "variety_match": "no",
                    "recording_id": match.get("dual_recording_ref") or "—"}))  # fmt: skip
    return out

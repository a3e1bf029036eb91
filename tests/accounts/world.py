"""Shared set-up for account tests: the demo branch and staff, actors, valid page data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from workstation.accounts.steps import Step
from workstation.accounts.wizard import AccountWizard
from workstation.demo import seed_branch, seed_staff
from workstation.domain import ApplicationKind
from workstation.models import Branch, Staff
from workstation.services.actor import Actor
from workstation.services.auth import actor_for
from workstation.services.identity import register_workstation
from workstation.store import Store

TODAY = date(2026, 3, 2)
GOOD_ID = "360426199101010071"  # 江西 德安, 1991-01-01, male (domain.md §10)


@dataclass
class World:
    store: Store
    branch_id: uuid.UUID
    clerk: Actor
    clerk2: Actor
    reviewer: Actor
    supervisor: Actor
    agent: Actor
    wizard: AccountWizard


def make_world(store: Store) -> World:
    with store.write() as session:
        branch = seed_branch(session)
        staff = seed_staff(session, branch)
        ws = register_workstation(session, branch, "柜台-01", "host")
        by_no = {s.staff_no: s for s in staff}

        def actor(no: str) -> Actor:
            return actor_for(by_no[no], branch, ws.workstation_id)

        agent_staff = by_no["T001"]
        agent = actor_for(agent_staff, branch, ws.workstation_id)
        world = World(store, branch.id, actor("C001"), actor("C002"), actor("V001"), actor("S001"), agent,
                      AccountWizard(TODAY))  # fmt: skip
    return world


def identity(**over: Any) -> dict[str, Any]:
    return {
        "name": "𠮷振䶮", "id_type": "00", "id_number": GOOD_ID, "id_valid_from": "2016-05-20",
        "id_valid_to": "2036-05-20", "id_issuer": "德安县公安局", "id_address": "江西省九江市德安县蒲亭镇宝塔路108号",
        **over,
    }  # fmt: skip


def client_data(**over: Any) -> dict[str, Any]:
    return {
        "mobile": "13800138000", "address": "北京市朝阳区建国门外大街1号", "postcode": "100004",
        "occupation": "03", "education": "2", **over,
    }  # fmt: skip


ANSWERS_C3 = {"income_source": "b", "income": "b", "share": "b", "debt": "c", "knowledge": "b", "experience": "b",
              "term": "b", "goal": "b", "loss": "c", "reaction": "b"}  # fmt: skip
"""6+5+5+10+4+4+6+4+6+4 = 54 → C4."""


def questionnaire(**over: Any) -> dict[str, Any]:
    return {"answers": dict(ANSWERS_C3), "term": "medium", "varieties": ["bond", "equity"], **over}


def pages(kind: ApplicationKind = ApplicationKind.NEW_ACCOUNT) -> dict[Step, dict[str, Any]]:
    data = {
        Step.IDENTITY: identity(),
        Step.CLIENT_DATA: client_data(),
        Step.QUESTIONNAIRE: questionnaire(),
        Step.SUITABILITY_MATCH: {"services": ["a_share", "fund"]},
        Step.AML_CRS: {"crs_declared": True, "resident_type": "1"},
        Step.CUSTODY_BANK: {"bank": "ICBC", "bank_card": "6222020200112233445", "card_holder": "𠮷振䶮"},
        Step.COMMISSION: {},
        Step.DOCUMENTS: {
            "signed": ["risk_disclosure", "client_notice", "agency", "custody"],
            "originals_checked": True,
        },
    }
    if kind is ApplicationKind.TRANSFER_IN:
        data[Step.PREVIOUS_BROKER] = {
            "previous_broker": "东岳证券北京望京营业部", "csdc_account": "180123456789", "sh_account": "A123456789",
            "sz_account": "0123456789", "holdings": [{"code": "000001", "name": "平安银行", "quantity": 2000}],
        }  # fmt: skip
    return data


def staff_id(store: Store, staff_no: str) -> uuid.UUID:
    with store.read() as session:
        return session.scalars(sa.select(Staff.id).where(Staff.staff_no == staff_no)).one()


def branch_of(store: Store) -> uuid.UUID:
    with store.read() as session:
        return session.scalars(sa.select(Branch.id)).one()

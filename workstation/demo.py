"""Demo data: one branch with directions and counters, staff for every role, clients,
today's telesales appointments, two campaigns with gifts and stock.

Demo staff (password for all: ``DEMO_PASSWORD``) are listed in ``DEMO_STAFF`` and the README.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from workstation.domain import Role, ServiceLine
from workstation.models import Branch, Counter, Staff
from workstation.services.auth import hash_password
from workstation.services.identity import Identity, register_workstation
from workstation.store import Store

DEMO_PASSWORD = "Demo1234"
DEMO_BRANCH_CODE = "BJ-GM01"


@dataclass(frozen=True)
class DemoStaff:
    staff_no: str
    name: str
    roles: tuple[Role, ...]
    at_branch: bool = True


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("S001", "周敏", (Role.SUPERVISOR, Role.REVIEWER)),
    DemoStaff("R001", "李娜", (Role.RECEPTION,)),
    DemoStaff("C001", "王磊", (Role.CLERK,)),
    DemoStaff("C002", "陈静", (Role.CLERK,)),
    DemoStaff("V001", "赵雪", (Role.REVIEWER, Role.CLERK)),
    DemoStaff("A001", "孙浩", (Role.ADMIN,)),
    DemoStaff("T001", "刘洋", (Role.TELESALES,), at_branch=False),
    DemoStaff("T002", "黄丽", (Role.TELESALES,), at_branch=False),
    DemoStaff("T003", "吴昊", (Role.TELESALES,), at_branch=False),
)
SUPERVISOR_NO = "S001"


@dataclass(frozen=True)
class DemoSummary:
    identity: Identity
    staff: int
    clients: int
    appointments: int
    campaigns: int


def seed_branch(session: Session) -> Branch:
    branch = Branch(
        code=DEMO_BRANCH_CODE,
        name="华夏证券北京国贸营业部",
        address="北京市朝阳区建国门外大街1号国贸写字楼二座12层",
        postcode="100004",
        phone="010-65050000",
        complaint_phone="010-65050099",
        opening_hours="交易日 8:30–16:30",
        landmarks=[
            "地铁1号线/10号线国贸站 A 口出，向东步行约 150 米",
            "国贸商城北侧，中国大饭店对面",
            "写字楼二座大堂乘 7–18 层电梯至 12 层",
        ],
        transit=[
            "地铁：1号线、10号线国贸站（A 口）",
            "公交：1路、28路、52路、57路至大北窑东站",
            "自驾：国贸商城地下停车场 B2，凭营业部停车券减免 2 小时",
        ],
        trading_unit="37821",
    )
    session.add(branch)
    session.flush()
    counters = [
        Counter(
            branch_id=branch.id, number=1, name="1号柜台（电销专属）", service_lines=["T", "A", "B"], is_telesales=True
        ),
        Counter(branch_id=branch.id, number=2, name="2号柜台", service_lines=["A", "B", "C"]),
        Counter(branch_id=branch.id, number=3, name="3号柜台", service_lines=["B", "A", "C"]),
        Counter(branch_id=branch.id, number=4, name="4号柜台（综合业务）", service_lines=["C", "A", "B"]),
    ]
    assert all(line in ServiceLine._value2member_map_ for c in counters for line in c.service_lines)
    session.add_all(counters)
    return branch


def seed_staff(session: Session, branch: Branch) -> list[Staff]:
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: argon2 is slow on purpose
    staff = [
        Staff(
            staff_no=member.staff_no,
            name=member.name,
            branch_id=branch.id if member.at_branch else None,
            roles=[role.value for role in member.roles],
            password_hash=password_hash,
            licence_no=f"S05201{index:02d}0{index + 3:04d}",
            phone=f"1391000{index:04d}",
        )
        for index, member in enumerate(DEMO_STAFF, start=1)
    ]
    session.add_all(staff)
    return staff


def seed_demo(store: Store, *, clients: int = 200, appointments: int = 40, seed: int = 20261125) -> DemoSummary:
    """Fill an empty, migrated database with the demo branch. One transaction: all or nothing."""
    with store.write() as session:
        branch = seed_branch(session)
        staff = seed_staff(session, branch)
        identity = register_workstation(session, branch, "前台-01")
    return DemoSummary(identity=identity, staff=len(staff), clients=0, appointments=0, campaigns=0)

"""Demo data: one branch with directions and counters, staff for every role, clients,
today's telesales appointments, two campaigns with gifts and stock, and policies.

Demo staff (password for all: ``DEMO_PASSWORD``) are listed in ``DEMO_STAFF`` and the README.
:func:`seed_demo` is deterministic for a given ``seed`` (dates are relative to today) and refuses
a database that already holds a branch (:class:`DemoAlreadySeeded`).

Clients have realistic names (a few with rare characters and a minority name with "·"), valid
resident IDs from real area codes (check digit and sex digit right), valid mobiles, Beijing
addresses, occupation/education codes (Kingdom ``OCCU_TYPE``/``EDUCATION``), tiers by assets,
risk classes with validity dates, and acquisition channels.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.clock import BRANCH_TZ, business_date, utcnow
from workstation.domain import (
    AmlRisk,
    AppointmentStatus,
    Channel,
    ClientStatus,
    ClientTier,
    IdType,
    Purpose,
    RiskClass,
    Role,
    ServiceLine,
    Sex,
    StockMovementKind,
)
from workstation.errors import UserError
from workstation.forms.identity import age_on, birthplace_parts, generate_mobile, generate_resident_id
from workstation.models import Appointment, Branch, Campaign, Client, Counter, Gift, GiftStockMovement, Policy, Staff
from workstation.names import search_keys
from workstation.services import audit
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
    """What :func:`seed_demo` created."""

    identity: Identity
    staff: int
    clients: int
    appointments: int
    campaigns: int
    gifts: int = 0
    stock_movements: int = 0
    policies: int = 0


class DemoAlreadySeeded(UserError):
    """The database already holds a branch; demo data goes only into an empty database."""

    code = "demo.already_seeded"
    zh = "该数据库已有营业部数据（{branch}），不能再生成演示数据。请指定一个新的数据库文件。"
    en = "This database already holds branch data ({branch}); demo data needs a new, empty database."


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


def seed_demo(
    store: Store,
    *,
    clients: int = 200,
    appointments: int = 40,
    seed: int = 20261125,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with the demo branch. One transaction: all or nothing.

    Raises:
        DemoAlreadySeeded: the database already holds a branch (nothing is changed).
    """
    now = now or utcnow()
    rng = random.Random(seed)
    with store.write() as session:
        existing = session.scalars(sa.select(Branch.name).limit(1)).first()
        if existing is not None:
            raise DemoAlreadySeeded(branch=existing)
        branch = seed_branch(session)
        staff = seed_staff(session, branch)
        identity = register_workstation(session, branch, "前台-01")
        policies = seed_policies(session, branch)
        by_no = {member.staff_no: member for member in staff}
        agents = [by_no[no] for no in ("T001", "T002", "T003")]
        campaigns, gifts, movements = seed_campaigns(session, branch, by_no[SUPERVISOR_NO], now)
        people = _People(rng, business_date(now))
        client_rows = seed_clients(session, branch, agents, people, clients, now)
        appointment_rows = seed_appointments(session, branch, agents, campaigns, client_rows, people, appointments, now)
        audit.record(
            session, None, "demo.seeded", branch_id=branch.id, seed=seed, clients=len(client_rows),
            appointments=len(appointment_rows),
        )  # fmt: skip
    return DemoSummary(
        identity=identity,
        staff=len(staff),
        clients=len(client_rows),
        appointments=len(appointment_rows),
        campaigns=len(campaigns),
        gifts=len(gifts),
        stock_movements=len(movements),
        policies=len(policies),
    )


# --- policies, campaigns, gifts and stock ---------------------------------------------------------

SUITABILITY_BANDS = [
    {"class": "C1", "min": 0, "max": 0, "lowest_category": True},
    {"class": "C1", "min": 1, "max": 19},
    {"class": "C2", "min": 20, "max": 36},
    {"class": "C3", "min": 37, "max": 53},
    {"class": "C4", "min": 54, "max": 82},
    {"class": "C5", "min": 83, "max": 100},
]
"""Score bands (docs/domain.md §3, 中信证券 2018); firm policy, so stored as a policy row."""
TIER_MIN_ASSETS_FEN = {ClientTier.CORE: 100_000_000, ClientTier.IMPORTANT: 20_000_000}
"""Tier thresholds: core from 1,000,000 CNY, important from 200,000 CNY (firm policy)."""


def seed_policies(session: Session, branch: Branch) -> list[Policy]:
    """Firm-wide policies that later features read (tiers, suitability, gifts, slots)."""
    rows = [
        Policy(
            key="client_tiers",
            value={f"{tier.value}_min_assets_fen": fen for tier, fen in TIER_MIN_ASSETS_FEN.items()},
            description="客户分级资产门槛（分）",
        ),
        Policy(
            key="suitability",
            value={"bands": SUITABILITY_BANDS, "retest_months": 24, "professional_min_assets_fen": 500_000_000},
            description="风险承受能力评分区间与复评周期",
        ),
        Policy(
            key="gifts",
            value={"default_per_client_cap_fen": 30_000, "low_stock_threshold": 5, "reviewer_required": True},
            description="礼品发放：单客上限、低库存提醒、复核",
        ),
        Policy(
            key="appointments",
            value={"slot_minutes": 30, "first_slot": "09:00", "last_slot": "15:30"},
            description="电销预约时段",
            branch_id=branch.id,
        ),
    ]
    session.add_all(rows)
    return rows


CAMPAIGNS = (
    (
        "XKYL2026", "新开户有礼", ["new_account"], 0, 20_000,
        "新开户并完成风险测评的客户可选一份礼品（价值不超过 200 元）。",
        [("XKYL-BWB", "定制保温杯", "500ml 不锈钢", 8_800, 60), ("XKYL-FBD", "帆布手提袋", "40×35cm", 3_500, 80),
         ("XKYL-YDDY", "移动电源", "10000mAh", 15_800, 5)],
    ),
    (
        "ZHYX2026", "转户迎新", ["transfer_in"], 5_000_000, 30_000,
        "转户资产满 5 万元的客户可选一份礼品（价值不超过 300 元）。",
        [("ZHYX-CYLH", "茶叶礼盒", "铁观音 250g", 26_800, 30), ("ZHYX-ZDYS", "折叠雨伞", "三折自动伞", 4_500, 50),
         ("ZHYX-TL", "2027 年台历", "双月台历", 2_000, 100)],
    ),
)  # fmt: skip


def seed_campaigns(
    session: Session, branch: Branch, supervisor: Staff, now: datetime
) -> tuple[list[Campaign], list[Gift], list[GiftStockMovement]]:
    """Two firm-wide campaigns with gifts under their per-client cap; the branch's stock as
    movements (stock = Σ quantity): a receipt per gift, a later allocation for some, and one
    stock-count adjustment that leaves the power bank low."""
    today = business_date(now)
    campaigns: list[Campaign] = []
    gifts: list[Gift] = []
    movements: list[GiftStockMovement] = []
    for code, name, purposes, min_assets, cap, description, items in CAMPAIGNS:
        campaign = Campaign(
            code=code, name=name, starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=90),
            channels=[], rules={"purposes": purposes, "requires_completed": True, "min_assets_fen": min_assets},
            per_client_cap_fen=cap, description=description,
        )  # fmt: skip
        session.add(campaign)
        session.flush()
        campaigns.append(campaign)
        for sku, gift_name, spec, value, quantity in items:
            assert value <= cap, f"{sku} exceeds the campaign cap"
            gift = Gift(campaign_id=campaign.id, sku=sku, name=gift_name, spec=spec, unit_value_fen=value)
            session.add(gift)
            session.flush()
            gifts.append(gift)
            movements.append(_movement(branch, gift, supervisor, StockMovementKind.RECEIPT, quantity, now, 20))
            if quantity >= 50:
                top_up = quantity // 2
                movements.append(_movement(branch, gift, supervisor, StockMovementKind.ALLOCATION, top_up, now, 6))
            if quantity < 10:
                movements.append(_movement(branch, gift, supervisor, StockMovementKind.ADJUSTMENT, -1, now, 2))
    session.add_all(movements)
    return campaigns, gifts, movements


def _movement(
    branch: Branch, gift: Gift, staff: Staff, kind: StockMovementKind, quantity: int, now: datetime, days_ago: int
) -> GiftStockMovement:
    reasons = {
        StockMovementKind.RECEIPT: "总部配送到货入库",
        StockMovementKind.ALLOCATION: "总部追加分配",
        StockMovementKind.ADJUSTMENT: "月末盘点：包装破损 1 件报损",
    }
    return GiftStockMovement(
        branch_id=branch.id, gift_id=gift.id, kind=kind, quantity=quantity, staff_id=staff.id,
        reason=reasons[kind], occurred_at=now - timedelta(days=days_ago),
    )  # fmt: skip


# --- people -------------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
MALE_CHARS = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣立志建国文博轩晨睿子泽昊峰"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英兰梅琳雪婷慧颖倩洁晶欣怡佳悦涵萱彤琪璐薇瑶雯婉晓月思嘉雨诗梦"
SPECIAL_PEOPLE = (
    # name, sex, province of birth, ethnicity: rare characters, minority names, heteronym surnames
    ("刘䶮", Sex.MALE, "44", "汉族"), ("王𠮷", Sex.FEMALE, "11", "汉族"), ("陈𡒄", Sex.MALE, "35", "汉族"),
    ("阿依古丽·买买提", Sex.FEMALE, "65", "维吾尔族"), ("买买提·艾力", Sex.MALE, "65", "维吾尔族"),
    ("单晓峰", Sex.MALE, "37", "汉族"), ("曾雪梅", Sex.FEMALE, "43", "汉族"), ("仇志刚", Sex.MALE, "32", "汉族"),
    ("欧阳静怡", Sex.FEMALE, "36", "汉族"), ("区嘉豪", Sex.MALE, "44", "汉族"), ("朴美善", Sex.FEMALE, "22", "朝鲜族"),
    ("扎西多吉", Sex.MALE, "54", "藏族"),
)  # fmt: skip
DISTRICTS = (
    ("朝阳区", "100020", ("建国路", "光华路", "朝阳路", "望京街", "安立路", "东三环中路")),
    ("海淀区", "100080", ("中关村大街", "学院路", "万泉河路", "北四环西路")),
    ("东城区", "100010", ("东直门南大街", "朝阳门北大街", "东四十条")),
    ("西城区", "100032", ("金融大街", "西直门内大街", "德胜门外大街")),
    ("丰台区", "100071", ("丰台北路", "南三环西路", "科学城路")),
    ("通州区", "101100", ("新华西街", "九棵树东路", "运河西大街")),
    ("昌平区", "102200", ("回龙观西大街", "立汤路", "府学路")),
    ("大兴区", "102600", ("兴华大街", "黄村西大街", "亦庄荣华中路")),
)
HOME_STREETS = ("人民路", "解放路", "建设路", "中山路", "幸福街", "胜利街", "新华路", "文化路")
EMPLOYERS = (
    "北京华信智联科技有限公司", "北京市朝阳区第二实验小学", "北京安和医院", "中关村明德软件有限公司",
    "北京京东方物流有限公司", "国贸商城物业管理有限公司", "北京市海淀区人民政府", "北京城建远景建筑工程有限公司",
)  # fmt: skip
OCCUPATIONS = (("01", 14), ("02", 5), ("03", 16), ("04", 12), ("05", 2), ("06", 10), ("0A", 10), ("10", 2), ("07", 3),
               ("99", 4))  # fmt: skip
OTHER_OCCUPATIONS = ("网约车司机", "外卖骑手", "律师", "自媒体从业者")
EDUCATION_BY_OCCUPATION = {"01": "12", "02": "12", "03": "123", "10": "12", "09": "235", "04": "3456", "05": "56",
                           "11": "23456", "07": "456"}  # fmt: skip


@dataclass
class _Person:
    name: str
    sex: Sex
    birth: date
    id_number: str
    mobile: str
    ethnicity: str = "汉族"


class _People:
    """Makes unique, valid demo people from one random generator."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.ids: set[str] = set()
        self.mobiles: set[str] = set()
        self.special = list(SPECIAL_PEOPLE)

    def name(self, sex: Sex) -> str:
        chars = MALE_CHARS if sex == Sex.MALE else FEMALE_CHARS
        given = "".join(self.rng.choice(chars) for _ in range(1 if self.rng.random() < 0.3 else 2))
        return self.rng.choice(SURNAMES) + given

    def person(self, *, min_age: int = 18, max_age: int = 78) -> _Person:
        province: str | None
        rng = self.rng
        if self.special:
            name, sex, province, ethnicity = self.special.pop(0)
        else:
            sex = rng.choice((Sex.MALE, Sex.FEMALE))
            name, ethnicity = self.name(sex), "汉族"
            province = "11" if rng.random() < 0.45 else "13" if rng.random() < 0.2 else None
        age = min(max_age, max(min_age, int(rng.triangular(min_age, max_age, 42))))
        birth = self.today.replace(year=self.today.year - age, day=1) - timedelta(days=rng.randrange(0, 330))
        while True:
            number = generate_resident_id(rng, birth_date=birth, sex=sex, province=province)
            if number not in self.ids:
                break
        self.ids.add(number)
        return _Person(name, sex, birth, number, self.mobile(), ethnicity)

    def mobile(self) -> str:
        while (number := generate_mobile(self.rng)) in self.mobiles:
            pass
        self.mobiles.add(number)
        return number


def _id_validity(rng: random.Random, birth: date, today: date, expired: bool) -> tuple[date, date | None]:
    """An issue date and expiry following the validity periods by age (5/10/20 years, long-term
    from 46); current unless ``expired``."""
    for _ in range(50):
        issued = today - timedelta(days=rng.randrange(60, 7300))
        age = age_on(birth, issued)
        if age < 16:
            continue
        years = 10 if age <= 25 else 20 if age <= 45 else None
        if years is None:
            if not expired:
                return issued, None
            continue
        until = issued.replace(year=issued.year + years, day=min(issued.day, 28))
        if (until < today) == expired:
            return issued, until
    return today - timedelta(days=400), (today - timedelta(days=30) if expired else today + timedelta(days=3000))


def _address(rng: random.Random) -> tuple[str, str]:
    district, postcode, streets = rng.choice(DISTRICTS)
    address = (
        f"北京市{district}{rng.choice(streets)}{rng.randint(1, 99)}号院{rng.randint(1, 20)}号楼"
        f"{rng.randint(1, 4)}单元{rng.randint(1, 24)}{rng.randint(1, 4):02d}"
    )
    return address, postcode


# --- clients ------------------------------------------------------------------------------------


def seed_clients(
    session: Session, branch: Branch, agents: list[Staff], people: _People, count: int, now: datetime
) -> list[Client]:
    """``count`` clients: ~80 % with accounts (active), the rest prospects and a few closed."""
    rng, today = people.rng, people.today
    expired_ids = {7, 55, 130}
    rows: list[Client] = []
    for index in range(count):
        person = people.person()
        age = age_on(person.birth, today)
        roll = rng.random()
        status = ClientStatus.ACTIVE if roll < 0.8 else ClientStatus.PROSPECT if roll < 0.97 else ClientStatus.CLOSED
        parts = birthplace_parts(person.id_number)
        address, postcode = _address(rng)
        id_address = (
            address if parts and parts[0] == "北京市" and rng.random() < 0.7
            else f"{''.join(parts)}{rng.choice(HOME_STREETS)}{rng.randint(1, 300)}号"
        )  # fmt: skip
        valid_from, valid_to = _id_validity(rng, person.birth, today, expired=index in expired_ids)
        occupation = "09" if age < 23 else "11" if age >= 60 and rng.random() < 0.8 else _weighted(rng, OCCUPATIONS)
        keys = search_keys(person.name)
        channel = _weighted(rng, ((Channel.WALK_IN, 35), (Channel.TELESALES, 30), (Channel.BANK_OUTLET, 15),
                                  (Channel.REFERRAL, 12), (Channel.ONLINE, 8)))  # fmt: skip
        client = Client(
            branch_id=branch.id, status=status, name=person.name, pinyin_full=keys.full, pinyin_initials=keys.initials,
            id_type=IdType.RESIDENT_ID, id_number=person.id_number, id_issuer=_issuer(parts),
            id_valid_from=valid_from, id_valid_to=valid_to, id_long_term=valid_to is None, id_address=id_address,
            sex=person.sex, birth_date=person.birth, ethnicity=person.ethnicity, mobile=person.mobile,
            phone=f"010-6{rng.randrange(10**7):07d}" if rng.random() < 0.2 else "",
            email=f"{keys.full or 'client'}{index}@example.com" if rng.random() < 0.4 else "",
            address=address, postcode=postcode, occupation=occupation,
            occupation_text=rng.choice(OTHER_OCCUPATIONS) if occupation == "99" else "",
            employer=rng.choice(EMPLOYERS) if occupation in ("01", "02", "03", "04", "10") else "",
            education=rng.choice(EDUCATION_BY_OCCUPATION.get(occupation, "123456Z")),
            channel=channel, telesales_agent_id=rng.choice(agents).id if channel == Channel.TELESALES else None,
        )  # fmt: skip
        if status != ClientStatus.PROSPECT:
            _open_accounts(client, index, rng, today, now)
        rows.append(client)
    session.add_all(rows)
    session.flush()
    return rows


def _open_accounts(client: Client, index: int, rng: random.Random, today: date, now: datetime) -> None:
    """Account numbers, assets and tier, suitability and AML rating of a client with an account."""
    serial = 100001 + index
    client.client_no = f"3782{serial:06d}"
    client.fund_account = f"37821{serial:07d}"
    client.csdc_account = f"18{rng.randrange(10**10):010d}"
    client.sh_account = f"A{rng.randrange(10**9):09d}"
    client.sz_account = f"0{rng.randrange(10**9):09d}"
    if client.status == ClientStatus.CLOSED:
        return
    client.assets_fen = int(min(rng.lognormvariate(11.9, 1.4), 30_000_000) * 100)
    client.tier = next(
        (tier for tier, fen in TIER_MIN_ASSETS_FEN.items() if client.assets_fen >= fen), ClientTier.STANDARD
    )
    if index in (11, 42):  # 最低类别: no full capacity or accepts no loss
        client.risk_class, client.risk_score, client.lowest_category = RiskClass.C1, 0, True
    elif rng.random() < 0.85:
        band = rng.choice(SUITABILITY_BANDS[1:])
        client.risk_class = RiskClass(str(band["class"]))
        client.risk_score = rng.randint(int(band["min"]), int(band["max"]))  # type: ignore[call-overload]
    if client.risk_class is not None:
        assessed = today - timedelta(days=rng.randrange(5, 900))  # some beyond 2 years: re-test due
        client.risk_assessed_on = assessed
        client.risk_valid_until = assessed.replace(year=assessed.year + 2, day=min(assessed.day, 28))
    if client.assets_fen >= 500_000_000 and rng.random() < 0.6:
        client.professional = True
        client.professional_valid_until = today + timedelta(days=rng.randrange(30, 700))
    client.aml_risk = _weighted(rng, ((AmlRisk.LOW, 85), (AmlRisk.MEDIUM, 12), (AmlRisk.HIGH, 3)))
    client.aml_rated_at = now - timedelta(days=rng.randrange(10, 700))
    if client.aml_risk == AmlRisk.HIGH:
        client.aml_reasons = "职业或资金来源需加强尽职调查"


def _issuer(parts: tuple[str, ...]) -> str:
    """The issuing police office, e.g. 北京市公安局朝阳分局 or 德安县公安局."""
    if not parts:
        return ""
    county = parts[-1]
    if county.endswith("区") and len(parts) >= 2:
        return f"{parts[-2]}公安局{county[:-1]}分局"
    return f"{county}公安局"


T = TypeVar("T")


def _weighted(rng: random.Random, choices: tuple[tuple[T, int], ...]) -> T:
    return choices[rng.choices(range(len(choices)), weights=[weight for _, weight in choices])[0]][0]


# --- appointments -------------------------------------------------------------------------------

CODE_ALPHABET = "".join(ch for ch in string.ascii_uppercase + string.digits if ch not in "01IO")
SLOT_STARTS = tuple(time(9 + m // 60, m % 60) for m in range(0, 7 * 60, 30))
"""Half-hour slots 9:00–15:30 (the last ends at 16:00)."""
NOTES = (
    "",
    "",
    "客户希望了解融资融券",
    "请提醒携带本人银行卡",
    "客户时间较紧，请优先办理",
    "老客户介绍",
    "需要老年人适当性关怀",
)
PREVIOUS_BROKERS = ("长江明远证券上海陆家嘴营业部", "东岳证券北京望京营业部", "海川证券深圳福田营业部")


def _code(rng: random.Random, used: set[str]) -> str:
    """An 8-character check-in code with letters and digits (never reads as pinyin)."""
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(8))
        if code not in used and any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            used.add(code)
            return code


def seed_appointments(
    session: Session,
    branch: Branch,
    agents: list[Staff],
    campaigns: list[Campaign],
    clients: list[Client],
    people: _People,
    count: int,
    now: datetime,
) -> list[Appointment]:
    """``count`` appointments for today, spread evenly over the slots, by the three agents; about a
    third for existing clients; two cancelled; two walk-ins share the name 张伟 (disambiguation)."""
    rng, today = people.rng, people.today
    campaign_for = {Purpose.NEW_ACCOUNT: campaigns[0], Purpose.TRANSFER_IN: campaigns[1]}
    prospects = [c for c in clients if c.status == ClientStatus.PROSPECT]
    active = [c for c in clients if c.status == ClientStatus.ACTIVE]
    rng.shuffle(prospects)
    rng.shuffle(active)
    codes: set[str] = set()
    rows: list[Appointment] = []
    for index in range(count):
        purpose = _weighted(rng, ((Purpose.NEW_ACCOUNT, 50), (Purpose.TRANSFER_IN, 35), (Purpose.OTHER, 15)))
        pool = active if purpose == Purpose.OTHER else prospects
        client = pool.pop() if pool and rng.random() < 0.35 else None
        prefill: dict[str, str] = {}
        if client is not None:
            name, mobile = client.name, client.mobile
        else:
            person = people.person(max_age=70)
            if index in (3, 17):
                person.name = "张伟"
            name, mobile = person.name, person.mobile
            prefill = {"name": name, "mobile": mobile, "sex": person.sex.value}
            if rng.random() < 0.5:
                prefill.update(id_type=IdType.RESIDENT_ID.value, id_number=person.id_number)
        if purpose == Purpose.TRANSFER_IN:
            prefill["previous_broker"] = rng.choice(PREVIOUS_BROKERS)
        slot = SLOT_STARTS[index * len(SLOT_STARTS) // max(count, 1)]
        start = datetime.combine(today, slot, tzinfo=BRANCH_TZ)
        keys = search_keys(name)
        cancelled = index in (5, 23)
        campaign = campaign_for.get(purpose)
        rows.append(
            Appointment(
                branch_id=branch.id, code=_code(rng, codes), external_ref=f"CC{today:%Y%m%d}{index + 1:04d}",
                client_id=client.id if client else None, client_name=name, pinyin_full=keys.full,
                pinyin_initials=keys.initials, mobile=mobile, purpose=purpose, slot_start=start,
                slot_end=start + timedelta(minutes=30), campaign_id=campaign.id if campaign else None,
                telesales_agent_id=agents[index % len(agents)].id if index % 5 else rng.choice(agents).id,
                status=AppointmentStatus.CANCELLED if cancelled else AppointmentStatus.BOOKED,
                status_changed_at=now - timedelta(hours=1) if cancelled else None,
                notes=rng.choice(NOTES), prefill=prefill,
            )
        )  # fmt: skip
    session.add_all(rows)
    return rows

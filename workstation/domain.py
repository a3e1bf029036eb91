"""Domain vocabulary shared by models, services, forms and printing (no database, no Qt).

Enum values are the stable codes stored in the database and exchanged with the central
database; ``label`` is the Chinese wording a clerk sees (English comes from the UI translation).
"""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a Chinese label: ``Member = ("code", "标签")``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member


class Role(LabelledEnum):
    RECEPTION = ("reception", "前台接待")
    CLERK = ("clerk", "柜员")
    REVIEWER = ("reviewer", "复核")
    SUPERVISOR = ("supervisor", "主管")
    TELESALES = ("telesales", "电销坐席")
    ADMIN = ("admin", "系统管理员")


class IdType(LabelledEnum):
    """Identity document types; codes follow the Kingdom ``Dict.ID_TYPE`` dictionary."""

    RESIDENT_ID = ("00", "居民身份证")
    PASSPORT_CN = ("01", "中国护照")
    HOME_RETURN_PERMIT = ("04", "港澳居民来往内地通行证")
    FOREIGN_PASSPORT = ("06", "外国护照")
    HK_MACAU_PASS = ("0b", "往来港澳通行证")
    TAIWAN_PASS = ("0d", "台湾居民来往大陆通行证")
    FOREIGN_PERMANENT_RESIDENT = ("0e", "外国人永久居留身份证")
    HMT_RESIDENCE_PERMIT = ("0k", "港澳台居民居住证")


class Sex(LabelledEnum):
    MALE = ("M", "男")
    FEMALE = ("F", "女")


class ClientTier(LabelledEnum):
    STANDARD = ("standard", "一般")
    IMPORTANT = ("important", "重要")
    CORE = ("core", "核心")


class RiskClass(LabelledEnum):
    """Investor risk tolerance C1–C5 (适当性)."""

    C1 = ("C1", "C1 保守型")
    C2 = ("C2", "C2 谨慎型")
    C3 = ("C3", "C3 稳健型")
    C4 = ("C4", "C4 积极型")
    C5 = ("C5", "C5 激进型")


class AmlRisk(LabelledEnum):
    UNRATED = ("unrated", "未评级")
    LOW = ("low", "低")
    MEDIUM = ("medium", "中")
    HIGH = ("high", "高")


class Channel(LabelledEnum):
    """How a client came to the branch (acquisition channel)."""

    WALK_IN = ("walk_in", "自然到店")
    TELESALES = ("telesales", "电销邀约")
    BANK_OUTLET = ("bank_outlet", "银行网点")
    REFERRAL = ("referral", "转介绍")
    ONLINE = ("online", "线上")


class ClientStatus(LabelledEnum):
    PROSPECT = ("prospect", "意向客户")
    ACTIVE = ("active", "正常")
    CLOSED = ("closed", "销户")


class Purpose(LabelledEnum):
    NEW_ACCOUNT = ("new_account", "新开户")
    TRANSFER_IN = ("transfer_in", "转户")
    OTHER = ("other", "其他业务")


class AppointmentStatus(LabelledEnum):
    BOOKED = ("booked", "已预约")
    CHECKED_IN = ("checked_in", "已签到")
    SERVED = ("served", "已办理")
    NO_SHOW = ("no_show", "未到店")
    CANCELLED = ("cancelled", "已取消")


class ServiceLine(LabelledEnum):
    """Queue lines; the letter prefixes the ticket number."""

    NEW_ACCOUNT = ("A", "新开户")
    TRANSFER_IN = ("B", "转户")
    OTHER = ("C", "其他业务")
    TELESALES = ("T", "电销预约")


class VisitStatus(LabelledEnum):
    WAITING = ("waiting", "等候中")
    CALLED = ("called", "已叫号")
    SERVING = ("serving", "办理中")
    DONE = ("done", "已完成")
    NO_SHOW = ("no_show", "过号未到")


class VisitOutcome(LabelledEnum):
    ACCOUNT_OPENED = ("account_opened", "已开户")
    TRANSFER_SUBMITTED = ("transfer_submitted", "已提交转户")
    CONSULTATION = ("consultation", "仅咨询")
    LEFT = ("left", "未办理离开")
    REFERRED = ("referred", "已转介")


class ApplicationKind(LabelledEnum):
    NEW_ACCOUNT = ("new_account", "新开户")
    TRANSFER_IN = ("transfer_in", "转户")


class ApplicationStatus(LabelledEnum):
    DRAFT = ("draft", "草稿")
    SUBMITTED = ("submitted", "待复核")
    RETURNED = ("returned", "已退回")
    APPROVED = ("approved", "已复核")
    CANCELLED = ("cancelled", "已作废")


class StepStatus(LabelledEnum):
    PENDING = ("pending", "未开始")
    IN_PROGRESS = ("in_progress", "办理中")
    DONE = ("done", "已完成")
    FAILED = ("failed", "失败")


class PaperStatus(LabelledEnum):
    """Paper archive life of a printed form that must come back signed (开户资料管理)."""

    NOT_REQUIRED = ("not_required", "无需回收")
    TO_PRINT = ("to_print", "待打印")
    PRINTED = ("printed", "已打印")
    SIGNED = ("signed", "已签字")
    SCANNED = ("scanned", "已扫描")
    SENT = ("sent", "已寄送总部")
    ARCHIVED = ("archived", "已归档")


class GiftIssueStatus(LabelledEnum):
    AWAITING_SIGNATURE = ("awaiting_signature", "待签收")
    SIGNED = ("signed", "已签收")
    VOIDED = ("voided", "已作废")


class StockMovementKind(LabelledEnum):
    """Every change of gift stock is one of these movements; stock is their sum."""

    RECEIPT = ("receipt", "总部入库")
    ALLOCATION = ("allocation", "分配至营业部")
    RESERVE = ("reserve", "工作站备用额度")
    RESERVE_RELEASE = ("reserve_release", "备用额度归还")
    ISSUE = ("issue", "发放")
    VOID = ("void", "作废退回")
    ADJUSTMENT = ("adjustment", "盘点调整")


class DutyKind(LabelledEnum):
    REGULAR = ("regular", "正常班")
    OVERTIME = ("overtime", "加班")


class SyncDirection(enum.StrEnum):
    """Which side owns a table's rows, and so which way they travel."""

    PUSH = "push"  # branch facts: written at the counter, sent to central
    PULL = "pull"  # central data: written centrally, copied to the counter
    BOTH = "both"  # co-edited with an explicit conflict rule (appointment status)
    LOCAL = "local"  # never leaves the workstation


class LeadSource(LabelledEnum):
    """Where a lead (prospect's phone) was collected outside the branch (社区营销/驻点)."""

    BOOTH = ("booth", "驻点摆摊")
    PARTNER = ("partner", "合作渠道")
    CAMPAIGN = ("campaign", "营销活动")
    STAFF = ("staff", "员工推荐")


class ReturnVisitOutcome(LabelledEnum):
    """How a return visit (回访) after an opening or transfer-in ended."""

    REACHED = ("reached", "已回访")
    NO_ANSWER = ("no_answer", "未接通")
    DECLINED = ("declined", "客户拒绝回访")
    COMPLAINT = ("complaint", "有投诉或异议")

"""The one family of errors the core raises.

Every error a clerk may see carries a stable ``code`` and a message template in Chinese (the
default) and English, with named placeholders. The UI shows ``error.message(lang)``; logs use
``repr``. Personal data never goes into the placeholders unmasked (see :mod:`workstation.masking`).

- :class:`UserError` — the clerk can fix it (bad input, wrong password, missing permission).
- :class:`ConfirmableWarning` — allowed after the clerk confirms (e.g. a card failing Luhn).
- :class:`ConflictError` — someone else changed or took the thing first; reload and retry.
- :class:`StoreError` — the local database cannot be used as it is (locked, read-only, corrupt…).
- :class:`SyncError` — the central database could not be reached or refused a batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

Lang = str  # "zh_CN" or "en"


class WorkstationError(Exception):
    """Base of every expected error. Subclasses set ``code``, ``zh`` and ``en``."""

    code: ClassVar[str] = "error"
    zh: ClassVar[str] = "操作失败：{detail}"
    en: ClassVar[str] = "The operation failed: {detail}"

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = params
        super().__init__(self.message("zh_CN"))

    def message(self, lang: Lang = "zh_CN") -> str:
        """The message for a clerk, in ``lang`` (Chinese unless ``lang`` starts with "en")."""
        template = self.en if lang.startswith("en") else self.zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, params={self.params!r})"


class UserError(WorkstationError):
    code = "user_error"


class ConfirmableWarning(WorkstationError):
    """A rule the clerk may override after confirming; services accept ``confirmed=True``."""

    code = "warning"


class ConflictError(WorkstationError):
    code = "conflict"
    zh = "记录已被其他人修改，请刷新后重试。"
    en = "Someone else changed this record. Refresh and try again."


class StoreError(WorkstationError):
    code = "store_error"


class SyncError(WorkstationError):
    code = "sync_error"
    zh = "与中心数据库同步失败：{detail}"
    en = "Synchronisation with the central database failed: {detail}"


# --- validation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldProblem:
    """One field's problem: the field name and a clerk-readable message (both languages)."""

    field: str
    zh: str
    en: str = ""

    def message(self, lang: Lang = "zh_CN") -> str:
        return self.en if lang.startswith("en") and self.en else self.zh


class ValidationError(UserError):
    code = "validation"
    zh = "输入有误：{summary}"
    en = "Please correct the input: {summary}"

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__(summary="；".join(p.zh for p in problems))

    def message(self, lang: Lang = "zh_CN") -> str:
        sep = "; " if lang.startswith("en") else "；"
        summary = sep.join(p.message(lang) for p in self.problems)
        template = self.en if lang.startswith("en") else self.zh
        return template.format(summary=summary)

    def by_field(self) -> Mapping[str, list[FieldProblem]]:
        result: dict[str, list[FieldProblem]] = {}
        for problem in self.problems:
            result.setdefault(problem.field, []).append(problem)
        return result


# --- authentication and permissions ------------------------------------------------------------


class InvalidCredentials(UserError):
    code = "auth.invalid"
    zh = "工号或密码错误。再错 {remaining} 次账号将被锁定。"
    en = "Wrong staff number or password. {remaining} more failures will lock the account."


class AccountLocked(UserError):
    code = "auth.locked"
    zh = "账号已因多次密码错误被锁定，请于 {until} 后再试，或请主管解锁。"
    en = "The account is locked after repeated wrong passwords. Try again after {until} or ask a supervisor."


class AccountDisabled(UserError):
    code = "auth.disabled"
    zh = "该工号已停用，请联系管理员。"
    en = "This staff account is disabled. Contact the administrator."


class WrongBranch(UserError):
    code = "auth.wrong_branch"
    zh = "该工号不属于本营业部（{branch}），不能在此工作站登录。"
    en = "This staff member does not belong to this branch ({branch}) and cannot log in here."


class PermissionDenied(UserError):
    code = "auth.denied"
    zh = "当前岗位（{role}）无权执行“{action}”。"
    en = "Your role ({role}) may not perform “{action}”."


class WeakPassword(UserError):
    code = "auth.weak_password"
    zh = "新密码至少 {min_length} 位，且须同时包含字母和数字。"
    en = "The new password needs at least {min_length} characters with letters and digits."


# --- the local database ------------------------------------------------------------------------


class DatabaseLocked(StoreError):
    code = "store.locked"
    zh = "数据库文件正被其他程序占用：{path}。请关闭其他工作站程序后重试。"
    en = "The database file is in use by another program: {path}. Close it and try again."


class DatabaseReadOnly(StoreError):
    code = "store.read_only"
    zh = "数据库文件或其所在文件夹不可写：{path}。请检查文件权限。"
    en = "The database file or its folder is not writable: {path}. Check the file permissions."


class DatabaseCorrupt(StoreError):
    code = "store.corrupt"
    zh = "数据库文件已损坏或不是工作站数据库：{path}。文件未被改动，请联系技术支持恢复备份。"
    en = (
        "The database file is damaged or not a workstation database: {path}. "
        "It was left untouched; ask support to restore a backup."
    )


class SchemaTooNew(StoreError):
    code = "store.too_new"
    zh = "数据库版本（{found}）比本程序新，请升级工作站程序后再打开。数据未被改动。"
    en = "The database ({found}) is newer than this program. Upgrade the workstation; nothing was changed."


class DatabaseUnreachable(StoreError):
    code = "store.unreachable"
    zh = "无法连接数据库 {target}：{detail}"
    en = "Cannot connect to the database {target}: {detail}"


class DiskFull(StoreError):
    code = "store.disk_full"
    zh = "磁盘空间不足，无法写入 {path}。请清理磁盘（至少留出数据库大小两倍的空间）后重试；数据未被改动。"
    en = "The disk is full; cannot write {path}. Free some space (twice the database size) and retry; nothing changed."


class DatabaseMissing(StoreError):
    code = "store.missing"
    zh = "数据库文件不存在：{path}。请检查 --db 路径是否写错；如确要新建数据库，请加 --create。"
    en = "No database file at {path}. Check the --db path; add --create to create a new database."


class WorkstationNotSetUp(StoreError):
    """The database opened but holds no branch identity: this workstation was never set up."""

    code = "store.not_set_up"
    zh = (
        "数据库 {target} 尚未设置营业部信息，工作站无法使用。"
        "体验演示数据请使用 --demo 启动；正式使用请由技术支持运行 “workstation-cli demo --db {target}” "
        "或与中心同步完成初始化。"
    )
    en = (
        "The database {target} has no branch set up, so the workstation cannot be used. "
        "Start with --demo to try the demo data, or have support run “workstation-cli demo --db {target}” "
        "or synchronise with the central database first."
    )


class MigrationFailed(StoreError):
    code = "store.migration_failed"
    zh = "数据库升级失败，已保留升级前的备份：{backup}。错误：{detail}"
    en = "The database upgrade failed; the backup taken before it is kept at {backup}. Error: {detail}"


class DatabaseKeyringUnavailable(StoreError):
    """The local database is always encrypted; its key lives in the OS keyring (never a file)."""

    code = "store.no_keyring"
    zh = (
        "无法使用系统密钥环读取或保存本地数据库的密钥（{detail}）。客户数据只以加密方式保存，"
        "没有密钥环工作站不能打开数据库：请在桌面会话中登录并解锁系统密钥环"
        "（Windows 凭据管理器 / Secret Service）后重试。"
    )
    en = (
        "The system keyring cannot read or store the local database key ({detail}). Client data is "
        "kept encrypted only, so the workstation cannot open the database without a keyring: log in to "
        "a desktop session and unlock the keyring (Windows Credential Manager / Secret Service), then retry."
    )


class DatabaseKeyMissing(DatabaseCorrupt):
    code = "store.key_missing"
    zh = (
        "数据库文件已损坏，或已加密而本机系统密钥环中没有它的密钥：{path}（文件可能来自另一台电脑或另一个用户）。"
        "文件未被改动，请联系技术支持恢复备份。"
    )
    en = (
        "The database file is damaged, or encrypted and the system keyring of this computer has no key for it: "
        "{path} (it may come from another computer or user). It was left untouched; ask support to restore a backup."
    )


class DatabaseEncryptionFailed(StoreError):
    code = "store.encryption_failed"
    zh = "未加密的数据库转为加密时失败，原文件未被改动：{path}。错误：{detail}"
    en = "Encrypting the plain database failed; the file was left as it was: {path}. Error: {detail}"


class NotFound(UserError):
    code = "not_found"
    zh = "找不到{what}。"
    en = "{what} was not found."


# --- reception -----------------------------------------------------------------------------------


class SearchTextInvalid(UserError):
    code = "reception.bad_search"
    zh = "查询内容无法识别：{reason}。请输入手机号、手机尾号4位加姓氏、预约码或姓名/拼音首字母。"
    en = "Cannot search for that: {reason}. Enter a mobile number, last 4 digits plus surname, a code or a name."


class AppointmentOtherBranch(UserError):
    code = "reception.other_branch"
    zh = "该预约属于{branch}，不在本营业部。请指引客户前往预约的营业部，或按现场客户办理。"
    en = "This appointment is for {branch}, not this branch. Direct the client there or serve as a walk-in."


class AppointmentOtherDay(UserError):
    code = "reception.other_day"
    zh = "该预约日期为 {day}，不是今天。可按现场客户取号办理。"
    en = "This appointment is on {day}, not today. The client can be served as a walk-in."


class AppointmentCancelled(UserError):
    code = "reception.cancelled"
    zh = "该预约已取消（{when}）。可按现场客户取号办理。"
    en = "This appointment was cancelled ({when}). The client can be served as a walk-in."


class AppointmentClosed(UserError):
    code = "reception.closed"
    zh = "该预约状态为“{status}”，不能再签到。"
    en = "This appointment is “{status}” and cannot be checked in."


class NoTicketToCall(UserError):
    code = "reception.queue_empty"
    zh = "本柜台服务的队列中暂无等候客户。"
    en = "No client is waiting for the lines this counter serves."


class OutcomeRequired(UserError):
    code = "reception.outcome_required"
    zh = "结束服务前请选择办理结果。"
    en = "Choose the outcome before closing the visit."


# --- printed documents and printing ----------------------------------------------------------------


class DocumentNotFound(UserError):
    code = "documents.not_found"
    zh = "找不到单据编号为 {doc_no} 的单据。请确认扫描的是本营业部打印的单据。"
    en = "No document numbered {doc_no}. Check that it was printed at this branch."


class DocumentOtherBranch(UserError):
    code = "documents.other_branch"
    zh = "单据 {doc_no} 属于{branch}，不在本营业部，不能在此登记。"
    en = "Document {doc_no} belongs to {branch}, not this branch; it cannot be recorded here."


class ScanInvalid(UserError):
    code = "documents.bad_scan"
    zh = "扫描内容不是有效的单据编号：{reason}。请对准单据右上角的二维码重新扫描。"
    en = "The scan is not a document number: {reason}. Scan the QR code at the top right of the form again."


class PaperNotTracked(UserError):
    code = "documents.not_tracked"
    zh = "单据 {doc_no}（{title}）无需回收纸质件，不做归档登记。"
    en = "Document {doc_no} ({title}) does not come back on paper and is not tracked."


class PaperAlreadyArchived(UserError):
    code = "documents.archived"
    zh = "单据 {doc_no}（{title}）已于 {when} 归档，无需再次扫描。"
    en = "Document {doc_no} ({title}) was archived on {when}; there is nothing more to record."


class ScanRepeated(UserError):
    code = "documents.scan_repeated"
    zh = "单据 {doc_no} 刚刚已登记为“{current}”，重复扫描不再推进。"
    en = "Document {doc_no} was just recorded as “{current}”; the repeated scan changes nothing."


class PaperMoveRefused(UserError):
    code = "documents.bad_move"
    zh = "单据 {doc_no} 当前为“{current}”，不能改为“{target}”：{reason}"
    en = "Document {doc_no} is “{current}” and cannot become “{target}”: {reason}"


class AlreadyPrinted(UserError):
    code = "documents.already_printed"
    zh = "单据 {doc_no} 已打印过原件（{when}，{printer}）。再次打印请选择“补打副本”；如原件未打出，请主管补打原件。"
    en = (
        "Document {doc_no} was already printed ({when}, {printer}). Print a copy instead; if the original "
        "did not come out, a supervisor can print it again."
    )


class PrintError(UserError):
    """The printing system could not take or finish a job."""

    code = "print.failed"
    zh = "打印失败：{detail}"
    en = "Printing failed: {detail}"


class PrintSystemUnavailable(PrintError):
    code = "print.unavailable"
    zh = "无法连接打印服务：{detail}。请联系技术支持检查打印服务，或稍后重试。"
    en = "The printing system is not available: {detail}. Ask support to check it, or try again later."


class PrintCommandMissing(PrintError):
    code = "print.command_missing"
    zh = "本机未安装打印命令 {command}（CUPS 客户端）。请联系技术支持安装打印组件。"
    en = "The print command {command} (CUPS client) is not installed. Ask support to install printing."


class PrinterNotFound(PrintError):
    code = "print.no_printer"
    zh = "找不到打印机“{printer}”。请在打印机列表中重新选择。"
    en = "There is no printer “{printer}”. Choose one from the list."


class PrinterRefused(PrintError):
    code = "print.refused"
    zh = "打印机“{printer}”未接受打印任务：{detail}"
    en = "The printer “{printer}” did not accept the job: {detail}"


class PrintCopiesInvalid(PrintError):
    code = "print.copies"
    zh = "打印份数应为 1 到 {maximum} 份（当前 {copies}）。"
    en = "Copies must be between 1 and {maximum} (not {copies})."


# --- gifts -----------------------------------------------------------------------------------------


class GiftNotEligible(UserError):
    code = "gifts.not_eligible"
    zh = "客户不能领取“{gift}”：{reason}"
    en = "The client cannot receive “{gift}”: {reason_en}"


class GiftAlreadyIssued(UserError):
    code = "gifts.already_issued"
    zh = "该客户已领取过活动“{campaign}”的礼品，每位客户每个活动限领一次。"
    en = "The client has already received a gift of the campaign “{campaign}”; one per client per campaign."


class GiftOutOfStock(UserError):
    code = "gifts.out_of_stock"
    zh = "“{gift}”库存不足：可用 {available} 件，需要 {wanted} 件。"
    en = "Not enough “{gift}” in stock: {available} available, {wanted} needed."


class ReserveExceedsAllocation(UserError):
    code = "gifts.reserve_exceeds_allocation"
    zh = "“{gift}”营业部可分配库存只有 {available} 件，不能为工作站预留 {wanted} 件。"
    en = "Only {available} “{gift}” are left in the branch allocation; {wanted} cannot be reserved."


class ReleaseExceedsReserve(UserError):
    code = "gifts.release_exceeds_reserve"
    zh = "本工作站“{gift}”备用额度只有 {available} 件，不能归还 {wanted} 件。"
    en = "This workstation holds only {available} “{gift}” in reserve; {wanted} cannot be released."


class StockQuantityInvalid(UserError):
    code = "gifts.quantity"
    zh = "数量应为 1 到 {maximum} 之间的整数（当前 {quantity}）。"
    en = "The quantity must be a whole number from 1 to {maximum} (not {quantity})."


class StockCountInvalid(UserError):
    code = "gifts.count"
    zh = "盘点数量应为 0 到 {maximum} 之间的整数（当前 {counted}）。"
    en = "The counted quantity must be a whole number from 0 to {maximum} (not {counted})."


class StockCountBelowReserves(UserError):
    code = "gifts.count_below_reserves"
    zh = (
        "“{gift}”盘点差异 {difference} 件超过营业部可分配库存 {pool} 件（其余在工作站备用额度中）。"
        "请先归还工作站备用额度再盘点。"
    )
    en = (
        "The count difference of {difference} “{gift}” exceeds the {pool} left in the branch allocation "
        "(the rest is in workstation reserves). Release the reserves first, then count again."
    )


class ReasonRequired(UserError):
    code = "gifts.reason_required"
    zh = "请填写{action}的原因（至少 {minimum} 个字）。"
    en = "Enter the reason for the {action_en} (at least {minimum} characters)."


class GiftIssueStateInvalid(UserError):
    code = "gifts.issue_state"
    zh = "该礼品发放记录当前为“{status}”，不能{action}。"
    en = "This gift issue is “{status_en}” and cannot be {action_en}."


class SameIssuerRefused(UserError):
    code = "gifts.same_person"
    zh = "发放人与复核人不能为同一人：{name}发放的礼品，须由其他复核人或主管{action}。"
    en = "The issuer and the reviewer must be different people: another reviewer or supervisor must {action_en}."


class ReviewerInvalid(UserError):
    code = "gifts.reviewer"
    zh = "复核人无效：{reason}"
    en = "The reviewer cannot be used: {reason_en}"


class CentralStockUnavailable(SyncError):
    code = "gifts.central_unavailable"
    zh = "无法连接中心库存（{detail}），只能使用本工作站备用额度发放。"
    en = "The central stock cannot be reached ({detail}); only this workstation's reserve can be used."


# --- sync ------------------------------------------------------------------------------------------


class CentralUnavailable(SyncError):
    """The central database cannot be reached: the workstation is offline; nothing was lost."""

    code = "sync.offline"
    zh = "中心数据库暂时无法连接（{detail}），本工作站继续离线工作，稍后自动重试。"
    en = "The central database cannot be reached ({detail}); this workstation works offline and retries later."


class CentralStalled(CentralUnavailable):
    code = "sync.stalled"
    zh = "中心数据库 {seconds} 秒无响应，已断开连接，下次同步时重试。"
    en = "The central database did not answer for {seconds} s; the connection was dropped and will be retried."


class CentralNotPostgres(SyncError):
    code = "sync.not_postgres"
    zh = "中心数据库地址必须是 PostgreSQL（postgresql://…）：{target}"
    en = "The central database must be PostgreSQL (postgresql://…): {target}"


class CentralCredentialsMissing(SyncError):
    code = "sync.no_credentials"
    zh = "系统密钥环中没有 {user} 的中心数据库密码，请先运行 workstation-cli central login。"
    en = "No central database password for {user} in the system keyring; run workstation-cli central login first."


class KeyringUnavailable(SyncError):
    code = "sync.no_keyring"
    zh = "无法使用系统密钥环保存或读取密码（{detail}）。"
    en = "The system keyring cannot store or read passwords ({detail})."


class BranchUnknown(SyncError):
    code = "sync.branch_unknown"
    zh = "中心数据库中没有代码为 {code} 的营业部。"
    en = "The central database has no branch with code {code}."


class SyncNotSetUp(SyncError):
    code = "sync.not_set_up"
    zh = "本工作站尚未设置所属营业部，无法同步。"
    en = "This workstation has no branch set up, so it cannot synchronise."


# --- accounts (new-account and transfer-in wizards, four-eyes review) -------------------------------


class ApplicationNotEditable(UserError):
    code = "accounts.not_editable"
    zh = "该申请当前为“{status}”，不能再修改。"
    en = "This application is “{status_en}” and can no longer be changed."


class StepNotInWizard(UserError):
    code = "accounts.bad_step"
    zh = "“{step}”不是{kind}向导的步骤。"
    en = "“{step_en}” is not a step of the {kind_en} wizard."


class WarningNotPending(UserError):
    code = "accounts.warning_not_pending"
    zh = "“{step}”步骤没有待确认的提示“{warning}”，请重新保存该步骤。"
    en = "The step “{step_en}” has no pending warning “{warning}”; save the step again."


class StepsIncomplete(UserError):
    code = "accounts.steps_incomplete"
    zh = "以下步骤尚未完成或有提示未确认：{steps}。"
    en = "These steps are not complete or have unconfirmed warnings: {steps_en}."


class ApplicationInconsistent(UserError):
    code = "accounts.inconsistent"
    zh = "申请资料前后不一致，请回到相应步骤修改：{summary}"
    en = "The application is inconsistent; go back and correct: {summary_en}"


class ApplicationNotSubmitted(UserError):
    code = "accounts.not_submitted"
    zh = "该申请当前为“{status}”，只有待复核的申请才能复核。"
    en = "This application is “{status_en}”; only submitted applications can be reviewed."


class SameClerkReviewer(UserError):
    code = "accounts.same_person"
    zh = "经办与复核不能为同一人：{name}经办的申请须由其他复核人员复核。"
    en = "The clerk and the reviewer must be different people: another reviewer must review this application."


class InvitingAgentRefused(UserError):
    code = "accounts.inviting_agent"
    zh = "邀约该客户的电销人员（{name}）不能担任该申请的{role}。"
    en = "The telesales agent who invited this client cannot be the {role_en} of this application."


class ReviewCommentRequired(UserError):
    code = "accounts.comment_required"
    zh = "退回申请须填写退回意见（至少 {minimum} 个字）。"
    en = "Returning an application needs a comment (at least {minimum} characters)."


class ApproverInvalid(UserError):
    code = "accounts.approver"
    zh = "佣金审批人无效：{reason}"
    en = "The commission approver cannot be used: {reason_en}"

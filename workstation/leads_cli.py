"""``workstation-cli leads register|withdraw|export`` (issue 19: leads from booths).

    workstation-cli [--db URL] leads register --staff NO [--password-stdin] --mobile M --source S
                    --consent-purpose P --consent-channel C [--name N] [--detail D] [--interest I]
                    [--campaign CODE] [--notes T]
    workstation-cli [--db URL] leads withdraw --staff NO [--password-stdin] --mobile M
    workstation-cli leads export --central URL --out F.csv|F.xlsx [--from D] [--to D] [--branch CODE]
    workstation-cli [--db URL] funding import FILE --staff NO [--password-stdin] [--as-of D]
    workstation-cli [--db URL] returns plan | list --staff NO [--all] | done TASK --staff NO --outcome O

``register``/``withdraw`` work on this workstation's database for its branch (the staff member logs
in with staff number and password); the lead travels to the central database with the next sync.
``export`` writes the call centre's follow-up list from the central database: only leads with
recorded consent that was not withdrawn, oldest first, spreadsheet-safe, readable by the user only.
``funding import`` reads the back office's daily file of funded accounts (有效户) into this
branch's clients and recomputes their tiers (:mod:`workstation.services.funding`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

SOURCES = ("booth", "partner", "campaign", "staff")
INTERESTS = ("new_account", "transfer_in", "other")
OUTCOMES = ("reached", "no_answer", "declined", "complaint")


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``leads`` to an ``argparse`` subparsers object."""
    from workstation.cli import _help_of
    from workstation.sync.cli import _central_arg, _day

    leads: argparse.ArgumentParser = subparsers.add_parser(
        "leads", help="驻点线索：登记、撤回同意、导出回访名单", description="社区营销/驻点登记的线索（须有客户同意）。"
    )
    actions = leads.add_subparsers(dest="leads_command", metavar="ACTION")
    add = actions.add_parser("register", help="登记一条线索（须记录同意的用途和方式）")
    withdraw = actions.add_parser("withdraw", help="登记客户撤回同意（此后不再导出、不再回访）")
    for parser in (add, withdraw):
        parser.add_argument("--staff", required=True, metavar="STAFF_NO", help="登记人工号")
        parser.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
        parser.add_argument("--mobile", required=True, help="手机号码")
    add.add_argument("--source", required=True, choices=SOURCES, help="来源：驻点/合作渠道/营销活动/员工推荐")
    add.add_argument("--consent-purpose", required=True, help="客户同意的用途，如“电话回访介绍开户服务”")
    add.add_argument("--consent-channel", required=True, help="同意方式，如 纸质签字/扫码勾选/口头")
    add.add_argument("--name", default="", help="姓名（可不填）")
    add.add_argument("--detail", default="", help="来源说明，如“XX社区服务站”")
    add.add_argument("--interest", choices=INTERESTS, default="new_account", help="意向（默认 new_account）")
    add.add_argument("--campaign", metavar="CODE", help="营销活动代码")
    add.add_argument("--notes", default="", help="备注")
    add.set_defaults(func=cmd_register)
    withdraw.set_defaults(func=cmd_withdraw)
    export = actions.add_parser("export", help="从中心数据库导出已同意、未撤回的线索（CSV/XLSX）")
    _central_arg(export)
    export.add_argument("--out", required=True, metavar="FILE", help="写入 .csv（UTF-8 BOM）或 .xlsx 文件")
    export.add_argument("--from", dest="first", metavar="YYYY-MM-DD", type=_day, help="登记日期起（含）")
    export.add_argument("--to", dest="last", metavar="YYYY-MM-DD", type=_day, help="登记日期止（含）")
    export.add_argument("--branch", metavar="CODE", help="只导出该营业部的线索")
    export.set_defaults(func=cmd_export)
    leads.set_defaults(func=_help_of(leads))

    funding: argparse.ArgumentParser = subparsers.add_parser(
        "funding",
        help="有效户：导入后台每日入金与资产文件",
        description="导入后台每日文件。",
    )
    f_actions = funding.add_subparsers(dest="funding_command", metavar="ACTION")
    load = f_actions.add_parser("import", help="导入 CSV/XLSX，匹配本营业部客户，按资产重算客户等级")
    load.add_argument("file", type=Path, metavar="FILE", help="后台导出的 .csv 或 .xlsx 文件")
    load.add_argument("--staff", required=True, metavar="STAFF_NO", help="操作人工号（主管或柜员）")
    load.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    load.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", type=_day, help="文件的数据日期（默认今天）")
    load.set_defaults(func=cmd_funding_import)
    funding.set_defaults(func=_help_of(funding))

    returns: argparse.ArgumentParser = subparsers.add_parser(
        "returns", help="回访任务：生成、按人查看、登记结果", description="开户/转户后的回访任务（给邀约的电销坐席）。"
    )
    r_actions = returns.add_subparsers(dest="returns_command", metavar="ACTION")
    r_actions.add_parser("plan", help="为已复核的开户/转户生成回访任务").set_defaults(func=cmd_returns_plan)
    listing = r_actions.add_parser("list", help="某人的回访任务（未完成的按到期日排列）")
    listing.add_argument("--staff", required=True, metavar="STAFF_NO", help="工号")
    listing.add_argument("--all", action="store_true", help="也列出已完成的")
    listing.set_defaults(func=cmd_returns_list)
    done = r_actions.add_parser("done", help="登记回访结果")
    done.add_argument("task", metavar="TASK_ID", help="回访任务编号（list 的第一列）")
    done.add_argument("--staff", required=True, metavar="STAFF_NO", help="回访人工号（本人或主管）")
    done.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    done.add_argument("--outcome", required=True, choices=OUTCOMES, help="结果")
    done.add_argument("--note", default="", help="说明（有投诉或异议时必填）")
    done.set_defaults(func=cmd_returns_done)
    returns.set_defaults(func=_help_of(returns))
    return leads


def cmd_register(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from workstation import errors
    from workstation.cli import login_staff, target_of
    from workstation.domain import LeadSource, Purpose
    from workstation.masking import mask_phone
    from workstation.models import Campaign
    from workstation.services import leads
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        actor = login_staff(store, args)
        with store.write() as session:
            campaign_id = None
            if args.campaign:
                campaign_id = session.scalar(sa.select(Campaign.id).where(Campaign.code == args.campaign))
                if campaign_id is None:
                    raise errors.NotFound(what=f"营销活动 {args.campaign}")
            request = leads.LeadRequest(
                mobile=args.mobile, source=LeadSource(args.source), consent_purpose=args.consent_purpose,
                consent_channel=args.consent_channel, name=args.name, source_detail=args.detail,
                interest=Purpose(args.interest), campaign_id=campaign_id, notes=args.notes,
            )  # fmt: skip
            lead = leads.register(session, actor, request)
            lead_id, mobile = lead.id, lead.mobile
    finally:
        store.dispose()
    print(f"线索已登记：{mask_phone(mobile)}（编号 {lead_id}），下次同步时上传中心。")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from workstation.cli import login_staff, target_of
    from workstation.masking import mask_phone
    from workstation.services import leads
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        actor = login_staff(store, args)
        with store.write() as session:
            lead = leads.withdraw_mobile(session, actor, args.mobile)
            mobile = lead.mobile
    finally:
        store.dispose()
    print(f"已登记撤回同意：{mask_phone(mobile)} 不再导出、不再回访。")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from workstation import errors
    from workstation.services import leads
    from workstation.store import display_url, first_line
    from workstation.sync.central import central_engine
    from workstation.sync.cli import _url

    if args.first and args.last and args.first > args.last:
        from workstation.cli import UsageError

        raise UsageError(detail=f"起始日期 {args.first} 晚于截止日期 {args.last}")
    url = _url(args)
    engine = central_engine(url)
    try:
        with engine.connect() as conn:
            lines = leads.follow_up_list(conn, first=args.first, last=args.last, branch_code=args.branch)
    except OperationalError as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc
    finally:
        engine.dispose()
    path = leads.export(lines, args.out)
    print(f"线索回访名单：{len(lines)} 条，已写入 {path}（{display_url(url)}）")
    return 0


def cmd_funding_import(args: argparse.Namespace) -> int:
    from workstation.cli import login_staff, target_of
    from workstation.clock import business_date
    from workstation.services import funding
    from workstation.store import open_store

    parsed = funding.read_file(args.file)
    store = open_store(target_of(args))
    try:
        actor = login_staff(store, args)
        with store.write() as session:
            report = funding.import_funding(session, actor, parsed, args.as_of or business_date())
    finally:
        store.dispose()
    print(f"有效户文件已导入：{report.summary()}。")
    for line, reasons in report.rejected[:20]:
        print(f"  第 {line} 行：{'；'.join(reasons)}")
    return 0


def cmd_returns_plan(args: argparse.Namespace) -> int:
    from workstation.cli import target_of
    from workstation.services import return_visits
    from workstation.services.identity import require_identity
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        with store.write() as session:
            created = len(return_visits.plan(session, require_identity(session).branch_id))
    finally:
        store.dispose()
    print(f"新生成回访任务 {created} 条。")
    return 0


def cmd_returns_list(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from workstation import errors
    from workstation.cli import target_of
    from workstation.models import Staff
    from workstation.services import return_visits
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        with store.read() as session:
            staff_id = session.scalar(sa.select(Staff.id).where(Staff.staff_no == args.staff))
            if staff_id is None:
                raise errors.NotFound(what=f"工号 {args.staff}")
            tasks = return_visits.tasks_for(session, staff_id, include_done=args.all)
    finally:
        store.dispose()
    print("\t".join(("任务编号", "到期日", "业务", "客户", "资金账号", "结果")))
    for t in tasks:
        state = t.outcome.label if t.outcome else ("已逾期" if t.overdue else "待回访")
        print("\t".join((str(t.task_id), t.due_on.isoformat(), t.kind.label, t.client_name, t.fund_account, state)))
    return 0


def cmd_returns_done(args: argparse.Namespace) -> int:
    import uuid

    from workstation.cli import UsageError, login_staff, target_of
    from workstation.domain import ReturnVisitOutcome
    from workstation.services import return_visits
    from workstation.store import open_store

    try:
        task_id = uuid.UUID(args.task)
    except ValueError as exc:
        raise UsageError(detail=f"回访任务编号格式不正确：{args.task[:40]}") from exc
    store = open_store(target_of(args))
    try:
        actor = login_staff(store, args)
        with store.write() as session:
            task = return_visits.record_outcome(session, actor, task_id, ReturnVisitOutcome(args.outcome), args.note)
            label = task.outcome.label if task.outcome else ""
    finally:
        store.dispose()
    print(f"回访结果已登记：{label}。")
    return 0

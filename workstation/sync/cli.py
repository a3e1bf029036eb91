"""``workstation-cli central …`` and ``workstation-cli sync``: headless sync for support and schedulers.

    workstation-cli central init --central URL            create/upgrade the central schema, policies
    workstation-cli central add-branch CODE --central URL [--connection-limit N]
                                                          the branch's login role (password shown once)
    workstation-cli central login --central URL           save the branch password in the OS keyring
    workstation-cli [--db URL] sync [--central URL]        one cycle: push then pull
    workstation-cli report telesales --central URL [--from D] [--to D] [--out FILE.csv|.xlsx]

``sync`` without ``--central`` uses the workstation's saved central settings (the app's 中心设置
dialog, :mod:`workstation.sync.settings`); every cycle is added to the run history the Sync page
shows. ``report telesales`` prints, or writes atomically to CSV (UTF-8 with BOM) or XLSX, the
telesales results per agent and campaign (:mod:`workstation.sync.report`); the period defaults to
the current month up to today.

``sync`` prints the typed outcome and exits 0 when the cycle completed, 3 when offline (the
central database is unreachable or stalled), 4 when it completed but the central database refused
(quarantined) messages in this cycle, and 2 on other errors. Passwords are read from the
keyring (or a prompt / stdin for ``login``), never from config files, and never printed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from workstation import errors

EXIT_OFFLINE = 3
"""``sync``: the central database could not be reached; run again later."""
EXIT_QUARANTINED = 4
"""``sync``: the cycle completed but the central database refused (quarantined) messages."""


def register(subparsers: Any) -> None:
    """Add the ``central`` and ``sync`` subcommands (see :data:`workstation.cli.PLUGIN_MODULES`)."""
    central = subparsers.add_parser(
        "central", help="中心数据库：初始化、营业部账号、登录", description="中心数据库管理"
    )
    actions = central.add_subparsers(dest="central_command", metavar="ACTION", title="操作 (actions)")

    init = actions.add_parser(
        "init", help="创建或升级中心数据库结构与权限", description="创建或升级中心数据库结构与权限"
    )
    _central_arg(init)
    init.set_defaults(func=cmd_central_init)

    add = actions.add_parser(
        "add-branch",
        help="为营业部创建数据库账号（只能读写本营业部数据）",
        description="为营业部创建（或重置）PostgreSQL 登录账号；新密码只显示一次。",
    )
    add.add_argument("code", metavar="CODE", help="营业部代码")
    add.add_argument(
        "--connection-limit",
        metavar="N",
        type=int,
        default=None,
        help="该账号最多同时连接数（默认 20，或环境变量 WORKSTATION_BRANCH_CONNECTIONS）",
    )
    _central_arg(add)
    add.set_defaults(func=cmd_central_add_branch)

    login = actions.add_parser(
        "login",
        help="把中心数据库密码保存到系统密钥环",
        description="把中心数据库密码保存到系统密钥环（不写入任何文件）",
    )
    _central_arg(login)
    login.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（供脚本使用）")
    login.set_defaults(func=cmd_central_login)
    stations = actions.add_parser(
        "workstations",
        help="各营业部工作站运行的版本与最近同步时间",
        description="列出中心数据库中的工作站：营业部、编号、名称、版本、最近同步时间。",
    )
    _central_arg(stations)
    stations.add_argument("--branch", metavar="CODE", help="只列出此营业部")
    stations.set_defaults(func=cmd_central_workstations)
    central.set_defaults(func=lambda _args: (central.print_help(), 2)[1])

    sync = subparsers.add_parser(
        "sync",
        help="与中心数据库同步一次（先推送后拉取）",
        description=(
            "与中心数据库同步一次：推送本地待发送的变更，再拉取本营业部的中心变更。"
            "离线时退出码为 3，有记录被中心拒收（隔离）时为 4。"
        ),
    )
    _central_arg(sync, required=False)
    sync.set_defaults(func=cmd_sync)

    report = subparsers.add_parser("report", help="中心数据库报表", description="中心数据库报表")
    reports = report.add_subparsers(dest="report_command", metavar="REPORT", title="报表 (reports)")
    telesales = reports.add_parser(
        "telesales",
        help="电销成果：按坐席与活动统计邀约、到店、未到店、开户、转户、礼品",
        description="电销成果（中心数据库）：按坐席与活动统计邀约、有效预约、到店、未到店、开户、转户与礼品发放。",
    )
    _central_arg(telesales)
    telesales.add_argument("--from", dest="first", metavar="YYYY-MM-DD", type=_day, help="起始日期（默认本月1日）")
    telesales.add_argument("--to", dest="last", metavar="YYYY-MM-DD", type=_day, help="截止日期，含当天（默认今天）")
    telesales.add_argument("--out", metavar="FILE", help="写入 .csv（UTF-8 BOM）或 .xlsx 文件；不给则打印到屏幕")
    telesales.set_defaults(func=cmd_report_telesales)
    report.set_defaults(func=lambda _args: (report.print_help(), 2)[1])


def _day(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from exc


def _central_arg(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    hint = "" if required else "；不给则用本工作站保存的中心设置"
    parser.add_argument(
        "--central",
        metavar="URL",
        required=required,
        help=f"中心数据库地址 postgresql://用户@主机:端口/库名（不含密码）{hint}",
    )


def _url(args: argparse.Namespace) -> Any:
    from workstation.sync.central import central_url
    from workstation.sync.credentials import with_password

    return with_password(central_url(args.central))


def cmd_central_init(args: argparse.Namespace) -> int:
    """Create or upgrade the central schema and apply grants and row-level security."""
    from workstation.store import display_url
    from workstation.sync.central import central_engine, init_central

    url = _url(args)
    engine = central_engine(url)
    try:
        revision = init_central(engine)
    finally:
        engine.dispose()
    print(f"中心数据库已就绪（版本 {revision}，权限与行级安全已更新）：{display_url(url)}")
    return 0


def cmd_central_add_branch(args: argparse.Namespace) -> int:
    """Create or re-key a branch's login role and print its password once."""
    from workstation.sync.central import add_branch, central_engine

    engine = central_engine(_url(args))
    try:
        with engine.begin() as conn:
            role, password = add_branch(conn, args.code, connection_limit=args.connection_limit)
    finally:
        engine.dispose()
    print(f"营业部 {args.code} 的数据库账号：{role}")
    print(f"密码（只显示这一次，请在该营业部的工作站上运行 central login 保存）：{password}")
    return 0


def cmd_central_workstations(args: argparse.Namespace) -> int:
    """Print which version each workstation runs and when it last synced."""
    from workstation.clock import local
    from workstation.sync.central import central_engine
    from workstation.sync.versions import list_workstations

    engine = central_engine(_url(args))
    try:
        rows = list_workstations(engine, args.branch)
    finally:
        engine.dispose()
    print(f"{'营业部':<10}{'编号':>4}  {'名称':<12}{'版本':<10}最近同步")
    for row in rows:
        seen = f"{local(row.last_seen_at):%Y-%m-%d %H:%M}" if row.last_seen_at else "（从未）"
        number = str(row.number) if row.number is not None else "-"
        print(f"{row.branch_code:<10}{number:>4}  {row.name:<12}{row.app_version or '（未知）':<10}{seen}")
    print(f"共 {len(rows)} 台工作站")
    return 0


def cmd_central_login(args: argparse.Namespace) -> int:
    """Save the central password of the URL's user in the OS keyring."""
    from workstation.store import display_url
    from workstation.sync.central import central_url
    from workstation.sync.credentials import save_password

    url = central_url(args.central)
    if not url.username:
        raise errors.CentralCredentialsMissing(user="（地址中未写用户名）")
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"{url.username} 的密码：")
    if not password:
        raise errors.CentralCredentialsMissing(user=url.username)
    save_password(url, password)
    print(f"密码已保存到系统密钥环：{display_url(url)}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Run one cycle and print its outcome; exit 0 ok, 3 offline, 4 rows quarantined, 2 failed."""
    from workstation.cli import target_of
    from workstation.store import open_store
    from workstation.sync.credentials import with_password
    from workstation.sync.engine import SyncStatus, run_once
    from workstation.sync.settings import CentralSettingsInvalid, load_settings
    from workstation.sync.status import record_run

    store = open_store(target_of(args))
    try:
        if args.central:
            url = _url(args)
        else:
            settings = load_settings(store)
            if not settings.configured:
                raise CentralSettingsInvalid(detail="本工作站尚未保存中心设置，请用 --central 给出地址")
            url = with_password(settings.url())
        outcome = run_once(store, url)
        record_run(store, outcome)
    finally:
        store.dispose()
    print(outcome.summary())
    if outcome.status is SyncStatus.OFFLINE:
        return EXIT_OFFLINE
    if outcome.status is SyncStatus.QUARANTINED:
        return EXIT_QUARANTINED
    return 0 if outcome.ok else 2


def cmd_report_telesales(args: argparse.Namespace) -> int:
    """Compute the telesales report in the central database; print it or write CSV/XLSX."""
    from datetime import date

    from sqlalchemy.exc import OperationalError

    from workstation.store import display_url, first_line
    from workstation.sync.central import central_engine
    from workstation.sync.report import export, telesales_report, text_table

    today = date.today()
    first, last = args.first or today.replace(day=1), args.last or today
    if first > last:
        from workstation.cli import UsageError

        raise UsageError(detail=f"起始日期 {first} 晚于截止日期 {last}")
    url = _url(args)
    engine = central_engine(url)
    try:
        with engine.connect() as conn:
            rows = telesales_report(conn, first, last)
    except OperationalError as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc
    finally:
        engine.dispose()
    if args.out:
        path = export(rows, first, last, args.out)
        print(f"电销成果 {first} 至 {last}：{len(rows)} 行，已写入 {path}（{display_url(url)}）")
    else:
        print(text_table(rows))
    return 0

"""``workstation-cli``: the headless tool for support staff and scripts (no Qt).

    workstation-cli [--db URL | --demo] db upgrade        migrate (SQLite: backup first)
    workstation-cli [--db URL | --demo] db status [--check]
    workstation-cli [--db URL] demo                       create and seed a demo database
    workstation-cli bench [--only NAME] [--repeat N]      JSON-lines benchmarks
    workstation-cli render …                              (from workstation.printing.cli, if present)

The database is chosen by :func:`workstation.paths.default_target` (the same rule as the GUI);
``demo`` without ``--db`` uses the demo file, never the real database. Every expected error
(:class:`~workstation.errors.WorkstationError`: locked, read-only or corrupt file, newer schema,
unreachable server, refused input) ends with its message on stderr and exit code 2, without a
traceback; ``--debug`` shows tracebacks of unexpected errors.

Other modules add subcommands: each module in :data:`PLUGIN_MODULES` exposes
``register(subparsers)`` and sets ``func`` (``Namespace -> int``) on the parsers it adds, e.g.
``parser.set_defaults(func=run)``. A plugin module that does not exist is skipped silently.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from workstation import __version__, errors, paths

PLUGIN_MODULES: tuple[str, ...] = (
    "workstation.printing.cli",
    "workstation.reception_cli",
    "workstation.sync.cli",
    "workstation.accounts.cli",
    "workstation.campaigns_cli",
    "workstation.notify_cli",
    "workstation.privacy_cli",
    "workstation.leads_cli",
)
"""Modules whose ``register(subparsers)`` adds subcommands."""

EXIT_OK = 0
EXIT_PENDING = 1
"""``db status --check``: an upgrade is pending. Also unexpected internal errors."""
EXIT_ERROR = 2
"""An expected error (StoreError, UserError…) or bad usage."""

Handler = Callable[[argparse.Namespace], int]


class UsageError(errors.UserError):
    code = "cli.usage"
    zh = "命令用法有误：{detail}"
    en = "Wrong usage: {detail}"


# --- the parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with the plugin subcommands."""
    parser = argparse.ArgumentParser(
        prog="workstation-cli",
        description="证券营业部前台工作站 命令行工具（Counter Workstation CLI）",
        epilog=(
            f"数据库选择：--demo（演示库），否则 --db，否则环境变量 {paths.DB_ENV}，"
            f"否则用户数据目录下的 {paths.DB_FILENAME}。出错时退出码为 2。"
        ),
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db",
        metavar="URL",
        help=f"数据库：SQLite 文件路径或 postgresql://… 地址（默认：${paths.DB_ENV} 或 {paths.default_db_path()}）",
    )
    where.add_argument("--demo", action="store_true", help=f"使用演示数据库 {paths.demo_db_path()}")
    parser.add_argument(
        "--create", action="store_true", help="--db 指定的数据库文件不存在时新建（否则拒绝，以防路径写错）"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="提示信息语言（默认 zh_CN）")
    parser.add_argument("--debug", action="store_true", help="意外错误时显示完整的调用栈")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令 (commands)")

    db = commands.add_parser("db", help="数据库升级与版本状态", description="数据库升级与版本状态")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", title="操作 (actions)")
    upgrade = db_commands.add_parser(
        "upgrade",
        help="升级数据库结构到本程序的最新版本（SQLite 升级前自动备份）",
        description="升级数据库结构到本程序的最新版本。SQLite 文件在升级前自动备份到同一文件夹。",
    )
    upgrade.set_defaults(func=cmd_db_upgrade)
    status = db_commands.add_parser(
        "status", help="显示数据库当前版本与最新版本", description="显示数据库当前版本与最新版本（不做任何修改）"
    )
    status.add_argument("--check", action="store_true", help="需要升级时以退出码 1 结束（供脚本使用）")
    status.set_defaults(func=cmd_db_status)
    db.set_defaults(func=_help_of(db))

    demo = commands.add_parser(
        "demo",
        help="新建演示数据库并生成演示数据",
        description=(
            "新建（或升级）数据库并生成演示营业部：柜台、员工（密码 Demo1234）、200 名客户、今日 40 个电销预约、"
            "两个营销活动及礼品库存。已有营业部数据的数据库会被拒绝。未指定 --db 时使用演示数据库文件。"
        ),
    )
    demo.add_argument("--seed", type=int, default=20261125, help="随机种子（相同种子生成相同数据）")
    demo.add_argument("--clients", type=_positive, default=200, help="客户数（默认 200）")
    demo.add_argument("--appointments", type=_positive, default=40, help="今日预约数（默认 40）")
    demo.set_defaults(func=cmd_demo)

    bench = commands.add_parser(
        "bench",
        help="性能基准：每项指标输出一行 JSON",
        description=(
            "性能基准：在临时演示数据库上测量启动时间（登录窗口、主窗口，对比裸 Qt 窗口）、登录与客户查询耗时，"
            "以及其他模块提供的指标。每项指标输出一行 JSON：name, value, unit, baseline, ratio, target, ok。"
        ),
    )
    bench.add_argument(
        "--only", action="append", metavar="NAME", help="只运行名称匹配的指标（前缀或通配符，可重复），如 startup"
    )
    bench.add_argument("--repeat", type=_positive, default=5, help="每项重复次数，取中位数（默认 5）")
    bench.add_argument("--timeout", type=float, default=60.0, help="单次启动测量的超时秒数（默认 60）")
    bench.set_defaults(func=cmd_bench)

    for name in PLUGIN_MODULES:
        register_plugin(name, commands)
    return parser


def register_plugin(module_name: str, subparsers: Any) -> bool:
    """Let ``module_name`` add its subcommands; False if it does not exist (or failed to load)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            return False  # not written yet: skip silently
        print(f"警告：命令模块 {module_name} 无法加载（{exc}），已跳过。", file=sys.stderr)
        return False
    except Exception as exc:  # a broken plugin must not take the whole CLI down
        print(f"警告：命令模块 {module_name} 无法加载（{type(exc).__name__}: {exc}），已跳过。", file=sys.stderr)
        return False
    register = getattr(module, "register", None)
    if register is None:
        return False
    register(subparsers)
    return True


def _help_of(parser: argparse.ArgumentParser) -> Handler:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return EXIT_ERROR

    return show


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("必须是正整数")
    return value


# --- running ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 pending/internal error, 2 expected error)."""
    if argv is None:  # the program itself (not a test calling in): every file it makes is private
        from workstation.files import private_umask

        private_umask()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    func: Handler | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return func(args)
    except errors.WorkstationError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        else:
            print(f"内部错误：{type(exc).__name__}: {exc}（加 --debug 查看详情）", file=sys.stderr)
        return EXIT_PENDING


def login_staff(store: Any, args: argparse.Namespace) -> Any:
    """Log ``args.staff`` in at this workstation with a password typed at the terminal (or one stdin line).

    Raises:
        AuthError: a wrong password, a locked or disabled account (see :func:`services.auth.login`).
    """
    import getpass

    from workstation.services.auth import login
    from workstation.services.identity import require_identity

    with store.read() as session:
        identity = require_identity(session)
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"{args.staff} 的密码：")
    return login(store, identity.branch_id, args.staff, password, identity.workstation_id)


def target_of(args: argparse.Namespace, *, demo_default: bool = False) -> str:
    """The database the command works on (see :mod:`workstation.paths`)."""
    if demo_default and not args.db and not args.demo and not os.environ.get(paths.DB_ENV):
        return str(paths.demo_db_path())
    creates = args.command == "demo" or (
        args.command == "db" and getattr(args, "db_command", "") in ("upgrade", "status")
    )
    missing = None if creates or getattr(args, "create", False) else paths.missing_db_file(args.db)
    if missing is not None:
        raise errors.DatabaseMissing(path=str(missing))
    return paths.default_target(args.demo, args.db)


def cmd_db_status(args: argparse.Namespace) -> int:
    """Print the current and head revisions; with ``--check`` exit 1 when an upgrade is pending."""
    from workstation import migrate
    from workstation.store import display_url, normalize_url, open_store

    target = target_of(args)
    url = normalize_url(target)
    print(f"数据库：{display_url(url)}")
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
        print("当前版本：（文件不存在）")
        print(f"最新版本：{head}")
        print("状态：尚未创建（运行 workstation-cli db upgrade 或 demo 创建）")
        return EXIT_PENDING if args.check else EXIT_OK
    store = open_store(target, upgrade=False)
    try:
        plan = migrate.inspect_schema(store.engine)
    finally:
        store.dispose()
    print(f"当前版本：{plan.current or '（空数据库）'}")
    print(f"最新版本：{plan.head}")
    if plan.needs_upgrade:
        print("状态：需要升级（运行 workstation-cli db upgrade）")
        return EXIT_PENDING if args.check else EXIT_OK
    print("状态：已是最新")
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Migrate to the head revision and report the backup taken before it."""
    from workstation import migrate
    from workstation.store import display_url, open_store

    target = target_of(args)
    store = open_store(target, upgrade=False)
    try:
        before = migrate.inspect_schema(store.engine)
    finally:
        store.dispose()
    if not before.needs_upgrade:
        print(f"数据库已是最新版本 {before.head}，无需升级：{display_url(store.url)}")
        return EXIT_OK
    store = open_store(target)
    try:
        shown = display_url(store.url)
        if before.current is None:
            print(f"已初始化新数据库到版本 {before.head}：{shown}")
        else:
            print(f"数据库已从版本 {before.current} 升级到 {before.head}：{shown}")
            if store.backups:
                print(f"升级前备份：{store.backups[-1]}")
            elif not store.is_sqlite:
                print("PostgreSQL 数据库不自动备份；升级前请用 pg_dump 自行备份。")
    finally:
        store.dispose()
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (or migrate) the database and seed the demo branch; refuse one that has a branch."""
    from workstation.demo import DEMO_PASSWORD, SUPERVISOR_NO, seed_demo
    from workstation.store import display_url, open_store

    store = open_store(target_of(args, demo_default=True))
    try:
        summary = seed_demo(store, clients=args.clients, appointments=args.appointments, seed=args.seed)
        print(f"演示数据已生成：{display_url(store.url)}")
        print(
            f"营业部 {summary.identity.branch_name}（{summary.identity.branch_code}），工作站 "
            f"{summary.identity.workstation_name}；员工 {summary.staff} 名，客户 {summary.clients} 名，"
            f"今日预约 {summary.appointments} 个，活动 {summary.campaigns} 个，礼品 {summary.gifts} 种。"
        )
        print(f"登录：主管 {SUPERVISOR_NO}，密码 {DEMO_PASSWORD}（所有演示员工密码相同）")
    finally:
        store.dispose()
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the benchmarks; one JSON object per line on stdout."""
    from workstation.bench import run

    return run(only=args.only or [], repeat=args.repeat, timeout=args.timeout)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

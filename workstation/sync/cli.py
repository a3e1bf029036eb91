"""``workstation-cli central …`` and ``workstation-cli sync``: headless sync for support and schedulers.

    workstation-cli central init --central URL            create/upgrade the central schema, policies
    workstation-cli central add-branch CODE --central URL  the branch's login role (password shown once)
    workstation-cli central login --central URL           save the branch password in the OS keyring
    workstation-cli [--db URL] sync --central URL          one cycle: push then pull

``sync`` prints the typed outcome and exits 0 when the cycle completed, 3 when offline (the
central database is unreachable or stalled) and 2 on other errors. Passwords are read from the
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
    central.set_defaults(func=lambda _args: (central.print_help(), 2)[1])

    sync = subparsers.add_parser(
        "sync",
        help="与中心数据库同步一次（先推送后拉取）",
        description="与中心数据库同步一次：推送本地待发送的变更，再拉取本营业部的中心变更。离线时退出码为 3。",
    )
    _central_arg(sync)
    sync.set_defaults(func=cmd_sync)


def _central_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--central", metavar="URL", required=True, help="中心数据库地址 postgresql://用户@主机:端口/库名（不含密码）"
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
            role, password = add_branch(conn, args.code)
    finally:
        engine.dispose()
    print(f"营业部 {args.code} 的数据库账号：{role}")
    print(f"密码（只显示这一次，请在该营业部的工作站上运行 central login 保存）：{password}")
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
    """Run one cycle and print its outcome; exit 0 ok, 3 offline, 2 failed."""
    from workstation.cli import target_of
    from workstation.store import open_store
    from workstation.sync.engine import SyncStatus, run_once

    url = _url(args)
    store = open_store(target_of(args))
    try:
        outcome = run_once(store, url)
    finally:
        store.dispose()
    print(outcome.summary())
    if outcome.status is SyncStatus.OFFLINE:
        return EXIT_OFFLINE
    return 0 if outcome.ok else 2

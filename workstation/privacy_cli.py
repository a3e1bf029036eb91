"""``workstation-cli retention run`` and ``workstation-cli client export|withdraw-consent`` (issue 17).

    workstation-cli [--db URL | --demo] retention run [--central URL]
    workstation-cli [--db URL | --demo] client export --id-number N --staff NO [--password-stdin] [--out F]
    workstation-cli [--db URL | --demo] client withdraw-consent --id-number N --staff NO [--password-stdin]

``retention run`` applies the retention policy (workstation/services/retention.py) to this
workstation's branch, or with ``--central`` to every branch in the central database. The client
commands are for a supervisor, who logs in with staff number and password (read from standard
input with ``--password-stdin``); ``--out`` writes JSON or, for ``.xlsx``, a workbook, readable
by the user only. Without ``--out`` the JSON goes to standard output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``retention`` and ``client`` to an ``argparse`` subparsers object."""
    from workstation.cli import _help_of

    retention: argparse.ArgumentParser = subparsers.add_parser(
        "retention", help="按保存期限策略匿名化或清除过期的个人信息", description="按保存期限策略处理个人信息。"
    )
    r_commands = retention.add_subparsers(dest="retention_command", metavar="COMMAND")
    run = r_commands.add_parser(
        "run",
        help="立即执行一次保存期限处理（本营业部；--central：中心数据库中的所有营业部）",
        description="意向客户无账户超过期限则匿名化；预约和到店记录超过期限则去除个人信息；单据资料超过法定保存期则清除。",
    )
    run.add_argument("--central", metavar="URL", help="在中心数据库执行（所有营业部）")
    run.set_defaults(func=cmd_retention_run)
    retention.set_defaults(func=_help_of(retention))

    client: argparse.ArgumentParser = subparsers.add_parser(
        "client",
        help="客户个人信息请求：导出、撤回同意（仅主管）",
        description="处理客户的个人信息请求（仅主管，均留痕）。",
    )
    c_commands = client.add_subparsers(dest="client_command", metavar="COMMAND")
    export = c_commands.add_parser("export", help="导出本营业部保存的该客户全部信息（JSON 或 XLSX）")
    withdraw = c_commands.add_parser("withdraw-consent", help="登记客户撤回同意（无账户的意向客户立即匿名化）")
    for parser in (export, withdraw):
        parser.add_argument("--id-number", required=True, metavar="N", help="客户证件号码")
        parser.add_argument("--staff", required=True, metavar="STAFF_NO", help="主管工号")
        parser.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    export.add_argument("--out", type=Path, metavar="F.json|F.xlsx", help="写入文件（默认输出到屏幕）")
    withdraw.add_argument("--reason", default="", help="客户说明的原因（可选）")
    export.set_defaults(func=cmd_client_export)
    withdraw.set_defaults(func=cmd_client_withdraw)
    client.set_defaults(func=_help_of(client))
    return retention


def cmd_retention_run(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from workstation.clock import utcnow
    from workstation.services import retention

    if args.central:
        from workstation.sync.central import central_engine, central_url
        from workstation.sync.credentials import with_password

        engine = central_engine(with_password(central_url(args.central)))
        try:
            with Session(engine) as session, session.begin():
                result = retention.run_central(session, utcnow())
        finally:
            engine.dispose()
        print(f"中心数据库：{result.summary()}")
        return 0
    from workstation.cli import target_of
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        with store.write() as session:
            result = retention.run_workstation(session, utcnow())
    finally:
        store.dispose()
    print(f"本营业部：{result.summary()}")
    return 0


def cmd_client_export(args: argparse.Namespace) -> int:
    from workstation.cli import login_staff, target_of
    from workstation.clock import utcnow
    from workstation.files import write_private
    from workstation.services import data_subject
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        actor = login_staff(store, args)
        with store.write() as session:
            export = data_subject.export_client(session, actor, args.id_number, utcnow())
    finally:
        store.dispose()
    if args.out is None:
        sys.stdout.write(data_subject.to_json_bytes(export).decode("utf-8") + "\n")
        return 0
    xlsx = args.out.suffix.lower() == ".xlsx"
    data = data_subject.to_xlsx_bytes(export) if xlsx else data_subject.to_json_bytes(export)
    write_private(args.out, data)
    print(f"已导出到 {args.out}（仅本用户可读）")
    return 0


def cmd_client_withdraw(args: argparse.Namespace) -> int:
    from workstation.cli import login_staff, target_of
    from workstation.clock import utcnow
    from workstation.services import data_subject
    from workstation.store import open_store

    store = open_store(target_of(args))
    try:
        actor = login_staff(store, args)
        with store.write() as session:
            client = data_subject.withdraw_consent(session, actor, args.id_number, utcnow(), args.reason)
            anonymised = client.anonymised_at is not None
    finally:
        store.dispose()
    print("已登记撤回同意" + ("，该意向客户的个人信息已匿名化。" if anonymised else "；账户资料按法定期限保存。"))
    return 0

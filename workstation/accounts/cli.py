"""``workstation-cli prefill FILE.json``: import telesales pre-registrations as counter drafts.

    workstation-cli [--db URL | --demo] prefill FILE.json [--staff STAFF_NO]

The file's schema is documented in :mod:`workstation.accounts.prefill`. Records go through
exactly the wizard's validators; each rejected record is listed with every field's message, the
accepted ones wait at the counter as drafts. ``--staff`` names the member of staff the import is
recorded for (default: the branch's first supervisor). Exit code 0 when the file was read (even
with rejected records), 2 when it cannot be read or is not JSON of the documented shape.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

EXIT_READ = 0
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``prefill`` to an ``argparse`` subparsers object; returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "prefill",
        help="导入电销预登记的客户资料（JSON），生成柜台开户草稿",
        description="按开户向导相同的校验规则导入电销预登记的客户资料；未通过的记录逐条列出原因。",
    )
    parser.add_argument("file", type=Path, metavar="FILE.json", help="UTF-8 JSON 文件")
    parser.add_argument("--staff", metavar="STAFF_NO", help="记录导入操作的员工工号（默认：本营业部主管）")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Carry out ``prefill``; returns the exit code."""
    import sqlalchemy as sa

    from workstation import errors
    from workstation.accounts.prefill import import_prefill, records_of
    from workstation.accounts.wizard import AccountWizard
    from workstation.cli import target_of
    from workstation.domain import Role
    from workstation.models import Branch, Staff
    from workstation.services.auth import actor_for
    from workstation.services.identity import require_identity
    from workstation.store import open_store

    out, err = out or sys.stdout, err or sys.stderr
    from workstation.jsonfile import load_json

    try:
        records = records_of(load_json(Path(args.file)))
    except errors.ValidationError as exc:
        print(f"错误：无法读取 {args.file}：{exc.problems[0].zh}", file=err)
        return EXIT_UNREADABLE
    except ValueError as exc:
        print(f"错误：无法读取 {args.file}：{exc}", file=err)
        return EXIT_UNREADABLE
    store = open_store(target_of(args))
    try:
        with store.write() as session:
            identity = require_identity(session)
            branch = session.get(Branch, identity.branch_id)
            query = sa.select(Staff).where(Staff.branch_id == identity.branch_id, Staff.active.is_(True))
            if args.staff:
                staff = session.scalars(query.where(Staff.staff_no == args.staff)).first()
            else:
                staff = next((s for s in session.scalars(query.order_by(Staff.staff_no))
                              if Role.SUPERVISOR.value in s.roles), None)  # fmt: skip
            if staff is None or branch is None:
                raise errors.NotFound(what=f"本营业部员工 {args.staff or '（主管）'}")
            actor = actor_for(staff, branch, identity.workstation_id)
            report = import_prefill(session, actor, records, AccountWizard())
    finally:
        store.dispose()
    print(f"{identity.branch_name}：已生成草稿 {len(report.accepted)} 条，未通过 {len(report.rejected)} 条"
          f"，已有草稿跳过 {len(report.skipped)} 条（共 {len(records)} 条）。", file=out)  # fmt: skip
    for note in report.skipped:
        print(
            f"第 {note.index} 条" + (f"（{note.ref}）" if note.ref else "") + f"：{note.message(args.lang)}", file=out
        )
    if report.warnings:
        print("需在柜台与客户确认的提示：", file=out)
    for note in report.warnings:
        label = f"第 {note.index} 条" + (f"（{note.ref}）" if note.ref else "")
        print(f"  - {label} {note.field}：{note.message(args.lang)}", file=out)
    for rejection in report.rejected:
        label = f"第 {rejection.index} 条" + (f"（{rejection.ref}）" if rejection.ref else "")
        print(f"{label}未导入：", file=out)
        for problem in rejection.problems:
            print(f"  - {problem.field}：{problem.message(args.lang)}", file=out)
    return EXIT_READ

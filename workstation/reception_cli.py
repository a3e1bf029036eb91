"""``workstation-cli import-appointments FILE``: import the call centre's CSV/XLSX export, headless.

    workstation-cli [--db URL | --demo] import-appointments FILE [--dry-run]

Uses the same services as the import dialog (:func:`workstation.services.appointments.read_table`
and :func:`~workstation.services.appointments.import_appointments`) for this workstation's branch.
Prints how many rows were imported, which lines were duplicates (already imported, never twice)
and each rejected line with its reasons. Exit code 0 when the file was read (even if rows were
rejected), 2 when the file cannot be read or lacks required columns.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from workstation.services.appointments import ImportReport
    from workstation.services.identity import Identity

EXIT_READ = 0
EXIT_UNREADABLE = 2


class _DryRun(Exception):
    def __init__(self, identity: Identity, report: ImportReport) -> None:
        super().__init__("dry run")
        self.identity = identity
        self.report = report


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``import-appointments`` to an ``argparse`` subparsers object; returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import-appointments",
        help="导入呼叫中心的预约导出文件（CSV/XLSX）",
        description=(
            "把呼叫中心导出的预约（CSV：UTF-8 或 GBK；或 XLSX）导入本营业部。已导入过的行不会重复导入；"
            "不能导入的行逐行列出原因。文件可读时退出码为 0，文件无法读取或缺少必需列时为 2。"
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="CSV 或 XLSX 文件")
    parser.add_argument("--dry-run", action="store_true", help="只检查，不写入数据库")
    parser.add_argument(
        "--from-line", type=int, default=0, metavar="N", help="从文件第 N 行起导入（超过单次上限的大文件分次导入）"
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Carry out ``import-appointments``; returns the exit code."""
    from workstation import errors
    from workstation.cli import target_of
    from workstation.services.appointments import import_appointments, read_table
    from workstation.services.identity import require_identity
    from workstation.store import open_store

    out = out or sys.stdout
    err = err or sys.stderr
    path: Path = args.file
    try:
        rows = read_table(path)
    except zipfile.BadZipFile as exc:  # a damaged .xlsx: read_table lets this one through
        print(f"错误：无法读取文件 {path}：{exc}", file=err)
        return EXIT_UNREADABLE
    except errors.ValidationError as exc:
        print(f"错误：{path}：{exc.message(args.lang)}", file=err)
        return EXIT_UNREADABLE
    store = open_store(target_of(args))
    try:
        with store.write() as session:
            identity = require_identity(session)
            report = import_appointments(session, identity.branch_id, rows, from_line=args.from_line)
            if args.dry_run:
                raise _DryRun(identity, report)  # leaves the transaction rolled back
    except _DryRun as dry:
        identity, report = dry.identity, dry.report
    finally:
        store.dispose()
    verb = "可导入" if args.dry_run else "已导入"
    print(f"{identity.branch_name}：{verb} {report.imported} 条，重复 {len(report.duplicates)} 条，"
          f"未导入 {len(report.rejected)} 条（共 {len(rows)} 行）。", file=out)  # fmt: skip
    if report.duplicates:
        lines = "、".join(str(line) for line in report.duplicates)
        print(f"重复（已导入过，跳过）：第 {lines} 行", file=out)
    if report.updated:
        print(f"已更新（呼叫中心改了时间或内容）：第 {'、'.join(map(str, report.updated))} 行", file=out)
    if report.cancelled:
        print(f"已取消：第 {'、'.join(map(str, report.cancelled))} 行", file=out)
    for line, reasons in report.rejected:
        print(f"第 {line} 行未导入：{'；'.join(reasons)}", file=out)
    if report.next_line is not None:
        print(f"文件超过单次导入上限：请用 --from-line {report.next_line} 再次导入余下部分。", file=out)
    if args.dry_run:
        print("（试运行：未写入数据库）", file=out)
    return EXIT_READ


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for tests: ``python -m workstation.reception_cli FILE``."""
    from workstation import cli

    return cli.main(["import-appointments", *(argv or [])])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""``workstation-cli render``: any form as a PDF from JSON data, without the GUI.

    workstation-cli render --list
    workstation-cli render FORM --sample --out FILE.pdf
    workstation-cli render FORM --data FILE.json --out FILE.pdf [--copy]
    workstation-cli render FORM --sample-json            # print the sample data as JSON

    workstation-cli print FILE.pdf --printer QUEUE [--copies N] [--media A4] [--wait SECONDS]
    workstation-cli print --list-printers

Exit codes: 0 written, 2 invalid data or usage (problems listed on stderr, one per line);
``print``: 0 spooled (and completed when waiting), 1 the printer failed, 2 usage.
``FORM`` ``account-opening-package`` takes ``{form code: data}`` for the five account-opening forms.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from workstation.errors import NotFound, ValidationError
from workstation.forms.catalog import ACCOUNT_OPENING_PACKAGE, FORMS, PACKAGE_CODE


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``render`` subcommand to an ``argparse`` subparsers object; returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "render",
        help="render a counter form as PDF (渲染表单为 PDF)",
        description="Render a counter form as a PDF with the bundled Chinese fonts.",
    )
    parser.add_argument("form", nargs="?", help="form code, see --list")
    parser.add_argument("--list", action="store_true", help="list the forms")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data", type=Path, help="JSON file with the form data")
    source.add_argument("--sample", action="store_true", help="use the built-in sample data")
    source.add_argument("--sample-json", action="store_true", help="print the sample data as JSON and exit")
    parser.add_argument("--out", type=Path, help="PDF file to write")
    parser.add_argument("--copy", action="store_true", help="mark as reprint 副本/COPY")
    parser.set_defaults(func=run)
    register_print(subparsers)
    from workstation.printing import thermal_cli

    thermal_cli.register(subparsers)
    return parser


def register_print(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``print`` subcommand (a PDF file to a named printer queue); returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "print",
        help="send a PDF to a printer queue (发送 PDF 至打印机)",
        description="Send a PDF file to a named printer queue (never the default one) and follow the job.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="PDF file to print")
    parser.add_argument("--list-printers", action="store_true", help="list the printer queues")
    parser.add_argument("--printer", help="queue name, see --list-printers")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--media", default="A4", help="paper size (A4, A5; empty: the printer's)")
    parser.add_argument("--title", default="", help="job title (default: the file name)")
    parser.add_argument("--wait", type=float, default=30.0, help="seconds to follow the job (0: do not)")
    parser.set_defaults(func=run_print)
    return parser


def run_print(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Carry out ``print``; returns the exit code."""
    from workstation.errors import PrintError
    from workstation.printing import spool

    out = out or sys.stdout
    err = err or sys.stderr
    backend = spool.default_backend()
    try:
        if args.list_printers:
            for printer in backend.printers():
                mark = "*" if printer.is_default else " "
                print(f"{mark} {printer.name:24} {printer.state}", file=out)
            return 0
        if not args.file or not args.printer:
            print("错误：需要 PDF 文件和 --printer 打印机名（用 --list-printers 查看）", file=err)
            return 2
        try:
            pdf = Path(args.file).read_bytes()
        except OSError as exc:
            print(f"错误：无法读取 {args.file}：{exc}", file=err)
            return 2
        if not pdf.startswith(b"%PDF-"):
            print(f"错误：{args.file} 不是 PDF 文件", file=err)
            return 2
        title = args.title or Path(args.file).name
        job_ref = backend.submit(pdf, args.printer, title=title, copies=args.copies, media=args.media or None)
        print(f"已发送至 {args.printer}：任务 {job_ref}", file=out)
        if args.wait > 0:
            status = backend.wait(job_ref, args.wait)
            print(f"任务 {job_ref}：{status.state.value} {status.detail}".rstrip(), file=out)
            return 0 if status.state in (spool.JobState.COMPLETED, spool.JobState.PENDING) else 1
        return 0
    except PrintError as exc:
        print(f"错误：{exc.message()}", file=err)
        return 2 if exc.code in ("print.no_printer", "print.copies") else 1


def list_forms(out: TextIO) -> None:
    for code, form in FORMS.items():
        signed = "需回收签字" if form.must_return_signed else "无需回收"
        print(f"{code:24} {form.title}（{form.page_size.value}，{signed}）", file=out)
    print(f"{PACKAGE_CODE:24} 开户资料包：{' + '.join(FORMS[c].title for c in ACCOUNT_OPENING_PACKAGE)}", file=out)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Carry out ``render``; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    if args.list:
        list_forms(out)
        return 0
    if not args.form:
        print("错误：请指定表单代码（用 --list 查看）", file=err)
        return 2
    if args.form != PACKAGE_CODE and args.form not in FORMS:
        print(f"错误：未知表单“{args.form}”（用 --list 查看）", file=err)
        return 2
    from workstation.printing import render  # ReportLab only when rendering

    if args.sample_json:
        json.dump(render.sample_data(args.form), out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    if not args.out or not (args.data or args.sample):
        print("错误：需要 --out FILE.pdf，以及 --data FILE.json 或 --sample", file=err)
        return 2
    if args.sample:
        data: Any = render.sample_data(args.form)
    else:
        from workstation.jsonfile import load_json

        try:
            data = load_json(Path(args.data))
        except ValidationError as exc:
            print(f"错误：无法读取数据文件 {args.data}：{exc.problems[0].zh}", file=err)
            return 2
    try:
        pdf = render.render_code(args.form, data, copy=args.copy)
    except ValidationError as exc:
        print(f"错误：表单数据有 {len(exc.problems)} 处问题，未生成 PDF：", file=err)
        for problem in exc.problems:
            where = f"[{problem.field}] " if problem.field else ""
            print(f"  - {where}{problem.zh}", file=err)
        return 2
    except NotFound as exc:
        print(f"错误：{exc.message()}", file=err)
        return 2
    from workstation.printing.files import atomic_write_bytes

    try:
        atomic_write_bytes(args.out, pdf)
    except OSError as exc:
        print(f"错误：无法写入 {args.out}：{exc}", file=err)
        return 2
    print(f"已生成 {args.out}（{len(pdf):,} 字节）", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for tests and ``python -m workstation.printing.cli``."""
    parser = argparse.ArgumentParser(prog="workstation-cli")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())

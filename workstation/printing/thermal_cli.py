"""``workstation-cli thermal``: this workstation's 80 mm slip printer (ESC/POS).

    workstation-cli thermal show
    workstation-cli thermal set network:192.168.1.50:9100 [--mode auto|text|raster]
    workstation-cli thermal test [--target TARGET] [--out FILE.bin]

``test`` prints a sample ticket on the configured (or given) printer, or writes its bytes to a file.
Exit codes: 0 done, 1 the printer failed, 2 usage or an invalid address.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workstation.errors import PrintError, UserError


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "thermal", help="slip printer (小票打印机) settings and test", description=__doc__
    )
    parser.add_argument("action", choices=("show", "set", "test"))
    parser.add_argument("target", nargs="?", help="for set: none, network:HOST[:PORT], serial:DEV[:BAUD], …")
    parser.add_argument("--mode", choices=("auto", "text", "raster"), default="auto")
    parser.add_argument("--out", type=Path, help="for test: write the ESC/POS bytes here instead")
    parser.set_defaults(func=run)
    return parser


def _store(args: argparse.Namespace) -> Any:
    from workstation import paths
    from workstation.store import open_store

    return open_store(paths.default_target(getattr(args, "demo", False), getattr(args, "db", None)))


def run(args: argparse.Namespace) -> int:
    from workstation.printing import thermal, thermal_settings

    try:
        if args.action == "test" and args.out:
            args.out.write_bytes(thermal.sample_bytes(thermal.SlipMode(args.mode)))
            print(f"已写入 {args.out}")
            return 0
        if args.action == "test" and args.target:
            target, mode = thermal.ThermalTarget.parse(args.target), thermal.SlipMode(args.mode)
            ref = thermal.send(thermal.sample_bytes(mode), target, title="测试小票")
            print(f"测试小票已发送：{ref}")
            return 0
        store = _store(args)
        try:
            if args.action == "set":
                if not args.target:
                    print("错误：请给出打印机地址，例如 network:192.168.1.50:9100", file=sys.stderr)
                    return 2
                saved = thermal_settings.save_target(store, None, args.target, args.mode)
                print(f"小票打印机：{saved}（{args.mode}）")
                return 0
            target, mode = thermal_settings.load_target(store)
            if args.action == "show":
                print(f"小票打印机：{target}（{mode.value}）")
                return 0
            ref = thermal.send(thermal.sample_bytes(mode), target, title="测试小票")
            print(f"测试小票已发送：{ref}")
            return 0
        finally:
            store.dispose()
    except PrintError as exc:
        print(f"错误：{exc.message()}", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"错误：{exc.message()}", file=sys.stderr)
        return 2

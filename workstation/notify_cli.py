"""``workstation-cli notify …``: the head-office worker that sends clients their appointment SMS.

    notify run --central URL --gateway URL [--loop SECONDS]   plan, then send what is due
    notify consent MOBILE --central URL --by STAFF [--channel phone] [--purpose appointment]
    notify opt-out MOBILE --central URL

The gateway's token comes from the OS keyring (service ``counter-workstation-sms``, the gateway
URL as user name) or ``$WORKSTATION_SMS_TOKEN``; never from the command line.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

TOKEN_SERVICE = "counter-workstation-sms"


def register(subparsers: Any) -> None:
    notify = subparsers.add_parser(
        "notify", help="给客户发送预约短信（总部）", description="给客户发送预约短信（总部）"
    )
    actions = notify.add_subparsers(dest="notify_action", required=True)
    run = actions.add_parser("run", help="生成并发送到期的短信")
    run.add_argument("--central", required=True, metavar="URL")
    run.add_argument("--gateway", required=True, metavar="URL", help="短信平台的 HTTP 接口地址")
    run.add_argument("--loop", type=float, default=0, metavar="SECONDS", help="每隔 SECONDS 秒重复（0：只运行一次）")
    run.set_defaults(func=cmd_run)
    agree = actions.add_parser("consent", help="登记客户同意接收预约短信")
    agree.add_argument("mobile")
    agree.add_argument("--central", required=True, metavar="URL")
    agree.add_argument("--by", required=True, metavar="STAFF", help="登记人工号")
    agree.add_argument("--channel", default="phone", help="渠道（phone 电话、counter 柜台、web…）")
    agree.add_argument("--purpose", default="appointment", help="用途（默认 appointment：预约通知）")
    agree.set_defaults(func=cmd_consent)
    out = actions.add_parser("opt-out", help="客户退订（不再发送任何短信）")
    out.add_argument("mobile")
    out.add_argument("--central", required=True, metavar="URL")
    out.set_defaults(func=cmd_opt_out)


def _engine(url: str) -> Any:
    from workstation.sync.central import central_engine, central_url
    from workstation.sync.credentials import with_password

    return central_engine(with_password(central_url(url)))


def _mobile(text: str) -> str:
    from workstation.forms.identity import check_mobile

    return check_mobile(text).number


def _token(gateway: str) -> str:
    token = os.environ.get("WORKSTATION_SMS_TOKEN", "")
    if token:
        return token
    try:
        import keyring

        return keyring.get_password(TOKEN_SERVICE, gateway) or ""
    except Exception:  # a gateway on the firm's network may need no token
        return ""


def cmd_run(args: argparse.Namespace) -> int:
    from workstation import notify

    engine = _engine(args.central)
    gateway = notify.HttpSmsGateway(args.gateway, _token(args.gateway))
    try:
        while True:
            with engine.begin() as conn:
                planned = notify.plan(conn)
            report = notify.send_due(engine, gateway)
            line = f"planned {planned} / sent {report.sent} / skipped {report.skipped} / failed {report.failed}"
            print(f"{line} / waiting {report.waiting}", flush=True)
            if not args.loop:
                return 0
            time.sleep(args.loop)
    except KeyboardInterrupt:
        return 0
    finally:
        engine.dispose()


def cmd_consent(args: argparse.Namespace) -> int:
    from workstation import notify

    engine = _engine(args.central)
    try:
        with engine.begin() as conn:
            notify.record_consent(conn, _mobile(args.mobile), purpose=args.purpose, channel=args.channel, by=args.by)
    finally:
        engine.dispose()
    print("已登记客户同意接收预约短信。")
    return 0


def cmd_opt_out(args: argparse.Namespace) -> int:
    from workstation import notify

    engine = _engine(args.central)
    try:
        with engine.begin() as conn:
            notify.opt_out(conn, _mobile(args.mobile))
    finally:
        engine.dispose()
    print("已退订：不再向该号码发送短信。")
    return 0

"""``workstation-cli campaign …``: head office administers campaigns and the gift catalogue in the
central database (an administrator connection); the counters receive them with their next pull.

    workstation-cli campaign list   --central URL
    workstation-cli campaign create CODE --name N --from D --to D --cap 元 [--channels c,…]
                                    [--purposes p,…] [--requires-completed] [--min-assets 元]
                                    [--branch CODE] [--description T] --central URL
    workstation-cli campaign update CODE [the same options; those not given stay] [--inactive|--active]
    workstation-cli campaign gift   CODE SKU --name N --value 元 [--spec S] [--inactive] --central URL

Money is given in yuan with at most two decimals and stored in fen. Validation and its Chinese
messages are :mod:`workstation.services.campaigns`' (exit code 2 without a traceback).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from workstation import errors


def register(subparsers: Any) -> None:
    """Add the ``campaign`` subcommands (see :data:`workstation.cli.PLUGIN_MODULES`)."""
    from workstation.sync.cli import _central_arg, _day

    campaign = subparsers.add_parser(
        "campaign", help="营销活动与礼品目录（总部，中心数据库）", description="在中心数据库维护营销活动与礼品目录"
    )
    actions = campaign.add_subparsers(dest="campaign_command", metavar="ACTION", title="操作 (actions)")

    listing = actions.add_parser("list", help="列出活动及其礼品", description="列出中心数据库中的营销活动及其礼品")
    _central_arg(listing)
    listing.set_defaults(func=cmd_list)

    def terms(parser: argparse.ArgumentParser, *, required: bool) -> None:
        parser.add_argument("code", metavar="CODE", help="活动代码")
        parser.add_argument("--name", required=required, help="活动名称")
        parser.add_argument("--from", dest="starts_on", metavar="YYYY-MM-DD", type=_day, required=required)
        parser.add_argument("--to", dest="ends_on", metavar="YYYY-MM-DD", type=_day, required=required)
        parser.add_argument("--cap", type=_yuan, required=required, metavar="元", help="单客礼品价值上限（元）")
        parser.add_argument("--channels", type=_codes, metavar="c,…", help="适用客户来源，如 telesales；不给为不限")
        parser.add_argument("--purposes", type=_codes, metavar="p,…", help="适用业务，如 new_account,transfer_in")
        parser.add_argument("--requires-completed", action="store_true", default=None, help="须已完成开户/转户")
        parser.add_argument("--min-assets", type=_yuan, metavar="元", help="资产门槛（元）")
        parser.add_argument("--branch", metavar="CODE", help="仅限该营业部；不给为全公司")
        parser.add_argument("--description", help="说明")
        _central_arg(parser)

    create = actions.add_parser("create", help="新建活动", description="在中心数据库新建营销活动")
    terms(create, required=True)
    create.set_defaults(func=cmd_create)

    update = actions.add_parser("update", help="修改活动（未给出的选项不变）", description="修改营销活动")
    terms(update, required=False)
    update.add_argument("--any-business", action="store_true", help="取消“须已完成开户/转户”")
    state = update.add_mutually_exclusive_group()
    state.add_argument("--inactive", dest="active", action="store_false", default=None, help="停用")
    state.add_argument("--active", dest="active", action="store_true", help="启用")
    update.set_defaults(func=cmd_update)

    gift = actions.add_parser("gift", help="新增或修改活动礼品", description="新增或修改活动的礼品（按编码）")
    gift.add_argument("code", metavar="CODE", help="活动代码")
    gift.add_argument("sku", metavar="SKU", help="礼品编码")
    gift.add_argument("--name", required=True, help="礼品名称")
    gift.add_argument("--value", type=_yuan, required=True, metavar="元", help="单价（元）")
    gift.add_argument("--spec", default="", help="规格")
    gift.add_argument("--inactive", dest="active", action="store_false", help="停用该礼品")
    _central_arg(gift)
    gift.set_defaults(func=cmd_gift)
    campaign.set_defaults(func=lambda _args: (campaign.print_help(), 2)[1])


def _yuan(text: str) -> int:
    try:
        amount = Decimal(text.strip())
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError(f"金额应为元，最多两位小数：{text}") from exc
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise argparse.ArgumentTypeError(f"金额最多两位小数：{text}")
    return int(fen)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


@contextmanager
def central_session(args: argparse.Namespace) -> Iterator[Any]:
    """A session on the central database in one transaction (committed if the block succeeds)."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    from workstation.store import first_line
    from workstation.sync.central import central_engine
    from workstation.sync.cli import _url

    engine = central_engine(_url(args))
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc
    finally:
        engine.dispose()


def _print(view: Any) -> None:
    from workstation.services.gifts_rules import yuan

    print(view.summary())
    for gift in view.gifts:
        state = "" if gift.active else "（已停用）"
        print(f"    {gift.sku} {gift.name} {gift.spec}".rstrip() + f"  {yuan(gift.unit_value_fen)} 元{state}")


def cmd_list(args: argparse.Namespace) -> int:
    from workstation.services import campaigns

    with central_session(args) as session:
        views = campaigns.list_campaigns(session)
    for view in views:
        _print(view)
    if not views:
        print("中心数据库中还没有营销活动。")
    return 0


def _spec(args: argparse.Namespace, base: Any) -> Any:
    """``base`` (a CampaignSpec) with the options given on the command line."""
    given: dict[str, Callable[[Any], Any]] = {
        "name": lambda v: {"name": v},
        "starts_on": lambda v: {"starts_on": v},
        "ends_on": lambda v: {"ends_on": v},
        "cap": lambda v: {"per_client_cap_fen": v},
        "channels": lambda v: {"channels": v},
        "purposes": lambda v: {"purposes": v},
        "requires_completed": lambda v: {"requires_completed": v},
        "min_assets": lambda v: {"min_assets_fen": v},
        "branch": lambda v: {"branch_code": v},
        "description": lambda v: {"description": v},
        "active": lambda v: {"active": v},
    }
    changes: dict[str, Any] = {}
    for name, change in given.items():
        value = getattr(args, name, None)
        if value is not None:
            changes.update(change(value))
    if getattr(args, "any_business", False):
        changes["requires_completed"] = False
    return replace(base, **changes)


def cmd_create(args: argparse.Namespace) -> int:
    from workstation.services import campaigns

    base = campaigns.CampaignSpec(args.code, args.name, args.starts_on, args.ends_on, args.cap)
    with central_session(args) as session:
        view = campaigns.create_campaign(session, _spec(args, base))
    print("已在中心数据库新建活动（各营业部下次同步后可见）：")
    _print(view)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from workstation.models import Branch
    from workstation.services import campaigns

    with central_session(args) as session:
        current = next((v for v in campaigns.list_campaigns(session) if v.code == args.code), None)
        if current is None:
            raise errors.NotFound(what=f"营销活动 {args.code}")
        branch = session.scalar(select(Branch.code).where(Branch.id == current.branch_id)) if current.branch_id else ""
        base = campaigns.CampaignSpec(
            current.code, current.name, current.starts_on, current.ends_on, current.per_client_cap_fen,
            current.channels, current.purposes, current.requires_completed, current.min_assets_fen,
            branch or "", current.description, current.active,
        )  # fmt: skip
        view = campaigns.update_campaign(session, _spec(args, base))
    print("已修改活动（各营业部下次同步后生效）：")
    _print(view)
    return 0


def cmd_gift(args: argparse.Namespace) -> int:
    from workstation.services import campaigns

    spec = campaigns.GiftSpec(args.sku, args.name, args.value, args.spec, args.active)
    with central_session(args) as session:
        campaigns.save_gift(session, args.code, spec)
        view = next(v for v in campaigns.list_campaigns(session) if v.code == args.code.strip())
    print("已保存礼品（各营业部下次同步后可见）：")
    _print(view)
    return 0

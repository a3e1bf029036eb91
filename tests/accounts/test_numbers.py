"""资金账号 serials are compared as numbers, not as text (issue 10: no max() on a text serial)."""

from __future__ import annotations

import sqlalchemy as sa

from tests.accounts.world import make_world
from workstation.accounts.submission import _new_numbers
from workstation.models import Branch, Client
from workstation.store import Store


def test_the_next_fund_account_follows_the_numerically_highest(sqlite_store: Store) -> None:
    world = make_world(sqlite_store)
    with sqlite_store.write() as session:
        branch = session.get(Branch, world.branch_id)
        assert branch is not None
        prefix = "".join(ch for ch in branch.trading_unit if ch.isdigit())[:5] or "10000"
        for serial in (9_999_999, 10_000_000):  # text max() would pick 9999999
            session.add(Client(branch_id=world.branch_id, name=f"客户{serial}", id_number=f"X{serial}",
                               fund_account=f"{prefix}{serial:07d}"))  # fmt: skip
        session.flush()
        fund_account, _ = _new_numbers(session, world.branch_id)
        assert fund_account == f"{prefix}10000001"
        assert session.scalar(sa.select(sa.func.count()).where(Client.fund_account == fund_account)) == 0

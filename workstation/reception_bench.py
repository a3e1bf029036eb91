"""Reception benchmark for ``workstation-cli bench`` (issue 4, performance).

:func:`metrics` builds a temporary SQLite database with 1,000,000 clients and 100,000 appointments
(bulk inserts with ``sqlite3`` ``executemany``, indexes rebuilt afterwards; realistic names with
their pinyin keys, valid-looking mobiles, codes; appointments spread over a year and five
branches), then measures, in this process:

- ``reception.search_p95``: :func:`workstation.services.reception.find_appointments` through the
  service layer (a read session per search, as the screen does) for a mix of queries — full
  mobile, last four + surname, appointment code, pinyin initials, full pinyin, Chinese name —
  p95 target ≤ 20 ms; baseline: the raw indexed ``sqlite3`` lookup by mobile in the same run.
  One metric per query kind follows (``reception.search_p95.<kind>``).
- ``reception.ticket_p95``: a walk-in ticket end to end (``store.write()`` +
  :func:`~workstation.services.tickets.issue_walk_in`), target ≤ 50 ms; baseline: an empty
  ``store.write()`` transaction.
- ``reception.build_db``: how long the database took to build (informative, target 60 s).
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from workstation import cipher

CLIENTS = 1_000_000
APPOINTMENTS = 100_000
BRANCHES = 5
MAIN_SHARE = 0.8
DAYS_BEFORE, DAYS_AFTER = 300, 65
QUERIES_PER_KIND = 60
TICKETS = 60
SEARCH_TARGET_MS = 20.0
TICKET_TARGET_MS = 50.0
BUILD_TARGET_S = 60.0
BATCH = 50_000
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MOBILE_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158",
                   "159", "166", "177", "180", "181", "182", "186", "187", "188", "189", "199")  # fmt: skip
PURPOSES = ("new_account", "transfer_in", "other")
KINDS = ("mobile", "mobile_tail", "code", "pinyin_initials", "pinyin_full", "name")


def _ts(moment: datetime) -> str:
    """A UTC datetime as SQLAlchemy stores it in SQLite (naive, microseconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _uid() -> str:
    return uuid.uuid4().hex


class NameMaker:
    """Chinese names with their pinyin search keys, computed once per character."""

    def __init__(self, rng: random.Random) -> None:
        from workstation.demo import FEMALE_CHARS, MALE_CHARS, SURNAMES
        from workstation.names import search_keys

        self.rng = rng
        self.surnames = [(ch, search_keys(ch).full) for ch in SURNAMES]
        given = sorted(set(MALE_CHARS + FEMALE_CHARS))
        prefix = len(search_keys("王").full)
        self.given = [(ch, search_keys("王" + ch).full[prefix:]) for ch in given]

    def name(self) -> tuple[str, str, str]:
        """(name, pinyin_full, pinyin_initials)."""
        rng = self.rng
        parts = [rng.choice(self.surnames)] + [rng.choice(self.given) for _ in range(rng.choice((1, 2, 2)))]
        return "".join(p[0] for p in parts), "".join(p[1] for p in parts), "".join(p[1][0] for p in parts)


def _mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(8))
        if code not in used and any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            used.add(code)
            return code


def _batches(rows: Iterator[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_database(
    path: Path, *, clients: int = CLIENTS, appointments: int = APPOINTMENTS, seed: int = 4, encrypted: bool = True
) -> dict[str, Any]:
    """Create the benchmark database at ``path``; returns what the measurements need
    (``encrypted=False``: a plain file, the encryption benchmark's baseline)."""
    from workstation.clock import BRANCH_TZ, business_date, utcnow
    from workstation.demo import seed_branch, seed_staff
    from workstation.models import Branch, Campaign
    from workstation.services.identity import register_workstation
    from workstation.store import open_store

    rng = random.Random(seed)
    store = open_store(path, encrypted=encrypted)
    with store.write() as session:
        main = seed_branch(session)
        staff = seed_staff(session, main)
        register_workstation(session, main, "前台-01")
        others = [
            Branch(code=f"BJ-X{i:02d}", name=f"华夏证券北京第{i}营业部", address="北京市", landmarks=[], transit=[])
            for i in range(1, BRANCHES)
        ]
        session.add_all(others)
        today = business_date()
        campaigns = [
            Campaign(
                code=f"C{i}", name=f"活动{i}", starts_on=today - timedelta(days=365), ends_on=today + timedelta(days=90)
            )
            for i in range(3)
        ]
        session.add_all(campaigns)
        session.flush()
        main_id, other_ids = main.id.hex, [b.id.hex for b in others]
        agents = [s.id.hex for s in staff if "telesales" in s.roles]
        campaign_ids = [c.id.hex for c in campaigns]
        reception_id = next(s.id for s in staff if s.staff_no == "R001")
    key = store.key
    store.dispose()

    names = NameMaker(rng)
    now = _ts(utcnow())
    connection = cipher.connect(path, key)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA journal_mode=WAL")
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master"
        " WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ('client', 'appointment')"
    ).fetchall()
    for name, _sql in indexes:
        connection.execute(f'DROP INDEX "{name}"')

    def client_rows() -> Iterator[tuple[Any, ...]]:
        for index in range(clients):
            name, full, initials = names.name()
            branch = main_id if rng.random() < MAIN_SHARE else rng.choice(other_ids)
            yield (
                "active", name, full, initials, "00", f"{110101000000000000 + index * 7:018d}", "北京市公安局", 0,
                "北京市朝阳区", "CHN", "汉族", _mobile(rng), "", "", "北京市朝阳区", "100000", "01", "", "", "3",
                "standard", 0, 0, 0, "low", "", 0, "", "", "", "walk_in", branch, _uid(), now, now, 1,
            )  # fmt: skip

    client_sql = (
        "INSERT INTO client (status, name, pinyin_full, pinyin_initials, id_type, id_number, id_issuer, id_long_term,"
        " id_address, nationality, ethnicity, mobile, phone, email, address, postcode, occupation, occupation_text,"
        " employer, education, tier, assets_fen, lowest_category, professional, aml_risk, aml_reasons, integrity_flag,"
        " csdc_account, sh_account, sz_account, channel, branch_id, id, created_at, updated_at, version)"
        " VALUES (" + ",".join("?" * 36) + ")"
    )
    with connection:
        for batch in _batches(client_rows()):
            connection.executemany(client_sql, batch)

    codes: set[str] = set()
    first_day = datetime.combine(today - timedelta(days=DAYS_BEFORE), datetime.min.time(), tzinfo=BRANCH_TZ)
    slots = [timedelta(hours=9, minutes=30 * k) for k in range(14)]
    samples: list[dict[str, str]] = []

    def appointment_rows() -> Iterator[tuple[Any, ...]]:
        for index in range(appointments):
            name, full, initials = names.name()
            mobile = _mobile(rng)
            branch = main_id if rng.random() < MAIN_SHARE else rng.choice(other_ids)
            start = first_day + timedelta(days=rng.randrange(DAYS_BEFORE + DAYS_AFTER)) + rng.choice(slots)
            code = _code(rng, codes)
            if branch == main_id and abs((start.date() - today).days) <= 3 and len(samples) < QUERIES_PER_KIND * 3:
                samples.append({"name": name, "full": full, "initials": initials, "mobile": mobile, "code": code})
            yield (
                code, f"bench{index}", name, full, initials, mobile, rng.choice(PURPOSES),
                _ts(start), _ts(start + timedelta(minutes=30)), rng.choice(campaign_ids), rng.choice(agents),
                "booked" if start.date() >= today else rng.choice(("served", "no_show", "cancelled")), "", "", "{}",
                branch, _uid(), now, now, 1,
            )  # fmt: skip

    appointment_sql = (
        "INSERT INTO appointment (code, external_ref, client_name, pinyin_full, pinyin_initials, mobile, purpose,"
        " slot_start, slot_end, campaign_id, telesales_agent_id, status, status_clock, notes, prefill, branch_id, id,"
        " created_at, updated_at, version) VALUES (" + ",".join("?" * 20) + ")"
    )
    with connection:
        for batch in _batches(appointment_rows()):
            connection.executemany(appointment_sql, batch)
        for _name, sql in indexes:
            connection.execute(sql)
    # No ANALYZE: the counters' databases carry no planner statistics either, and with them SQLite
    # rates (branch_id, slot_start) as good as the check-in search index (it ignores the deferred seek).
    connection.close()
    return {"branch_id": uuid.UUID(main_id), "samples": samples, "reception_id": reception_id}


def queries(samples: list[dict[str, str]], rng: random.Random) -> dict[str, list[str]]:
    """Search texts per kind, as clients give them at the desk."""
    picked = rng.sample(samples, min(QUERIES_PER_KIND, len(samples)))
    return {
        "mobile": [s["mobile"] for s in picked],
        "mobile_tail": [s["mobile"][-4:] + s["name"][0] for s in picked],
        "code": [s["code"] for s in picked],
        "pinyin_initials": [s["initials"] for s in picked],
        "pinyin_full": [s["full"] for s in picked],
        "name": [s["name"] for s in picked],
    }


def _p95_ms(func: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(samples, n=20, method="inclusive")[-1] if len(samples) > 1 else samples[0]


def _timed_each(texts: list[str], func: Callable[[str], object]) -> list[float]:
    samples = []
    for text in texts:
        start = time.perf_counter()
        func(text)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def _metric(name: str, value: float, baseline: float | None, target: float, unit: str = "ms") -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 3),
        "ratio": round(value / baseline, 1) if baseline else None,
        "target": target,
        "ok": value <= target,
    }


def metrics(*, clients: int = CLIENTS, appointments: int = APPOINTMENTS) -> list[dict[str, Any]]:
    """``[{"name", "value", "unit", "baseline", "ratio", "target", "ok"}, ...]``."""
    from workstation.domain import Role, ServiceLine
    from workstation.services import reception, tickets
    from workstation.services.actor import Actor
    from workstation.store import open_store

    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="ws-reception-bench-") as tmp:
        path = Path(tmp) / "reception.db"
        started = time.perf_counter()
        built = build_database(path, clients=clients, appointments=appointments)
        build_s = time.perf_counter() - started
        branch_id = built["branch_id"]
        texts = queries(built["samples"], rng)

        raw = cipher.connect(path, cipher.key_if_encrypted(path))
        raw_samples = _timed_each(
            texts["mobile"], lambda m: raw.execute("SELECT id FROM appointment WHERE mobile = ?", (m,)).fetchall()
        )
        raw.close()
        store = open_store(path)
        try:

            def search(text: str) -> object:
                with store.read() as session:
                    return reception.find_appointments(session, branch_id, text)

            for text in texts["name"][:5]:  # warm: imports, statement cache, page cache
                search(text)
            per_kind = {kind: _timed_each(texts[kind], search) for kind in KINDS}
            actor = Actor(uuid.UUID(str(built["reception_id"])), "R001", "李娜", frozenset({Role.RECEPTION}), branch_id)

            def issue() -> None:
                with store.write() as session:
                    tickets.issue_walk_in(session, actor, ServiceLine.OTHER)

            def empty_write() -> None:
                with store.write():
                    pass

            issue()
            ticket_ms = _p95_ms(issue, TICKETS)
            empty_ms = _p95_ms(empty_write, TICKETS)
        finally:
            store.dispose()
    baseline = _p95(raw_samples)
    all_searches = [ms for samples in per_kind.values() for ms in samples]
    result = [
        _metric("reception.search_p95", _p95(all_searches), baseline, SEARCH_TARGET_MS),
        *(_metric(f"reception.search_p95.{kind}", _p95(samples), baseline, SEARCH_TARGET_MS)
          for kind, samples in per_kind.items()),
        _metric("reception.ticket_p95", ticket_ms, empty_ms, TICKET_TARGET_MS),
        _metric("reception.build_db", build_s, None, BUILD_TARGET_S, unit="s"),
    ]  # fmt: skip
    result[-1]["clients"] = clients
    result[-1]["appointments"] = appointments
    return result


if __name__ == "__main__":
    for row in metrics():
        print(json.dumps(row, ensure_ascii=False))

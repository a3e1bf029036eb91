"""Issue 14 proof: hypothesis over every validator and the import.

Asserted for arbitrary input: no exception other than the project's own clear errors, nothing
invalid kept in the cleaned data, nothing half-imported. CI runs the ``ci`` profile (200 examples
per test); ``HYPOTHESIS_PROFILE=nightly`` runs 10,000 per field.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime, time
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation import errors, textcheck
from workstation.accounts.steps import Step
from workstation.accounts.validators import (
    StepContext,
    validate_client_data,
    validate_custody_bank,
    validate_identity,
    validate_previous_broker,
)
from workstation.forms.identity import check_mobile, check_resident_id
from workstation.services import appointments

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("nightly", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CTX = StepContext(today=date(2026, 12, 1), steps={Step.IDENTITY.value: {"name": "张三"}})
NASTY = st.sampled_from(
    ["\x00", "\u200b", "\u202e", "\ufeff", "١", "๑", "１", "?", "\ufffd", "=", "+", "-", "@", "·", "𠮷", "\U00030ede"]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(NASTY, st.sampled_from("0123456789X张三李四-: ")), max_size=25).map("".join),
)
DIGIT_FIELDS = re.compile(r"[0-9A-Z]*")


def _own_error(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except errors.ValidationError as exc:
        assert exc.problems and all(p.zh for p in exc.problems)
        return None


@given(TEXT)
def test_client_name(value: str) -> None:
    name = _own_error(appointments.check_client_name, value)
    if name is not None:
        assert textcheck.hostile_character(name) is None and not textcheck.is_formula(name)
        assert "?" not in name and "\ufffd" not in name and len(name) <= 60
        assert unicodedata.normalize("NFC", name) == name


@given(TEXT)
def test_notes(value: str) -> None:
    notes = _own_error(appointments.check_notes, value)
    if notes is not None:
        assert textcheck.hostile_character(notes, allow_newline=True) is None and len(notes) <= 500


@given(TEXT, TEXT)
def test_slot(day_text: str, slot_text: str) -> None:
    slot = _own_error(appointments.parse_slot, day_text, slot_text, date(2026, 12, 1), None, (time(8), time(18)))
    if slot is not None:
        assert slot[0] < slot[1] and time(8) <= slot[0].time() < time(18)


@given(TEXT)
def test_resident_id(value: str) -> None:
    info = _own_error(check_resident_id, value, today=date(2026, 12, 1))
    if info is not None:
        assert re.fullmatch(r"[0-9]{17}[0-9X]", info.number)


@given(TEXT)
def test_mobile(value: str) -> None:
    info = _own_error(check_mobile, value)
    if info is not None:
        assert re.fullmatch(r"1[0-9]{10}", info.number)


FIELD_VALUES = st.one_of(TEXT, st.none(), st.integers(), st.booleans(), st.floats())


@given(
    st.dictionaries(st.sampled_from(["name", "id_type", "id_number", "sex", "birth_date", "id_address"]), FIELD_VALUES)
)
def test_identity_step(data: dict[str, object]) -> None:
    _check_step(validate_identity, {"id_type": "00", **data})


@given(st.dictionaries(st.sampled_from(["mobile", "phone", "postcode", "address", "email", "employer"]), FIELD_VALUES))
def test_client_data_step(data: dict[str, object]) -> None:
    _check_step(validate_client_data, data)


@given(st.dictionaries(st.sampled_from(["csdc_account", "sh_account", "sz_account", "previous_broker"]), FIELD_VALUES))
def test_previous_broker_step(data: dict[str, object]) -> None:
    _check_step(validate_previous_broker, data)


@given(st.dictionaries(st.sampled_from(["bank", "bank_card", "card_holder"]), FIELD_VALUES))
def test_custody_bank_step(data: dict[str, object]) -> None:
    _check_step(validate_custody_bank, {"bank": "icbc", **data})


def _check_step(validator, data: dict[str, object]) -> None:
    try:
        check = validator(data, CTX)
    except errors.ValidationError:
        return
    for key, value in check.clean.items():
        if isinstance(value, str):
            assert textcheck.hostile_character(value, allow_newline=True) is None, key
            assert textcheck.foreign_digit(value) is None, key
    for key in ("id_number", "mobile", "postcode", "csdc_account", "bank_card", "sh_account", "sz_account"):
        value = check.clean.get(key)
        if isinstance(value, str):
            assert DIGIT_FIELDS.fullmatch(value), (key, value)


CELL = st.one_of(TEXT, st.sampled_from(['"', '"x', "\n", "\r\n", ",", "2026-12-02", "10:00", "13812345678"]))


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@given(st.lists(st.lists(CELL, min_size=0, max_size=6), max_size=6), st.sampled_from(["utf-8", "gb18030", "raw"]))
def test_read_table_on_any_csv(fuzz_dir: Path, rows: list[list[str]], encoding: str) -> None:
    text = "姓名,手机,日期,时段,备注\n" + "\n".join(",".join(r) for r in rows)
    data = text.encode("utf-8", "surrogatepass") if encoding == "raw" else text.encode(encoding, "replace")
    path = fuzz_dir / "f.csv"
    path.write_bytes(data)
    table = _own_error(appointments.read_table, path)
    for row in table or []:
        assert int(row["__line__"]) >= 2


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def import_store(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory):
    from tests.dbfiles import copy_db
    from workstation.demo import seed_branch
    from workstation.store import open_store

    target = tmp_path_factory.mktemp("fuzzdb") / "w.db"
    copy_db(sqlite_template, target)
    store = open_store(target)
    with store.write() as session:
        branch = seed_branch(session)
    yield store, branch.id
    store.dispose()


ROW = st.fixed_dictionaries(
    {
        "client_name": TEXT,
        "mobile": st.one_of(TEXT, st.just("13812345678")),
        "day": st.one_of(TEXT, st.just("2026-12-02")),
        "slot": st.one_of(TEXT, st.sampled_from(["10:00", "下午3点半", "15.30"])),
        "notes": TEXT,
    }
)


@given(st.lists(ROW, max_size=5))
def test_import_stores_only_valid_rows(import_store, rows: list[dict[str, str]]) -> None:
    from workstation.clock import BRANCH_TZ
    from workstation.models import Appointment

    store, branch_id = import_store
    now = datetime(2026, 12, 1, 8, tzinfo=BRANCH_TZ)
    try:
        with store.write() as session:
            report = appointments.import_appointments(session, branch_id, rows, today=now.date(), now=now)
            stored = list(session.scalars(sa.select(Appointment)))
            assert len(stored) == report.imported
            assert report.imported + len(report.duplicates) + len(report.rejected) + len(report.updated) == len(rows)
            for a in stored:
                assert appointments.check_client_name(a.client_name) == a.client_name
                assert re.fullmatch(r"1[0-9]{10}", a.mobile)
                assert appointments.check_notes(a.notes) == a.notes
            raise _Rollback
    except _Rollback:
        pass

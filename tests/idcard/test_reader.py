"""The ID card reader driver against a simulated reader on a pseudo-terminal (no hardware here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.idcard.simulator import Faults, SimulatedReader
from workstation.accounts.validators import StepContext, validate_identity
from workstation.domain import IdType
from workstation.idcard import ReaderSettings, errors, open_reader
from workstation.idcard.card import IdCard, encode_card, parse_card
from workstation.idcard.protocol import Command, encode_command
from workstation.idcard.serial_reader import SerialSamReader
from workstation.idcard.vendor import VendorSdkReader

TODAY = date(2026, 12, 3)


def resident_number(area: str, birth: date, serial: str = "123") -> str:
    """A valid GB 11643 number (ISO 7064 MOD 11-2 check character)."""
    body = area + birth.strftime("%Y%m%d") + serial
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(body))
    number = body + "10X98765432"[total % 11]
    return number


def resident(name: str = "王䶮", **changes: object) -> IdCard:
    birth = date(1990, 3, 7)
    card = IdCard(
        id_type=IdType.RESIDENT_ID,
        name=name,
        sex="1",
        nation_code="01",
        birth_date=birth,
        address="北京市东城区东华门街道南池子大街甲18号院3号楼2单元401室",
        id_number=resident_number("110101", birth),
        issuer="北京市公安局东城分局",
        valid_from=date(2016, 5, 20),
        valid_to=date(2036, 5, 20),
    )
    return replace(card, **changes)  # type: ignore[arg-type]


PERMIT = IdCard(
    id_type=IdType.HMT_RESIDENCE_PERMIT,
    name="陈大文",
    sex="1",
    birth_date=date(1985, 8, 1),
    address="广东省深圳市福田区福华三路88号",
    id_number=resident_number("810000", date(1985, 8, 1)),
    issuer="深圳市公安局",
    valid_from=date(2022, 1, 10),
    valid_to=date(2027, 1, 10),
    nationality="CHN",
    pass_number="H12345678",
)
FOREIGNER = IdCard(
    id_type=IdType.FOREIGN_PERMANENT_RESIDENT,
    name="安娜",
    english_name="MUELLER, ANNA MARIA",
    sex="2",
    birth_date=date(1979, 11, 30),
    id_number="DEU110079113001",
    issuer="1100",
    valid_from=date(2019, 6, 1),
    valid_to=date(2029, 6, 1),
    nationality="DEU",
)


def read(sim: SimulatedReader, timeout_s: float = 0.5) -> IdCard:
    return SerialSamReader(sim.port, timeout_s=timeout_s).read_card()


@pytest.mark.parametrize("name", ["王䶮", "吉𠮷", "欧阳·娜娜", "𡒄一"])
def test_a_resident_card_is_read_whole_rare_characters_included(name: str) -> None:
    card = resident(name)
    with SimulatedReader(card=card) as sim:
        got = read(sim)
    assert sim.received == [Command.FIND_CARD, Command.SELECT_CARD, Command.READ_BASE]
    assert got == replace(card, photo_wlt=sim.photo)
    assert got.nation == "汉族" and got.sex_text == "男"


def test_long_term_validity_reads_as_no_end_date() -> None:
    with SimulatedReader(card=resident(valid_to=None)) as sim:
        got = read(sim)
    assert got.valid_to is None and got.long_term
    assert got.wizard_fields()["id_long_term"] is True and got.wizard_fields()["id_valid_to"] == ""


@pytest.mark.parametrize("card", [PERMIT, FOREIGNER], ids=["residence-permit", "permanent-residence"])
def test_the_card_type_comes_from_the_cards_own_mark(card: IdCard) -> None:
    with SimulatedReader(card=card) as sim:
        got = read(sim)
    assert got.id_type is card.id_type
    assert replace(got, photo_wlt=b"") == card


def test_the_wizard_accepts_what_the_card_says() -> None:
    card = resident()
    check = validate_identity(card.wizard_fields(), StepContext(TODAY))
    assert check.ok, check.errors
    assert check.clean["birth_date"] == "1990-03-07" and check.clean["sex"] == "M"


def test_no_card_on_the_reader() -> None:
    with SimulatedReader(card=None) as sim, pytest.raises(errors.NoCard) as raised:
        read(sim)
    assert "平放" in raised.value.message()


def test_a_reader_that_does_not_answer_times_out() -> None:
    with SimulatedReader(card=resident(), faults=Faults(silent=True)) as sim, pytest.raises(errors.ReaderTimeout):
        read(sim, timeout_s=0.3)


def test_garbled_answers_are_refused_not_decoded() -> None:
    with SimulatedReader(card=resident(), faults=Faults(garble=True)) as sim, pytest.raises(errors.FrameGarbled):
        read(sim)


def test_one_checksum_error_is_retried() -> None:
    with SimulatedReader(card=resident(), faults=Faults(bad_checksum=1)) as sim:
        got = read(sim)
    assert got.name == "王䶮"
    assert sim.received.count(Command.FIND_CARD) == 2


def test_repeated_checksum_errors_fail_clearly() -> None:
    faults = Faults(bad_checksum=5)
    with SimulatedReader(card=resident(), faults=faults) as sim, pytest.raises(errors.FrameGarbled) as raised:
        read(sim)
    assert "校验和" in raised.value.message()


def test_noise_before_a_frame_is_skipped() -> None:
    with SimulatedReader(card=resident(), faults=Faults(noise_before=b"\x00\xff\x13")) as sim:
        assert read(sim).name == "王䶮"


@pytest.mark.parametrize("after", [Command.FIND_CARD, Command.SELECT_CARD])
def test_a_card_removed_during_the_read(after: Command) -> None:
    faults = Faults(remove_after=after)
    with SimulatedReader(card=resident(), faults=faults) as sim, pytest.raises(errors.CardRemoved) as raised:
        read(sim)
    assert "移开" in raised.value.message()


def test_a_card_lifted_mid_answer_gives_nothing_half_read() -> None:
    faults = Faults(truncate_read=True)
    with SimulatedReader(card=resident(), faults=faults) as sim, pytest.raises(errors.CardReaderError) as raised:
        read(sim, timeout_s=0.3)
    assert isinstance(raised.value, errors.CardRemoved | errors.FrameGarbled)


def test_a_port_that_does_not_exist() -> None:
    with pytest.raises(errors.ReaderUnavailable) as raised:
        SerialSamReader("/dev/ttyNOSUCHREADER").read_card()
    assert "/dev/ttyNOSUCHREADER" in raised.value.message()


def test_an_unknown_card_type_mark_is_refused() -> None:
    text = bytearray(encode_card(resident()))
    text[248:250] = "Y".encode("utf-16-le")
    with pytest.raises(errors.CardUnsupported):
        parse_card(bytes(text))


@pytest.mark.parametrize(
    ("card", "words"),
    [
        (resident(birth_date=date(1991, 3, 7)), "出生日期"),
        (resident(nation_code="77"), "民族"),
        (resident(sex="5"), "性别"),
        (resident(valid_from=date(2036, 5, 21)), "早于"),
        (resident(name=""), "姓名"),
        (resident(address="北京市\x07东城区"), "控制字符"),
    ],
)
def test_inconsistent_chip_data_is_refused(card: IdCard, words: str) -> None:
    with pytest.raises(errors.CardDataInvalid) as raised:
        parse_card(encode_card(card))
    assert words in raised.value.message()


def test_undecodable_text_is_refused() -> None:
    text = bytearray(encode_card(resident()))
    text[0:2] = b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(errors.CardDataInvalid):
        parse_card(bytes(text))


def test_expired_cards_are_refused_and_expiring_ones_warn() -> None:
    with pytest.raises(errors.CardExpired) as raised:
        resident(valid_to=TODAY - timedelta(days=1)).require_valid(TODAY)
    assert "过期" in raised.value.message()
    assert resident(valid_to=TODAY + timedelta(days=30)).require_valid(TODAY) is True
    assert resident(valid_to=TODAY + timedelta(days=31)).require_valid(TODAY) is False
    assert resident(valid_to=None).require_valid(TODAY) is False


def test_settings_choose_the_reader() -> None:
    with pytest.raises(errors.ReaderNotConfigured):
        open_reader(ReaderSettings())
    with pytest.raises(errors.ReaderNotConfigured):
        open_reader(ReaderSettings(kind="serial"))
    assert isinstance(open_reader(ReaderSettings(kind="serial", port="/dev/ttyUSB0")), SerialSamReader)
    vendor = open_reader(ReaderSettings(kind="vendor", port="1002", library="libx.so"))
    assert isinstance(vendor, VendorSdkReader) and vendor.port == 1002


def test_a_missing_vendor_library_is_a_clear_message() -> None:
    with pytest.raises(errors.VendorLibraryMissing) as raised:
        VendorSdkReader(library="libsdtapi-not-installed.so").read_card()
    assert "libsdtapi-not-installed.so" in raised.value.message()


def test_command_frames_match_the_published_examples() -> None:
    """Find card and read base info as printed in the SAM module's documentation."""
    assert encode_command(Command.FIND_CARD).hex(" ").upper() == "AA AA AA 96 69 00 03 20 01 22"
    assert encode_command(Command.SELECT_CARD).hex(" ").upper() == "AA AA AA 96 69 00 03 20 02 21"
    assert encode_command(Command.READ_BASE).hex(" ").upper() == "AA AA AA 96 69 00 03 30 01 32"


chip_text = st.text(
    alphabet=st.characters(codec="utf-16", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")), min_size=1, max_size=7
)


@settings(max_examples=150, deadline=None)
@given(name=chip_text, address=chip_text, issuer=chip_text)
def test_any_card_text_round_trips(name: str, address: str, issuer: str) -> None:
    card = resident(name=name, address=address, issuer=issuer)
    try:
        got = parse_card(encode_card(card))
    except errors.CardDataInvalid:
        return  # refused as a whole (e.g. a character that is not printable)
    assert got == card

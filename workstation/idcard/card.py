"""What a card says: the 256-byte text block of the chip, decoded into an :class:`IdCard`.

The text block is UCS-2 little-endian (decoded as UTF-16 LE, a superset), fields padded with
spaces. Its layout depends on the card type mark at byte 248 (GA 467 and the MPS notices on the
permanent residence card and the residence permit):

- blank: 居民身份证 — name 30, sex 2, nation 4, birth 16, address 70, ID number 36, issuer 30,
  valid from 16, valid to 16 ("长期" for long-term), reserved;
- ``J``: 港澳台居民居住证 — the same first fields (nation blank), then the pass number 18 and
  the issue count 4;
- ``I``: 外国人永久居留身份证 (2017) — English name 120, sex 2, card number 30, nationality 6,
  Chinese name 30, valid from 16, valid to 16, birth 16, version 4, authority code 8, type 2.

A card either decodes completely and consistently or raises :class:`CardDataInvalid`: nothing
half-read reaches a form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from workstation.domain import IdType
from workstation.idcard import errors
from workstation.masking import mask_id_number

TEXT_LENGTH = 256
PHOTO_LENGTH = 1024
TYPE_MARK_OFFSET = 248
LONG_TERM = "长期"
EXPIRY_WARNING_DAYS = 30

NATIONS: dict[str, str] = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝", "08": "壮",
    "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白", "15": "土家", "16": "哈尼",
    "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳", "21": "佤", "22": "畲", "23": "高山", "24": "拉祜",
    "25": "水", "26": "东乡", "27": "纳西", "28": "景颇", "29": "柯尔克孜", "30": "土", "31": "达斡尔",
    "32": "仫佬", "33": "羌", "34": "布朗", "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯", "39": "阿昌",
    "40": "普米", "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克", "46": "德昂",
    "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春", "53": "赫哲",
    "54": "门巴", "55": "珞巴", "56": "基诺",
}  # fmt: skip
"""GB/T 3304 nation codes as the chip stores them."""
NATION_OTHER = {"97": "其他", "98": "外国血统中国籍人士"}
SEXES = {"1": "男", "2": "女", "0": "未知", "9": "未说明"}
WIZARD_SEX = {"1": "M", "2": "F"}


@dataclass(frozen=True)
class IdCard:
    """One card as read from the chip. ``valid_to`` is None for a long-term (长期) card."""

    id_type: IdType
    name: str
    sex: str
    """GB/T 2261.1 code: "1" male, "2" female."""
    birth_date: date
    id_number: str
    issuer: str
    valid_from: date
    valid_to: date | None
    address: str = ""
    nation_code: str = ""
    english_name: str = ""
    nationality: str = "CHN"
    """ISO 3166 alpha-3 (foreigners' cards carry their own; the others are CHN)."""
    pass_number: str = ""
    """港澳台居民居住证: the travel pass number printed on it."""
    photo_wlt: bytes = b""
    """The photo as the chip gives it: the encrypted WLT format. Decoding it needs the reader
    vendor's licensed decoder (see :mod:`workstation.idcard.vendor`), so the serial driver keeps it
    opaque and :attr:`photo` stays empty."""
    photo: bytes = b""
    """A decoded photo (BMP/JPEG) when the reader's SDK delivers one."""

    @property
    def nation(self) -> str:
        """The nation as written on the card and in forms: "汉族", "蒙古族", "其他"."""
        if self.nation_code in NATIONS:
            return NATIONS[self.nation_code] + "族"
        return NATION_OTHER.get(self.nation_code, "")

    @property
    def sex_text(self) -> str:
        return SEXES.get(self.sex, "")

    @property
    def long_term(self) -> bool:
        return self.valid_to is None

    def masked(self) -> str:
        """For logs and the audit trail: type and masked number only."""
        return f"{self.id_type.value}:{mask_id_number(self.id_number)}"

    def validity_problem(self, today: date) -> str | None:
        """``"expired"``, ``"expiring"`` (within 30 days) or None. See :func:`require_valid`."""
        if self.valid_to is None:
            return None
        if self.valid_to < today:
            return "expired"
        if self.valid_to <= today + timedelta(days=EXPIRY_WARNING_DAYS):
            return "expiring"
        return None

    def require_valid(self, today: date) -> bool:
        """Raise :class:`CardExpired` for an expired card; return True when it expires within 30 days."""
        problem = self.validity_problem(today)
        if problem == "expired":
            assert self.valid_to is not None
            raise errors.CardExpired(valid_to=self.valid_to.isoformat())
        return problem == "expiring"

    def wizard_fields(self) -> dict[str, str | bool]:
        """The identity step's values, keyed as :mod:`workstation.accounts.validators` reads them."""
        fields: dict[str, str | bool] = {
            "name": self.name,
            "id_type": self.id_type.value,
            "id_number": self.id_number,
            "id_valid_from": self.valid_from.isoformat(),
            "id_valid_to": "" if self.valid_to is None else self.valid_to.isoformat(),
            "id_long_term": self.valid_to is None,
            "id_issuer": self.issuer,
            "id_address": self.address,
            "birth_date": self.birth_date.isoformat(),
            "nationality": self.nationality,
        }
        if self.sex in WIZARD_SEX:
            fields["sex"] = WIZARD_SEX[self.sex]
        if self.nation:
            fields["ethnicity"] = self.nation
        return fields


# --- decoding ------------------------------------------------------------------------------------


def parse_card(text: bytes, photo: bytes = b"") -> IdCard:
    """Decode the chip's text block (and keep the WLT photo bytes).

    Raises:
        CardUnsupported: a card type this program does not know.
        CardDataInvalid: a field is missing, undecodable or inconsistent.
    """
    if len(text) != TEXT_LENGTH:
        raise errors.CardDataInvalid(detail=f"文字信息长度 {len(text)} 字节，应为 {TEXT_LENGTH}")
    mark = _field(text, TYPE_MARK_OFFSET, 2, "证件类型")
    if mark in ("", "\x00"):
        card = _resident(text, IdType.RESIDENT_ID)
    elif mark == "J":
        card = _resident(text, IdType.HMT_RESIDENCE_PERMIT)
    elif mark == "I":
        card = _foreigner(text)
    else:
        raise errors.CardUnsupported(kind=mark)
    return _checked(card, photo)


def _field(text: bytes, offset: int, length: int, label: str) -> str:
    raw = text[offset : offset + length]
    try:
        value = raw.decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise errors.CardDataInvalid(detail=f"{label}无法解码") from exc
    return value.replace("\x00", " ").strip()


def _date(text: bytes, offset: int, label: str, *, long_term_allowed: bool = False) -> date | None:
    value = _field(text, offset, 16, label)
    if long_term_allowed and value.startswith(LONG_TERM):
        return None
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise errors.CardDataInvalid(detail=f"{label}“{value}”不是日期")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise errors.CardDataInvalid(detail=f"{label}“{value}”不是有效日期") from exc


def _required_date(text: bytes, offset: int, label: str) -> date:
    found = _date(text, offset, label)
    assert found is not None
    return found


def _resident(text: bytes, id_type: IdType) -> IdCard:
    permit = id_type is IdType.HMT_RESIDENCE_PERMIT
    nation = "" if permit else _field(text, 32, 4, "民族")
    return IdCard(
        id_type=id_type,
        name=_field(text, 0, 30, "姓名"),
        sex=_field(text, 30, 2, "性别"),
        nation_code=nation,
        birth_date=_required_date(text, 36, "出生日期"),
        address=_field(text, 52, 70, "住址"),
        id_number=_field(text, 122, 36, "公民身份号码"),
        issuer=_field(text, 158, 30, "签发机关"),
        valid_from=_required_date(text, 188, "有效期起始日期"),
        valid_to=_date(text, 204, "有效期截止日期", long_term_allowed=True),
        pass_number=_field(text, 220, 18, "通行证号码") if permit else "",
    )


def _foreigner(text: bytes) -> IdCard:
    chinese = _field(text, 158, 30, "中文姓名")
    english = _field(text, 0, 120, "英文姓名")
    return IdCard(
        id_type=IdType.FOREIGN_PERMANENT_RESIDENT,
        name=chinese or english,
        english_name=english,
        sex=_field(text, 120, 2, "性别"),
        id_number=_field(text, 122, 30, "证件号码"),
        nationality=_field(text, 152, 6, "国籍"),
        valid_from=_required_date(text, 188, "有效期起始日期"),
        valid_to=_date(text, 204, "有效期截止日期", long_term_allowed=True),
        birth_date=_required_date(text, 220, "出生日期"),
        issuer=_field(text, 240, 8, "受理机关代码"),
    )


def _checked(card: IdCard, photo: bytes) -> IdCard:
    missing = [label for label, value in (("姓名", card.name), ("证件号码", card.id_number)) if not value]
    if missing:
        raise errors.CardDataInvalid(detail="、".join(missing) + "为空")
    if card.sex not in SEXES:
        raise errors.CardDataInvalid(detail=f"性别代码“{card.sex}”无效")
    if card.id_type is IdType.RESIDENT_ID and card.nation_code not in NATIONS and card.nation_code not in NATION_OTHER:
        raise errors.CardDataInvalid(detail=f"民族代码“{card.nation_code}”无效")
    if card.valid_to is not None and card.valid_to < card.valid_from:
        raise errors.CardDataInvalid(detail="有效期截止日期早于起始日期")
    if any(not ch.isprintable() for ch in card.name + card.address + card.issuer + card.id_number):
        raise errors.CardDataInvalid(detail="含有控制字符")
    if card.id_type is not IdType.FOREIGN_PERMANENT_RESIDENT:
        number = card.id_number
        if len(number) != 18 or not number.isascii() or not number[:17].isdigit():
            raise errors.CardDataInvalid(detail="公民身份号码格式不符")
        if number[6:14] != card.birth_date.strftime("%Y%m%d"):
            raise errors.CardDataInvalid(detail="号码中的出生日期与出生日期栏不一致")
    if photo and len(photo) != PHOTO_LENGTH:
        raise errors.CardDataInvalid(detail=f"照片数据 {len(photo)} 字节，应为 {PHOTO_LENGTH}")
    return replace(card, photo_wlt=photo)


# --- encoding (the device simulator and the vendor adapter's tests build cards with it) ----------


def encode_card(card: IdCard) -> bytes:
    """The 256-byte text block a chip holding ``card`` returns (inverse of :func:`parse_card`)."""
    out = bytearray(" ".encode("utf-16-le") * (TEXT_LENGTH // 2))

    def put(offset: int, length: int, value: str) -> None:
        raw = value.encode("utf-16-le")[:length]
        raw += " ".encode("utf-16-le") * ((length - len(raw)) // 2)
        out[offset : offset + length] = raw

    to = LONG_TERM if card.valid_to is None else card.valid_to.strftime("%Y%m%d")
    if card.id_type is IdType.FOREIGN_PERMANENT_RESIDENT:
        put(0, 120, card.english_name)
        put(120, 2, card.sex)
        put(122, 30, card.id_number)
        put(152, 6, card.nationality)
        put(158, 30, card.name)
        put(188, 16, card.valid_from.strftime("%Y%m%d"))
        put(204, 16, to)
        put(220, 16, card.birth_date.strftime("%Y%m%d"))
        put(236, 4, "01")
        put(240, 8, card.issuer)
        put(TYPE_MARK_OFFSET, 2, "I")
        return bytes(out)
    put(0, 30, card.name)
    put(30, 2, card.sex)
    put(32, 4, card.nation_code)
    put(36, 16, card.birth_date.strftime("%Y%m%d"))
    put(52, 70, card.address)
    put(122, 36, card.id_number)
    put(158, 30, card.issuer)
    put(188, 16, card.valid_from.strftime("%Y%m%d"))
    put(204, 16, to)
    if card.id_type is IdType.HMT_RESIDENCE_PERMIT:
        put(220, 18, card.pass_number)
        put(238, 4, "01")
        put(TYPE_MARK_OFFSET, 2, "J")
    return bytes(out)

"""The SAM module protocol of second-generation ID card readers (GA 467, 居民身份证验证安全控制模块).

Every reader on a Chinese counter carries a SAM module that speaks this frame format over a serial
or USB-serial port (115200 8N1 by default):

    host → SAM:  AA AA AA 96 69 | LEN (2, big-endian) | CMD | PARA | DATA… | CHK
    SAM → host:  AA AA AA 96 69 | LEN (2, big-endian) | SW1 SW2 SW3 | DATA… | CHK

``LEN`` counts the bytes after itself (command or status, data and ``CHK``); ``CHK`` is the XOR of
the ``LEN`` bytes and everything after them up to the checksum. A status ``00 00 90`` is success,
``00 00 9F`` a card found; the other codes are in :data:`STATUS_TEXT`.

This module only builds and parses frames; :mod:`workstation.idcard.serial_reader` does the I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from workstation.idcard import errors

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
MAX_FRAME = 4096
"""Longer than any answer (base info with fingerprints is ~2.3 KB): a bigger length is garbage."""


class Command(Enum):
    """The commands a counter needs (CMD, PARA)."""

    RESET = (0x10, 0xFF)
    STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_BASE = (0x30, 0x01)
    """Text (256 bytes, UCS-2 LE) and photo (1024 bytes, the encrypted WLT format)."""
    READ_NEW_ADDRESS = (0x30, 0x03)


SUCCESS = 0x90
CARD_FOUND = 0x9F
NO_CONTENT = 0x91
NO_CARD = 0x80
SELECT_FAILED = 0x81
READ_FAILED = 0x41

STATUS_TEXT: dict[int, str] = {
    0x10: "阅读器收到的数据校验和错误",
    0x11: "阅读器收到的数据长度错误",
    0x21: "命令错误",
    0x23: "越权操作",
    0x24: "无法识别的命令",
    0x31: "证/卡认证机具失败",
    0x32: "机具认证证/卡失败",
    0x33: "信息验证错误",
    0x40: "无法识别的卡类型",
    READ_FAILED: "读证/卡操作失败",
    0x47: "取随机数失败",
    0x60: "安全模块自检失败",
    0x66: "安全模块未经授权",
    NO_CARD: "找证/卡失败",
    SELECT_FAILED: "选取证/卡失败",
    NO_CONTENT: "证/卡中此项无内容",
}


def checksum(body: bytes) -> int:
    """The XOR of ``body`` (the length bytes and everything after them but the checksum)."""
    value = 0
    for byte in body:
        value ^= byte
    return value


def encode_command(command: Command, data: bytes = b"") -> bytes:
    """The frame that sends ``command`` to the SAM."""
    cmd, para = command.value
    body = (len(data) + 3).to_bytes(2, "big") + bytes((cmd, para)) + data
    return PREAMBLE + body + bytes((checksum(body),))


def encode_response(status: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    """A SAM answer frame (used by the device simulator in the tests and for symmetry)."""
    body = (len(data) + 4).to_bytes(2, "big") + bytes((sw1, sw2, status)) + data
    return PREAMBLE + body + bytes((checksum(body),))


@dataclass(frozen=True)
class Response:
    status: int
    data: bytes
    sw1: int = 0
    sw2: int = 0

    @property
    def ok(self) -> bool:
        return self.sw1 == 0 and self.sw2 == 0 and self.status in (SUCCESS, CARD_FOUND)


def parse_response_body(length_bytes: bytes, payload: bytes) -> Response:
    """Check and split the bytes after the preamble: the two length bytes and ``LEN`` more.

    Raises:
        FrameGarbled: the checksum does not match or the frame is too short.
    """
    if len(payload) < 4:
        raise errors.FrameGarbled(detail="应答过短")
    expected = payload[-1]
    if checksum(length_bytes + payload[:-1]) != expected:
        raise errors.FrameGarbled(detail="校验和不符")
    return Response(sw1=payload[0], sw2=payload[1], status=payload[2], data=bytes(payload[3:-1]))


def frame_length(length_bytes: bytes) -> int:
    """The ``LEN`` field, refused when it cannot be a real answer."""
    length = int.from_bytes(length_bytes, "big")
    if not 4 <= length <= MAX_FRAME:
        raise errors.FrameGarbled(detail=f"长度字段 {length} 无效")
    return length


def raise_for_status(response: Response) -> None:
    """Turn a non-success status into the clerk's message for it."""
    if response.ok:
        return
    if response.sw1 or response.sw2:
        raise errors.ReaderFault(status=f"{response.sw1:02X}{response.sw2:02X}{response.status:02X}", detail="未知状态")
    if response.status == NO_CARD:
        raise errors.NoCard()
    if response.status in (SELECT_FAILED, READ_FAILED):
        raise errors.CardRemoved()
    raise errors.ReaderFault(status=f"{response.status:02X}", detail=STATUS_TEXT.get(response.status, "未知状态"))

"""The SAM protocol over a serial or USB-serial port, with pyserial.

One read is find → select → read base info; each answer is awaited with a deadline, garbage
before a frame's preamble is skipped (a reader may emit line noise when a card is laid on it), a
frame with a bad checksum is asked for once more, and any failure raises one of
:mod:`workstation.idcard.errors` — never a half-filled card.
"""

from __future__ import annotations

import time
from typing import Any

from workstation.idcard import errors
from workstation.idcard.card import PHOTO_LENGTH, TEXT_LENGTH, IdCard, parse_card
from workstation.idcard.protocol import (
    PREAMBLE,
    Command,
    Response,
    encode_command,
    frame_length,
    parse_response_body,
    raise_for_status,
)

DEFAULT_BAUDRATE = 115200
DEFAULT_TIMEOUT_S = 2.0
"""An answer (up to ~1.3 KB at 115200 baud ≈ 0.12 s) that takes longer means no reader."""
POLL_S = 0.05
"""One serial read waits at most this long, so the answer's deadline is kept to the tick."""
MAX_NOISE = 512
"""Bytes skipped while looking for a preamble before the answer is called garbled."""


class SerialSamReader:
    """A reader on ``port`` (``/dev/ttyUSB0``, ``COM3``, or any pyserial URL such as ``socket://``)."""

    def __init__(self, port: str, *, baudrate: int = DEFAULT_BAUDRATE, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout_s = timeout_s

    def read_card(self) -> IdCard:
        """Read the card lying on the reader.

        Raises:
            ReaderUnavailable, ReaderTimeout, NoCard, CardRemoved, FrameGarbled, ReaderFault,
            CardUnsupported, CardDataInvalid.
        """
        link = self._open()
        try:
            link.reset_input_buffer()
            self._transact(link, Command.FIND_CARD)
            self._transact(link, Command.SELECT_CARD)
            answer = self._transact(link, Command.READ_BASE)
        finally:
            link.close()
        return decode_base_info(answer.data)

    def _open(self) -> Any:
        import serial  # imported on first use: the app starts without it

        try:
            return serial.serial_for_url(
                self.port, baudrate=self.baudrate, timeout=POLL_S, write_timeout=self.timeout_s
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise errors.ReaderUnavailable(port=self.port, detail=str(exc).splitlines()[0][:120]) from exc

    def _transact(self, link: Any, command: Command) -> Response:
        """Send ``command`` and return its successful answer (one retry after a bad checksum)."""
        for attempt in (1, 2):
            link.write(encode_command(command))
            link.flush()
            try:
                response = self._receive(link)
            except errors.FrameGarbled:
                if attempt == 2:
                    raise
                time.sleep(0.05)
                link.reset_input_buffer()
                continue
            raise_for_status(response)
            return response
        raise AssertionError("unreachable")

    def _receive(self, link: Any) -> Response:
        deadline = time.monotonic() + self.timeout_s
        window = b""
        skipped = 0
        while window != PREAMBLE:
            try:
                byte = self._read(link, 1, deadline)
            except errors.ReaderTimeout as exc:
                if skipped:  # it answered, but nothing that is a frame
                    raise errors.FrameGarbled(detail="找不到数据帧头") from exc
                raise
            window = (window + byte)[-len(PREAMBLE) :]
            skipped += 1
            if skipped > MAX_NOISE + len(PREAMBLE):
                raise errors.FrameGarbled(detail="找不到数据帧头")
        try:
            length_bytes = self._read(link, 2, deadline)
            payload = self._read(link, frame_length(length_bytes), deadline)
        except errors.ReaderTimeout as exc:  # the frame began, then the data stopped
            raise errors.FrameGarbled(detail="应答不完整") from exc
        return parse_response_body(length_bytes, payload)

    def _read(self, link: Any, n: int, deadline: float) -> bytes:
        out = b""
        while len(out) < n:
            if time.monotonic() > deadline:
                raise errors.ReaderTimeout()
            chunk = link.read(n - len(out))
            if not chunk and time.monotonic() > deadline:
                raise errors.ReaderTimeout()
            out += chunk
        return out


def decode_base_info(data: bytes) -> IdCard:
    """The READ_BASE answer's data: text length (2), photo length (2), text, photo."""
    if len(data) < 4:
        raise errors.FrameGarbled(detail="基本信息应答过短")
    text_length = int.from_bytes(data[0:2], "big")
    photo_length = int.from_bytes(data[2:4], "big")
    if text_length != TEXT_LENGTH or photo_length not in (0, PHOTO_LENGTH):
        raise errors.FrameGarbled(detail=f"文字 {text_length} 字节、照片 {photo_length} 字节")
    if len(data) < 4 + text_length + photo_length:
        raise errors.CardRemoved()
    text = data[4 : 4 + text_length]
    photo = data[4 + text_length : 4 + text_length + photo_length]
    return parse_card(text, photo)

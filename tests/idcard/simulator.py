"""A second-generation ID card reader on a pseudo-terminal, speaking the SAM protocol (GA 467).

The device side of a real reader, for tests without hardware: it reads command frames from the
pty's master end and answers as a SAM module would, for the card lying on it (or none). Faults a
counter meets are switches: ``silent`` (no answer: unplugged or unpowered), ``garble`` (noise
instead of frames), ``bad_checksum`` (the next N answers carry a wrong checksum), ``remove_after``
(the card is lifted after the named command), ``truncate_read`` (the card leaves mid-answer).
"""

from __future__ import annotations

import os
import select
import threading
import tty
from dataclasses import dataclass, field

from workstation.idcard.card import PHOTO_LENGTH, TEXT_LENGTH, IdCard, encode_card
from workstation.idcard.protocol import (
    CARD_FOUND,
    NO_CARD,
    PREAMBLE,
    READ_FAILED,
    SELECT_FAILED,
    SUCCESS,
    Command,
    checksum,
    encode_response,
)

COMMANDS = {command.value: command for command in Command}


@dataclass
class Faults:
    silent: bool = False
    garble: bool = False
    bad_checksum: int = 0
    remove_after: Command | None = None
    truncate_read: bool = False
    noise_before: bytes = b""


@dataclass
class SimulatedReader:
    """``with SimulatedReader() as sim: SerialSamReader(sim.port).read_card()``."""

    card: IdCard | None = None
    photo: bytes = field(default_factory=lambda: bytes(range(256)) * (PHOTO_LENGTH // 256))
    faults: Faults = field(default_factory=Faults)
    received: list[Command] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._selected = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> SimulatedReader:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        os.close(self._master)
        os.close(self._slave)

    # --- the device ----------------------------------------------------------------------------

    def _serve(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                buffer += os.read(self._master, 4096)
            except OSError:
                return
            while True:
                start = buffer.find(PREAMBLE)
                if start < 0 or len(buffer) < start + 7:
                    break
                length = int.from_bytes(buffer[start + 5 : start + 7], "big")
                end = start + 7 + length
                if len(buffer) < end:
                    break
                frame, buffer = buffer[start:end], buffer[end:]
                self._answer(frame)

    def _answer(self, frame: bytes) -> None:
        body = frame[5:]
        if checksum(body[:-1]) != body[-1]:
            self._send(encode_response(0x10))
            return
        command = COMMANDS.get((body[2], body[3]))
        if command is None:
            self._send(encode_response(0x24))
            return
        self.received.append(command)
        if self.faults.silent:
            return
        if self.faults.garble:
            self._send(bytes((0x55, 0xAA, 0x13, 0x37)) * 40)
            return
        reply = self._reply(command)
        if self.faults.remove_after is command:
            self.card = None
        if self.faults.bad_checksum:
            self.faults.bad_checksum -= 1
            reply = reply[:-1] + bytes(((reply[-1] ^ 0xFF),))
        self._send(self.faults.noise_before + reply)

    def _reply(self, command: Command) -> bytes:
        if command is Command.FIND_CARD:
            self._selected = False
            return encode_response(CARD_FOUND, bytes(4)) if self.card else encode_response(NO_CARD)
        if command is Command.SELECT_CARD:
            self._selected = self.card is not None
            return encode_response(SUCCESS, bytes(8)) if self._selected else encode_response(SELECT_FAILED)
        if command is Command.READ_BASE:
            if not (self.card and self._selected):
                return encode_response(READ_FAILED)
            data = TEXT_LENGTH.to_bytes(2, "big") + PHOTO_LENGTH.to_bytes(2, "big") + encode_card(self.card)
            data += self.photo
            reply = encode_response(SUCCESS, data)
            if self.faults.truncate_read:
                self.card = None
                return reply[: len(reply) // 2]
            return reply
        return encode_response(SUCCESS)

    def _send(self, data: bytes) -> None:
        os.write(self._master, data)

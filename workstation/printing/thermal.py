"""The 80 mm thermal slip printer (ESC/POS): queue tickets and gift receipts, straight to it.

A :class:`Slip` (title, a large number, lines, a QR code) becomes ESC/POS bytes through
python-escpos's :class:`~escpos.printer.Dummy` printer (:func:`encode`); :func:`send` delivers them
to the printer named by a :class:`ThermalTarget`, configured per workstation (:mod:`thermal_settings`).

Chinese text: in ``text`` mode the printer's own font prints it, in Chinese character mode
(``FS &``) with GB18030 bytes — what the usual 80 mm printers sold in China (Xprinter, Gprinter,
Sunmi…) expect; their fonts cover GB2312/GBK. A slip with a character outside GBK (生僻字 such as
䶮 or 𠮷) is printed in ``raster`` mode instead: the whole slip drawn with the bundled font as one
image (``GS v 0``), which prints every character the font has. ``auto`` (the default) picks.

Targets (``kind:rest``): ``none``; ``network:HOST[:PORT]`` (raw TCP, port 9100); ``serial:DEVICE[:BAUD]``;
``usb:VID:PID`` (needs pyusb and, on Windows, a libusb driver); ``file:PATH`` (``/dev/usb/lp0``, or a
file for tests); ``queue:NAME`` — a raw print queue: CUPS (``lp -o raw``) on Linux, the Windows
spooler (python-escpos ``Win32Raw``, needs pywin32) on Windows.
"""

from __future__ import annotations

import enum
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from workstation import errors

PAPER_DOTS = 576
"""Printable width of 80 mm paper at 203 dpi (72 mm)."""
COLUMNS = 48
"""Font A (12 × 24 dots) characters per line; a Chinese character takes two."""
NETWORK_PORT = 9100
CHINESE_ON, CHINESE_OFF = b"\x1c\x26", b"\x1c\x2e"
"""``FS &`` / ``FS .``: enter / leave Chinese character mode."""
INIT = b"\x1b\x40"
SEND_TIMEOUT = 10.0


class SlipMode(enum.StrEnum):
    AUTO = "auto"
    TEXT = "text"
    RASTER = "raster"


@dataclass(frozen=True)
class Slip:
    """What a thermal slip shows, top to bottom."""

    title: str
    big: str = ""
    """Printed 4× (the ticket number); empty for none."""
    big_caption: str = ""
    lines: Sequence[str] = ()
    qr: str = ""
    footer: Sequence[str] = ()


@dataclass(frozen=True)
class ThermalTarget:
    """Where this workstation's slip printer is; ``kind`` ``none`` means slips go to the A4/A5 printer."""

    kind: str = "none"
    address: str = ""
    port: int = 0
    options: dict[str, str] = field(default_factory=dict)

    KINDS = ("none", "network", "serial", "usb", "file", "queue")

    @classmethod
    def parse(cls, text: str) -> ThermalTarget:
        """``network:10.1.2.3:9100`` etc. (see the module); raises :class:`ThermalTargetInvalid`."""
        kind, _, rest = (text or "none").strip().partition(":")
        kind = kind.lower()
        if kind not in cls.KINDS:
            raise ThermalTargetInvalid(target=text)
        if kind == "none":
            return cls()
        if not rest:
            raise ThermalTargetInvalid(target=text)
        if kind in ("network", "serial"):
            address, _, number = rest.rpartition(":")
            if not address or not number.isdigit():
                address, number = rest, ""
            default = NETWORK_PORT if kind == "network" else 9600
            return cls(kind, address, int(number) if number else default)
        if kind == "usb":
            vid, _, pid = rest.partition(":")
            try:
                int(vid, 16), int(pid, 16)
            except ValueError:
                raise ThermalTargetInvalid(target=text) from None
            return cls(kind, f"{vid}:{pid}")
        return cls(kind, rest)

    def __str__(self) -> str:
        if self.kind == "none":
            return "none"
        return f"{self.kind}:{self.address}" + (f":{self.port}" if self.port else "")


class ThermalTargetInvalid(errors.UserError):
    code = "print.thermal_target_invalid"
    zh = "小票打印机地址无效：{target}（例：network:192.168.1.50:9100、serial:COM3、queue:Ticket、file:/dev/usb/lp0）"
    en = "Invalid slip printer address: {target} (e.g. network:192.168.1.50:9100, serial:COM3, queue:Ticket)"


class ThermalNotConfigured(errors.PrintError):
    code = "print.thermal_not_configured"
    zh = "本工作站未配置小票打印机"
    en = "No slip printer is configured for this workstation"


class ThermalUnreachable(errors.PrintError):
    code = "print.thermal_unreachable"
    zh = "小票打印机 {target} 无法连接：{detail}。请检查电源、纸张和连线"
    en = "The slip printer {target} cannot be reached: {detail}. Check power, paper and cable"


# --- encoding -------------------------------------------------------------------------------------


def fits_printer_font(text: str) -> bool:
    """Whether the printer's resident Chinese font (GBK repertoire) has every character."""
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def slip_text(slip: Slip) -> str:
    return "\n".join([slip.title, slip.big_caption, slip.big, *slip.lines, slip.qr, *slip.footer])


def choose_mode(slip: Slip, mode: SlipMode = SlipMode.AUTO) -> SlipMode:
    if mode is not SlipMode.AUTO:
        return mode
    return SlipMode.TEXT if fits_printer_font(slip_text(slip)) else SlipMode.RASTER


def encode(slip: Slip, mode: SlipMode = SlipMode.AUTO) -> bytes:
    """The ESC/POS bytes of ``slip``: initialise, the slip, the QR code (native ``GS ( k``), cut."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.profile.profile_data["media"]["width"]["pixel"] = PAPER_DOTS
    printer._raw(INIT)
    if choose_mode(slip, mode) is SlipMode.RASTER:
        printer.image(render_raster(slip), impl="bitImageRaster", center=False)
    else:
        _text_slip(printer, slip)
    if slip.qr:
        printer.set(align="center")
        printer.qr(slip.qr, size=6, native=True)
        printer.ln()
    if slip.footer and choose_mode(slip, mode) is SlipMode.TEXT:
        printer._raw(CHINESE_ON)
        printer.set(align="center", normal_textsize=True)
        for line in slip.footer:
            _chinese(printer, line)
        printer._raw(CHINESE_OFF)
    printer.cut()
    return bytes(printer.output)


def _chinese(printer: Any, line: str) -> None:
    printer._raw(line.encode("gb18030") + b"\n")


def _text_slip(printer: Any, slip: Slip) -> None:
    printer._raw(CHINESE_ON)
    printer.set(align="center", bold=True, double_width=True, double_height=True)
    _chinese(printer, slip.title)
    if slip.big:
        printer.set(align="center", bold=False, normal_textsize=True)
        if slip.big_caption:
            _chinese(printer, slip.big_caption)
        printer.set(align="center", bold=True, custom_size=True, width=4, height=4)
        _chinese(printer, slip.big)
    printer.set(align="left", bold=False, normal_textsize=True)
    _chinese(printer, "-" * COLUMNS)
    for line in slip.lines:
        _chinese(printer, line)
    _chinese(printer, "-" * COLUMNS)
    printer._raw(CHINESE_OFF)


@lru_cache(maxsize=4)
def _font(size: int) -> Any:
    from PIL import ImageFont

    from workstation.printing.fonts import fonts_dir

    return ImageFont.truetype(str(fonts_dir() / "wqy-microhei.ttc"), size)


def render_raster(slip: Slip) -> Any:
    """The slip (without QR and cut) as a 1-bit Pillow image :data:`PAPER_DOTS` wide."""
    from PIL import Image, ImageDraw

    rows: list[tuple[str, int, bool]] = [(slip.title, 48, True)]
    if slip.big:
        if slip.big_caption:
            rows.append((slip.big_caption, 26, True))
        rows.append((slip.big, 120, True))
    rows += [("—" * 20, 24, True)] + [(line, 26, False) for line in slip.lines] + [("—" * 20, 24, True)]
    rows += [(line, 24, True) for line in slip.footer]
    height = sum(int(size * 1.35) for _, size, _ in rows) + 16
    image = Image.new("1", (PAPER_DOTS, height), 1)
    draw = ImageDraw.Draw(image)
    y = 8
    for text, size, centred in rows:
        font = _font(size)
        width = draw.textlength(text, font=font)
        x = max(0, (PAPER_DOTS - width) / 2) if centred else 0
        draw.text((x, y), text, font=font, fill=0)
        y += int(size * 1.35)
    return image


# --- sending --------------------------------------------------------------------------------------


def send(data: bytes, target: ThermalTarget, *, title: str = "slip") -> str:
    """Deliver ESC/POS ``data`` to ``target``; returns a reference (the CUPS job id for a queue).

    Raises:
        ThermalNotConfigured: the target is ``none``. ThermalUnreachable: the printer did not take it.
        PrintError subclasses from :mod:`spool` for a CUPS queue.
    """
    if target.kind == "none":
        raise ThermalNotConfigured()
    if target.kind == "queue" and not sys.platform.startswith("win"):
        from workstation.printing.spool import CupsBackend

        return CupsBackend().submit_raw(data, target.address, title=title)
    try:
        device = _device(target)
        try:
            device._raw(data)
        finally:
            device.close()
    except errors.PrintError:
        raise
    except Exception as exc:  # escpos raises its own, OSError, socket.timeout, serial errors…
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise ThermalUnreachable(target=str(target), detail=detail) from exc
    return str(target)


def _device(target: ThermalTarget) -> Any:
    from escpos import printer

    if target.kind == "network":
        return printer.Network(target.address, port=target.port, timeout=SEND_TIMEOUT)
    if target.kind == "serial":
        return printer.Serial(target.address, baudrate=target.port, timeout=SEND_TIMEOUT)
    if target.kind == "usb":
        vid, pid = (int(part, 16) for part in target.address.split(":"))
        return printer.Usb(vid, pid)
    if target.kind == "file":
        return printer.File(target.address)
    if target.kind == "queue":  # Windows spooler, RAW datatype
        return printer.Win32Raw(target.address)
    raise ThermalNotConfigured()


# --- the slips ------------------------------------------------------------------------------------


def ticket_slip(branch: str, label: str, line_name: str, issued: str, ahead: int, qr: str = "") -> Slip:
    """A queue ticket: the number 4× large, the service line, the time and the people ahead."""
    return Slip(
        title=branch,
        big_caption="排队号",
        big=label,
        lines=(f"业务：{line_name}", f"取号时间：{issued}", f"您前面还有 {ahead} 位客户等候"),
        qr=qr,
        footer=("请留意叫号，过号请重新取号", "谢谢光临"),
    )


def gift_receipt_slip(data: dict[str, Any], doc_no: str) -> Slip:
    """The gift receipt's slip copy (礼品领取凭条) from :func:`gifts_receipt.receipt_data` data."""
    items = [f"{i['name']} {i.get('spec', '')} ×{i['quantity']}".replace("  ", " ") for i in data.get("items", ())]
    return Slip(
        title="礼品领取凭条",
        lines=(
            f"{data.get('branch', '')}",
            f"单号：{doc_no}",
            f"活动：{data.get('campaign', '')}",
            f"客户：{data.get('client_name', '')}  证件：{data.get('id_number', '')}",
            *(f"礼品：{item}" for item in items),
            f"发放：{data.get('issuer', '')}",
            f"复核：{data.get('reviewer', '')}",
            f"时间：{data.get('issued_at', '')}",
            "",
            "客户签名：____________________",
        ),
        qr=doc_no,
    )


def sample_bytes(mode: SlipMode = SlipMode.AUTO) -> bytes:
    """A test ticket (``workstation-cli thermal test``)."""
    return encode(ticket_slip("示例营业部", "A015", "普通业务", "2026-12-03 09:30", 3, qr="A015"), mode)


def write_image(slip: Slip) -> bytes:
    """The raster slip as PNG bytes (for a preview or a test)."""
    buffer = io.BytesIO()
    render_raster(slip).save(buffer, format="PNG")
    return buffer.getvalue()

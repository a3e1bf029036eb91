"""Reading second-generation ID cards (二代身份证阅读器) at the counter: Qt-free.

- :mod:`~workstation.idcard.protocol` — the SAM module frames of GA 467;
- :mod:`~workstation.idcard.card` — the chip's text block → :class:`IdCard` (resident ID,
  foreigner's permanent residence card, Hong Kong/Macao/Taiwan residence permit);
- :mod:`~workstation.idcard.serial_reader` — the protocol over a serial/USB-serial port (pyserial);
- :mod:`~workstation.idcard.vendor` — the vendors' SDK library through ctypes, same interface.

:func:`open_reader` turns a workstation's setting into a reader; every reader has
``read_card() -> IdCard`` and raises only :mod:`workstation.idcard.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from workstation.idcard import errors
from workstation.idcard.card import IdCard

__all__ = ["CardReader", "IdCard", "ReaderSettings", "open_reader"]


class CardReader(Protocol):
    def read_card(self) -> IdCard: ...


@dataclass(frozen=True)
class ReaderSettings:
    """This workstation's reader: ``kind`` "none", "serial" (``port`` a device or pyserial URL)
    or "vendor" (``port`` the SDK's port number, ``library`` the SDK file)."""

    kind: str = "none"
    port: str = ""
    library: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> ReaderSettings:
        data = data or {}
        return cls(
            kind=str(data.get("kind") or "none"),
            port=str(data.get("port") or ""),
            library=str(data.get("library") or ""),
        )


def open_reader(settings: ReaderSettings) -> CardReader:
    """The reader ``settings`` describe.

    Raises:
        ReaderNotConfigured: kind "none", or a kind without its port.
    """
    if settings.kind == "serial" and settings.port:
        from workstation.idcard.serial_reader import SerialSamReader

        return SerialSamReader(settings.port)
    if settings.kind == "vendor":
        from workstation.idcard.vendor import DEFAULT_LIBRARY, VendorSdkReader

        port = int(settings.port) if settings.port.isdigit() else 1001
        return VendorSdkReader(port, library=settings.library or DEFAULT_LIBRARY)
    raise errors.ReaderNotConfigured()

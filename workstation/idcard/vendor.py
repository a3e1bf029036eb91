"""The reader vendors' SDK (``sdtapi.dll`` on Windows, ``libsdtapi.so`` on Linux) through ctypes.

Most readers (华视 CVR, 神思, 新中新, 精伦…) ship the reference SDK of the SAM protocol, whose
functions mirror its commands and return the same status bytes:

    int SDT_OpenPort(int iPort);                                   /* 0x90 = ok */
    int SDT_ClosePort(int iPort);
    int SDT_StartFindIDCard(int iPort, unsigned char *pucManaInfo, int iIfOpen);   /* 0x9F = found */
    int SDT_SelectIDCard(int iPort, unsigned char *pucManaMsg, int iIfOpen);       /* 0x90 */
    int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
                        unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen);

``iPort`` is 1–16 for COM1–COM16 and 1001–1016 for the USB readers. The text block and WLT photo
it fills are exactly those of the serial protocol, so :func:`workstation.idcard.card.parse_card`
decodes both paths the same way. Photo decoding (WLT → BMP) is a separate licensed library of
the vendor (``WltRS.dll``/``libwlt2bmp.so``, with differing signatures): pass a ``photo_decoder``
callable wrapping it to get :attr:`IdCard.photo`.

This adapter cannot run here (no vendor library, no hardware); its status handling is shared
with the serial driver, and loading a missing library is tested to give a clear message.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from workstation.idcard import errors
from workstation.idcard.card import PHOTO_LENGTH, TEXT_LENGTH, IdCard, parse_card
from workstation.idcard.protocol import Response, raise_for_status

DEFAULT_LIBRARY = "sdtapi.dll" if sys.platform == "win32" else "libsdtapi.so"


class VendorSdkReader:
    """A reader driven through the vendor's SDK library."""

    def __init__(
        self,
        port: int = 1001,
        *,
        library: str = DEFAULT_LIBRARY,
        photo_decoder: Callable[[bytes], bytes] | None = None,
    ) -> None:
        self.port = port
        self.library = library
        self.photo_decoder = photo_decoder
        self._sdk: Any = None

    def _load(self) -> Any:
        if self._sdk is None:
            loader = getattr(ctypes, "WinDLL", ctypes.CDLL)  # the Windows SDK is stdcall
            try:
                self._sdk = loader(self.library)
            except OSError as exc:
                raise errors.VendorLibraryMissing(library=self.library, detail=str(exc)[:120]) from exc
        return self._sdk

    def read_card(self) -> IdCard:
        sdk = self._load()
        status = sdk.SDT_OpenPort(self.port)
        if status != 0x90:
            raise errors.ReaderUnavailable(port=str(self.port), detail=f"SDT_OpenPort 返回 {status:#04x}")
        try:
            scratch = ctypes.create_string_buffer(8)
            _check(sdk.SDT_StartFindIDCard(self.port, scratch, 0))
            _check(sdk.SDT_SelectIDCard(self.port, scratch, 0))
            text = ctypes.create_string_buffer(TEXT_LENGTH)
            photo = ctypes.create_string_buffer(PHOTO_LENGTH)
            text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
            _check(sdk.SDT_ReadBaseMsg(self.port, text, ctypes.byref(text_len), photo, ctypes.byref(photo_len), 0))
        finally:
            sdk.SDT_ClosePort(self.port)
        card = parse_card(text.raw[: text_len.value], photo.raw[: photo_len.value])
        if self.photo_decoder and card.photo_wlt:
            card = replace(card, photo=self.photo_decoder(card.photo_wlt))
        return card


def _check(status: int) -> None:
    raise_for_status(Response(status=status & 0xFF, data=b""))

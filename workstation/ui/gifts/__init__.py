"""礼品 (Gifts): campaign gifts issued against rules, signed for, countersigned."""

from workstation.ui.gifts.page import GiftsPage

__all__ = ["GiftsPage"]

"""The one place personal data is masked for screens and logs (脱敏)."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """``110101199003071234`` → ``110***********1234``: region and last four kept."""
    if not value:
        return ""
    text = value.strip()
    if len(text) <= 4:
        return "*" * len(text)
    head = 3 if len(text) >= 10 else 1
    return text[:head] + "*" * (len(text) - head - 4) + text[-4:]


def mask_phone(value: str | None) -> str:
    """``13812345678`` → ``138****5678``."""
    if not value:
        return ""
    text = value.strip()
    if len(text) < 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask_card(value: str | None) -> str:
    """A bank card: first six (the bank) and last four digits."""
    if not value:
        return ""
    text = value.replace(" ", "")
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_name(value: str | None) -> str:
    """``张三丰`` → ``张**``: the surname only (for logs, not for the counter screen)."""
    if not value:
        return ""
    chars = list(value.strip())  # code points, so a rare character counts once
    return chars[0] + "*" * (len(chars) - 1) if chars else ""

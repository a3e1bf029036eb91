"""开户/转户 (Accounts): new-account and transfer-in applications, maker and checker."""

from workstation.ui.accounts.page import AccountsPage

__all__ = ["AccountsPage"]

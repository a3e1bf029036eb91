"""同步 (Sync): the exchange with the central database."""

from workstation.ui.sync.page import SyncPage

__all__ = ["SyncPage"]

"""单据 (Documents): printed forms, reprints and their paper archive."""

from workstation.ui.documents.page import DocumentsPage

__all__ = ["DocumentsPage"]

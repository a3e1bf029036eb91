"""接待 (Reception): queue tickets, appointment check-in, directions for clients."""

from workstation.ui.reception.page import ReceptionPage

__all__ = ["ReceptionPage"]

"""报表 (Reports): the branch's daily figures and exports."""

from workstation.ui.reports.page import ReportsPage

__all__ = ["ReportsPage"]

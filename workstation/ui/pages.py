"""The counter screens, and the one table saying which roles see which screen.

Admins see every screen (``Actor.has_any`` lets ``Role.ADMIN`` through). The table is the only
place visibility is decided; the services still check permissions on every action.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workstation.domain import Role
from workstation.services.actor import Actor

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from workstation.ui.context import SessionContext
    from workstation.ui.page import OverviewPage


class PageId(enum.StrEnum):
    """The main pages, in navigation order."""

    RECEPTION = "reception"
    ACCOUNTS = "accounts"
    GIFTS = "gifts"
    DOCUMENTS = "documents"
    SYNC = "sync"
    REPORTS = "reports"


PAGE_ROLES: dict[PageId, frozenset[Role]] = {
    # 接待: front desk, clerks and the supervisor; telesales only to book appointments.
    PageId.RECEPTION: frozenset({Role.RECEPTION, Role.CLERK, Role.SUPERVISOR, Role.TELESALES}),
    # 开户/转户: clerks do it, reviewers check it (经办/复核), the supervisor oversees.
    PageId.ACCOUNTS: frozenset({Role.CLERK, Role.REVIEWER, Role.SUPERVISOR}),
    # 礼品: issued at the front desk or counter, countersigned by a reviewer (发放人 ≠ 复核人).
    PageId.GIFTS: frozenset({Role.RECEPTION, Role.CLERK, Role.REVIEWER, Role.SUPERVISOR}),
    # 单据: printed forms and their paper archive.
    PageId.DOCUMENTS: frozenset({Role.CLERK, Role.REVIEWER, Role.SUPERVISOR}),
    PageId.SYNC: frozenset({Role.SUPERVISOR}),
    PageId.REPORTS: frozenset({Role.SUPERVISOR}),
}

PAGE_TITLES: dict[PageId, str] = {
    PageId.RECEPTION: str(QT_TRANSLATE_NOOP("Pages", "接待")),
    PageId.ACCOUNTS: str(QT_TRANSLATE_NOOP("Pages", "开户/转户")),
    PageId.GIFTS: str(QT_TRANSLATE_NOOP("Pages", "礼品")),
    PageId.DOCUMENTS: str(QT_TRANSLATE_NOOP("Pages", "单据")),
    PageId.SYNC: str(QT_TRANSLATE_NOOP("Pages", "同步")),
    PageId.REPORTS: str(QT_TRANSLATE_NOOP("Pages", "报表")),
}

ROLE_LABELS: dict[Role, str] = {
    Role.RECEPTION: str(QT_TRANSLATE_NOOP("Roles", "前台接待")),
    Role.CLERK: str(QT_TRANSLATE_NOOP("Roles", "柜员")),
    Role.REVIEWER: str(QT_TRANSLATE_NOOP("Roles", "复核")),
    Role.SUPERVISOR: str(QT_TRANSLATE_NOOP("Roles", "主管")),
    Role.TELESALES: str(QT_TRANSLATE_NOOP("Roles", "电销坐席")),
    Role.ADMIN: str(QT_TRANSLATE_NOOP("Roles", "系统管理员")),
}


def visible_pages(actor: Actor) -> list[PageId]:
    """The pages ``actor`` may open, in navigation order."""
    return [page for page in PageId if actor.has_any(PAGE_ROLES[page])]


def page_title(page: PageId) -> str:
    return QCoreApplication.translate("Pages", PAGE_TITLES[page])


def role_labels(actor: Actor) -> str:
    """The actor's roles, most senior first, in the UI language (e.g. "主管、复核")."""
    order = list(Role)
    ranked = sorted(actor.roles, key=lambda r: -order.index(r))
    separator = QCoreApplication.translate("Roles", "、")
    return separator.join(QCoreApplication.translate("Roles", ROLE_LABELS[r]) for r in ranked)


def create_page(page: PageId, context: SessionContext, parent: QWidget | None = None) -> QWidget:
    """Build the widget for ``page`` (each screen lives in its own package)."""
    cls: type[OverviewPage]
    if page is PageId.RECEPTION:
        from workstation.ui.reception import ReceptionPage

        cls = ReceptionPage
    elif page is PageId.ACCOUNTS:
        from workstation.ui.accounts import AccountsPage

        cls = AccountsPage
    elif page is PageId.GIFTS:
        from workstation.ui.gifts import GiftsPage

        cls = GiftsPage
    elif page is PageId.DOCUMENTS:
        from workstation.ui.documents import DocumentsPage

        cls = DocumentsPage
    elif page is PageId.SYNC:
        from workstation.ui.sync import SyncPage

        cls = SyncPage
    else:
        from workstation.ui.reports import ReportsPage

        cls = ReportsPage
    return cls(context, parent)

"""Who is acting: the logged-in member of staff at this workstation, and what they may do."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from workstation import errors
from workstation.domain import Role


@dataclass(frozen=True)
class Actor:
    """The logged-in member of staff, as services see them (no ORM object, safe across threads)."""

    staff_id: uuid.UUID
    staff_no: str
    name: str
    roles: frozenset[Role]
    branch_id: uuid.UUID
    branch_name: str = ""
    workstation_id: uuid.UUID | None = None

    def has_any(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & set(roles)) or Role.ADMIN in self.roles

    def require(self, roles: Iterable[Role], action: str) -> None:
        """Raise PermissionDenied unless the actor holds one of ``roles`` (admins may do all)."""
        if not self.has_any(roles):
            raise errors.PermissionDenied(role=self.role_label, action=action)

    @property
    def role_label(self) -> str:
        """The roles in Chinese, most senior first, e.g. "主管、复核"."""
        order = list(Role)
        ranked = sorted(self.roles, key=lambda r: -order.index(r))
        return "、".join(role.label for role in ranked) or "无岗位"

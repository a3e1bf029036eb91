"""Where this workstation's central database is: host, port, database, user, TLS mode, interval.

Kept in the local database (``sync_state`` row :data:`SETTINGS_KEY`), not in QSettings: the
setting belongs to the workstation, not to the Windows user who happens to be logged in; it is
backed up with the database; and the headless ``workstation-cli sync`` reads the same row. The
password is never part of it: it lives in the OS keyring (:mod:`workstation.sync.credentials`),
keyed by ``user@host:port/database``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy.engine import URL

from workstation import errors
from workstation.domain import Role
from workstation.models import SyncState
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.store import Store

SETTINGS_KEY = "central_settings"
DEFAULT_PORT = 5432
DEFAULT_INTERVAL_S = 30
MIN_INTERVAL_S = 10
MAX_INTERVAL_S = 3600
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
"""libpq ``sslmode`` values; passed through unchanged."""
DEFAULT_SSL_MODE = "prefer"
MANAGERS = (Role.SUPERVISOR, Role.ADMIN)


class CentralSettingsInvalid(errors.UserError):
    code = "sync.settings_invalid"
    zh = "中心数据库设置不完整或有误：{detail}"
    en = "The central database settings are incomplete or wrong: {detail}"


@dataclass(frozen=True)
class CentralSettings:
    """The central database this workstation syncs with (no password)."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    sslmode: str = DEFAULT_SSL_MODE
    interval_s: int = DEFAULT_INTERVAL_S
    """Seconds between two automatic cycles."""

    @property
    def configured(self) -> bool:
        """True when host, database and user are filled in (sync can be attempted)."""
        return bool(self.host and self.database and self.user)

    def url(self, password: str | None = None) -> URL:
        """The psycopg URL; ``sslmode`` travels in the query string to libpq."""
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            password=password,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
            query={"sslmode": self.sslmode},
        )

    def display(self) -> str:
        """``user@host:port/database`` for screens and logs (never a password)."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}" if self.configured else ""

    def checked(self) -> CentralSettings:
        """These settings, trimmed and validated.

        Raises:
            CentralSettingsInvalid: a field is missing or out of range.
        """
        clean = replace(self, host=self.host.strip(), database=self.database.strip(), user=self.user.strip())
        problems = []
        if not clean.host:
            problems.append("主机")
        if not clean.database:
            problems.append("数据库名")
        if not clean.user:
            problems.append("用户名")
        if problems:
            raise CentralSettingsInvalid(detail="请填写" + "、".join(problems))
        if not 1 <= clean.port <= 65535:
            raise CentralSettingsInvalid(detail=f"端口 {clean.port} 无效")
        if clean.sslmode not in SSL_MODES:
            raise CentralSettingsInvalid(detail=f"加密方式 {clean.sslmode} 无效")
        if not MIN_INTERVAL_S <= clean.interval_s <= MAX_INTERVAL_S:
            raise CentralSettingsInvalid(detail=f"同步间隔须在 {MIN_INTERVAL_S}–{MAX_INTERVAL_S} 秒之间")
        return clean

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> CentralSettings:
        """Read the stored JSON, ignoring unknown keys and falling back to defaults."""
        default = cls()
        try:
            return cls(
                host=str(value.get("host", default.host)),
                port=int(value.get("port", default.port)),
                database=str(value.get("database", default.database)),
                user=str(value.get("user", default.user)),
                sslmode=str(value.get("sslmode", default.sslmode)),
                interval_s=int(value.get("interval_s", default.interval_s)),
            )
        except (TypeError, ValueError):
            return default


def load_settings(store: Store) -> CentralSettings:
    """The saved settings (defaults, not configured, before any were saved)."""
    with store.read() as session:
        state = session.get(SyncState, SETTINGS_KEY)
        return CentralSettings.from_value(dict(state.value)) if state else CentralSettings()


def save_settings(store: Store, actor: Actor, settings: CentralSettings) -> CentralSettings:
    """Validate and save ``settings``; record who changed them (audit ``sync.settings``).

    Raises:
        PermissionDenied: only supervisors and admins configure the central connection.
        CentralSettingsInvalid: see :meth:`CentralSettings.checked`.
    """
    actor.require(MANAGERS, "设置中心数据库连接")
    clean = settings.checked()
    with store.write() as session:
        state = session.get(SyncState, SETTINGS_KEY) or SyncState(key=SETTINGS_KEY, value={})
        state.value = asdict(clean)
        session.add(state)
        audit.record(session, actor, "sync.settings", entity="sync_state", central=clean.display(), mode=clean.sslmode)
    return clean


@dataclass(frozen=True)
class ConnectionCheck:
    """What "测试连接" found: who we are connected as, and whether the central schema is there."""

    user: str
    server_version: str
    initialised: bool
    """False when ``workstation-cli central init`` has not been run on that database."""


def check_connection(settings: CentralSettings, password: str | None = None) -> ConnectionCheck:
    """Connect once with ``settings`` (``password``, else the keyring's) and look around.

    Raises:
        CentralSettingsInvalid: incomplete settings. KeyringUnavailable: no keyring to read.
        CentralUnavailable: the server cannot be reached or refused the login (with its reason).
    """
    import sqlalchemy as sa
    from sqlalchemy.exc import DBAPIError

    from workstation.store import first_line
    from workstation.sync.central import central_engine
    from workstation.sync.credentials import with_password

    clean = settings.checked()
    url = clean.url(password) if password else with_password(clean.url())
    engine = central_engine(url)
    try:
        with engine.connect() as conn:
            user, version, ready = conn.execute(
                sa.text(
                    "SELECT current_user, current_setting('server_version'), to_regclass('sync.change_log') IS NOT NULL"
                )
            ).one()
    except DBAPIError as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc
    finally:
        engine.dispose()
    return ConnectionCheck(user=str(user), server_version=str(version), initialised=bool(ready))


def store_password(settings: CentralSettings, password: str) -> None:
    """Save the central password of ``settings``' user in the OS keyring (never in the database).

    Raises:
        KeyringUnavailable: no usable keyring backend on this machine.
    """
    from workstation.sync.credentials import save_password

    save_password(settings.checked().url(), password)


def has_stored_password(settings: CentralSettings) -> bool | None:
    """Whether the keyring holds a password for ``settings``' user; None without a usable keyring."""
    from workstation.sync.credentials import load_password

    if not settings.configured:
        return False
    try:
        return load_password(settings.url()) is not None
    except errors.KeyringUnavailable:
        return None

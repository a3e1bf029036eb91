"""The central database password, kept in the OS keyring (never in config files or logs).

Entries live under the service :data:`SERVICE`, keyed by ``user@host:port/database`` of the
central URL, so a workstation can hold the login of more than one central database (test and
production). ``keyring`` is imported only when a password is needed (≈ 90 ms with backend
detection). Headless machines without a keyring get :class:`~workstation.errors.KeyringUnavailable`
instead of a silent plaintext file; tests install an in-memory backend (docs/tech-notes.md §4).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import URL

from workstation import errors

SERVICE = "counter-workstation-central"


def account_of(url: URL) -> str:
    """The keyring user name for a central URL: ``user@host:port/database``."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _keyring() -> Any:
    import keyring

    return keyring


def save_password(url: URL, password: str) -> None:
    """Store the password of ``url``'s user in the keyring.

    Raises:
        KeyringUnavailable: no usable keyring backend (e.g. headless without Secret Service).
    """
    keyring = _keyring()
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, account_of(url), password)
    except (KeyringError, RuntimeError) as exc:
        raise errors.KeyringUnavailable(detail=type(exc).__name__) from exc


def load_password(url: URL) -> str | None:
    """The stored password of ``url``'s user, or None when none is stored.

    Raises:
        KeyringUnavailable: no usable keyring backend.
    """
    keyring = _keyring()
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(SERVICE, account_of(url))
    except (KeyringError, RuntimeError) as exc:
        raise errors.KeyringUnavailable(detail=type(exc).__name__) from exc
    return found if isinstance(found, str) else None


def delete_password(url: URL) -> bool:
    """Forget the stored password; False when there was none."""
    keyring = _keyring()
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, account_of(url))
    except PasswordDeleteError:
        return False
    except (KeyringError, RuntimeError) as exc:
        raise errors.KeyringUnavailable(detail=type(exc).__name__) from exc
    return True


def with_password(url: URL) -> URL:
    """``url`` with its password from the keyring when it has none of its own (unchanged when
    the keyring has none either: the server may not ask for one).

    Raises:
        KeyringUnavailable: no usable keyring backend.
    """
    if url.password is not None or not url.username:
        return url
    password = load_password(url)
    return url if password is None else url.set(password=password)

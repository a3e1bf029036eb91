"""Sync between a workstation's local database and the central PostgreSQL database (issue 7).

- :mod:`~workstation.sync.engine`: :func:`run_once` (push, then pull) → :class:`SyncOutcome`.
- :mod:`~workstation.sync.push` / :mod:`~workstation.sync.pull`: the two directions.
- :mod:`~workstation.sync.apply`: ownership, idempotent upserts and the appointment merge rule.
- :mod:`~workstation.sync.central`: central engine, stall watchdog, roles and row-level security.
- :mod:`~workstation.sync.credentials`: the central password in the OS keyring.
- :mod:`~workstation.sync.cli`: ``workstation-cli central …`` and ``workstation-cli sync``.

Qt-free; the UI runs :func:`workstation.sync.engine.run_once` in a background worker.
"""

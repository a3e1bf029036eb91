"""Alembic migrations of the workstation schema (run through :mod:`workstation.migrate`)."""

HEAD = "0019"
"""The newest revision. Opening an up-to-date database compares against this without importing
Alembic (start-up time); tests/test_schema_head.py fails when a new revision forgets to bump it."""

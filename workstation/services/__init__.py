"""Business operations: each takes a Session and an Actor, enforces its rules, raises
:mod:`workstation.errors`, and writes its audit event in the caller's transaction."""

"""A throw-away PostgreSQL server for the tests and the bench: initdb + pg_ctl on a free loopback port.

Runs the server as the ``postgres`` system user when the tests run as root (CI does; pg_ctl
refuses root), else as the current user. Stopped at the end of the test session.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bindir() -> Path | None:
    """PostgreSQL's server binaries (Debian keeps them out of PATH)."""
    if configured := os.environ.get("WORKSTATION_PG_BINDIR"):
        return Path(configured)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if candidates:
        return Path(candidates[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    datadir: Path
    port: int
    bindir: Path
    run_as: str | None

    @property
    def base_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def url(self, database: str = "postgres") -> str:
        return f"{self.base_url}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-w", "-l", str(self.datadir / "log"),
                  "-o", options, "start")  # fmt: skip

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)


def start_server() -> PgServer:
    """Start a fresh cluster. Raises RuntimeError if PostgreSQL is not installed."""
    bindir = find_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    run_as = None
    if os.geteuid() == 0:
        run_as = "postgres"
        pwd.getpwnam(run_as)  # KeyError if the Debian package did not create the user
    root = Path(tempfile.mkdtemp(prefix="ws-pg-"))
    datadir = root / "data"
    datadir.mkdir()
    if run_as:
        shutil.chown(root, run_as)
        shutil.chown(datadir, run_as)
        os.chmod(root, 0o755)
    server = PgServer(datadir=datadir, port=free_port(), bindir=bindir, run_as=run_as)
    server.start()
    return server

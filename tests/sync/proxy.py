"""A small asyncio TCP proxy between the sync and PostgreSQL, to cut and stall connections.

Modes (docs/tech-notes.md §1.8):

- ``pass``: forward both ways.
- ``blackhole``: keep the TCP connections open, forward nothing (a stalled network path).
- ``drop_before_commit``: when a client chunk contains ``COMMIT``, cut both ends without
  forwarding it: the server rolls the transaction back.
- ``drop_after_commit``: forward the ``COMMIT``, mute the server's reply, wait, then cut both
  ends: the transaction is committed but the client never learns it (outcome unknown).
- ``drop_after_reply``: forward the ``COMMIT`` and its reply, then cut: the client knows.

:meth:`Proxy.cut_all` resets every open connection. The loop runs in a daemon thread, bound to
127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MODES = ("pass", "blackhole", "drop_before_commit", "drop_after_commit", "drop_after_reply")


class Proxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.mode = "pass"
        self.port = 0
        self.commits_seen = 0
        self._loop = asyncio.new_event_loop()
        self._writers: set[asyncio.StreamWriter] = set()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="sync-test-proxy")
        self._thread.start()
        self._ready.wait(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def url(self, user: str = "postgres", database: str = "postgres", password: str | None = None) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, up_writer}
        muted = asyncio.Event()
        await asyncio.gather(
            self._pipe(reader, up_writer, writer, muted, upstream=True),
            self._pipe(up_reader, writer, up_writer, muted, upstream=False),
            return_exceptions=True,
        )
        self._writers -= {writer, up_writer}

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        other: asyncio.StreamWriter,
        muted: asyncio.Event,
        *,
        upstream: bool,
    ) -> None:
        try:
            while data := await reader.read(65536):
                if self.mode == "blackhole":
                    continue
                if upstream and b"COMMIT" in data and self.mode.startswith("drop_"):
                    self.commits_seen += 1
                    if self.mode == "drop_before_commit":
                        self._abort(writer, other)
                        return
                    if self.mode == "drop_after_commit":
                        muted.set()
                    writer.write(data)
                    await writer.drain()
                    await asyncio.sleep(0.3)
                    self._abort(writer, other)
                    return
                if not upstream and muted.is_set():
                    continue
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self._abort(writer, other)

    @staticmethod
    def _abort(*writers: asyncio.StreamWriter) -> None:
        for writer in writers:
            if not writer.is_closing():
                writer.transport.abort()

    def cut_all(self) -> None:
        """Reset every open connection (both ends)."""
        done = threading.Event()

        def cut() -> None:
            self._abort(*list(self._writers))
            self._writers.clear()
            done.set()

        self._loop.call_soon_threadsafe(cut)
        done.wait(5)

    @contextmanager
    def mode_set(self, mode: str) -> Iterator[None]:
        assert mode in MODES
        self.mode = mode
        try:
            yield
        finally:
            self.mode = "pass"

    def close(self) -> None:
        """Cut every connection, finish the loop's tasks and close it (so nothing is left pending
        for the garbage collector to complain about at exit)."""
        self.cut_all()

        async def finish() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(finish(), self._loop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()

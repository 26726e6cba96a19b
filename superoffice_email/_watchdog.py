"""The sync agent's deadline, enforced: a timer that shuts the call's socket at the deadline.

httpx bounds each single wait (a read, a write, a connect) but not their sum: response
headers trickling in a byte every 0.1 s never meet a read timeout. A :class:`Watchdog` rides
along with the request (as an httpx request extension) to the connection that carries it:
the pool guard (:mod:`._pool_guard`) hands it the connection's socket, captured from
httpcore's ``trace`` events when the connection was opened; at the deadline the watchdog
shuts that socket down, which wakes the blocked read with an error the agent reports as the
deadline's :class:`~superoffice_email.TransportTimeout`. It is disarmed before the connection
goes back to the pool, so it can never touch another call's socket.

One thread serves every watchdog of the process (a heap of deadlines), so a call with a
deadline costs a lock and a heap push, not a thread.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from typing import Any

__all__ = ["EXTENSION", "Watchdog"]

#: the httpx request extension that carries the watchdog to the pool guard
EXTENSION = "superoffice_email.watchdog"


class Watchdog:
    """Shuts down the sockets it is given once ``end`` (``time.monotonic()``) has passed."""

    def __init__(self, end: float) -> None:
        self.end = end
        self.fired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._armed = True
        _timers.add(self)

    def watch(self, stream: Any) -> None:
        """Watch the socket of an httpcore network stream (shut at once if already fired)."""
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            if not self._armed:
                return
            if self.fired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    @property
    def armed(self) -> bool:
        return self._armed

    def disarm(self) -> None:
        """The call is over (or its connection is about to be reused): never fire."""
        with self._lock:
            if not self._armed:
                return
            self._armed = False
            self._sockets.clear()
        _timers.discard()

    def fire(self) -> None:
        with self._lock:
            if not self._armed:
                return
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked on it; close() would not


class _Timers:
    """One daemon thread firing watchdogs at their ends, started on first use."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Watchdog]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._disarmed = 0  # entries in the heap whose watchdog no longer needs firing

    def add(self, watchdog: Watchdog) -> None:
        with self._wake:
            heapq.heappush(self._heap, (watchdog.end, next(self._order), watchdog))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="superoffice_email-deadlines", daemon=True
                )
                self._thread.start()
            elif self._heap[0][2] is watchdog:
                self._wake.notify()  # sooner than what the thread sleeps towards

    def discard(self) -> None:
        """A watchdog was disarmed: once most of the heap is such, drop them (a long deadline
        and many short calls would otherwise hold every finished call until its deadline)."""
        with self._wake:
            self._disarmed += 1
            if self._disarmed > 64 and self._disarmed * 2 > len(self._heap):
                self._heap = [entry for entry in self._heap if entry[2].armed]
                heapq.heapify(self._heap)
                self._disarmed = 0

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    wait = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._wake.wait(wait)
                _, _, watchdog = heapq.heappop(self._heap)
                if not watchdog.armed:
                    self._disarmed = max(0, self._disarmed - 1)
            watchdog.fire()  # disarmed ones do nothing


_timers = _Timers()

"""Talking to a Dask scheduler with every wait bounded: a peer that is not a scheduler, a scheduler that is
gone, or a cluster whose workers are all lost is one line naming the address, never a hang or a traceback.

Before a ``distributed.Client`` is made, :func:`probe_scheduler` connects to the address itself and asks
the peer who it is, within a timeout: a port that accepts and says nothing, a peer answering garbage
(which could make the client try to allocate exabytes) or an address that is no address never reaches
the client. Every call made afterwards goes through :func:`bounded` (a timeout), and a run whose cluster
has had no worker for a while stops (:func:`no_worker_wait`).
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from planbook.errors import ExecutorError
from planbook.shown import shown

T = TypeVar("T")

TIMEOUT_ENV = "PLANBOOK_SCHEDULER_TIMEOUT"  # seconds a call to the scheduler may take (default 10)
NO_WORKER_ENV = "PLANBOOK_NO_WORKER_WAIT"  # seconds a run waits on a cluster without workers (default 60)
DEFAULT_TIMEOUT = 10.0
DEFAULT_NO_WORKER_WAIT = 60.0


def _seconds(env: str, default: float) -> float:
    try:
        value = float(os.environ.get(env, "") or default)
    except ValueError:
        raise ExecutorError(f"${env}: not a number of seconds") from None
    return value if value > 0 else default


def call_timeout() -> float:
    """Seconds a connection or a call to the scheduler may take (``$PLANBOOK_SCHEDULER_TIMEOUT``, else 10)."""
    return _seconds(TIMEOUT_ENV, DEFAULT_TIMEOUT)


def no_worker_wait() -> float:
    """Seconds a run waits for a worker on a cluster that has none (``$PLANBOOK_NO_WORKER_WAIT``, else 60)."""
    return _seconds(NO_WORKER_ENV, DEFAULT_NO_WORKER_WAIT)


def _why(exc: BaseException) -> str:
    """An exception in a few words, on one line."""
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return "no answer in time"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


class _Failed(Exception):
    """A bounded call that raised or did not return in time: ``reason`` says which, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _within(call: Callable[[], T], seconds: float) -> T:
    """``call()`` run in a thread of its own, waited for at most ``seconds`` (the thread is left to end)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="planbook: a call to the scheduler")
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise _Failed(f"no answer in {seconds:g} s")
    if "error" in box:
        raise _Failed(_why(box["error"]))
    return box["value"]


def bounded(call: Callable[[], T], seconds: float, address: str, doing: str) -> T:
    """``call()``, waited for at most ``seconds``; ExecutorError naming the address and what was being done
    when it fails or does not return in time."""
    try:
        return _within(call, seconds)
    except _Failed as failed:
        raise ExecutorError(f"{shown(address)}: the Dask scheduler failed to {doing} ({failed.reason})") from None


async def _identity(address: str, timeout: float) -> object:
    # distributed (~2.8 s to import) only when a scheduler is given
    from distributed.comm import connect

    comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
    try:
        await asyncio.wait_for(comm.write({"op": "identity", "reply": True}), timeout)
        return await asyncio.wait_for(comm.read(), timeout)
    finally:
        comm.abort()


def probe_scheduler(address: str, timeout: float | None = None) -> None:
    """Return when a Dask scheduler answers at ``address``; ExecutorError (one line) for anything else."""
    # distributed (~2.8 s to import) only when a scheduler is given
    from distributed.comm.addressing import parse_address, parse_host_port

    timeout = call_timeout() if timeout is None else timeout
    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)
    except (ValueError, TypeError) as exc:
        raise ExecutorError(
            f"{shown(address)}: not the address of a Dask scheduler ({_why(exc)}); give tcp://HOST:PORT"
        ) from None

    def ask() -> object:
        return asyncio.run(_identity(address, timeout))

    try:
        reply = _within(ask, timeout + 5)
    except _Failed as failed:
        raise ExecutorError(f"{shown(address)}: cannot reach the Dask scheduler ({failed.reason})") from None
    if not (isinstance(reply, dict) and reply.get("type") == "Scheduler"):
        raise ExecutorError(f"{shown(address)}: the peer there is not a Dask scheduler (it did not say who it is)")

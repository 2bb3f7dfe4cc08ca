"""Parsing an untrusted upload in a worker process, with a time limit and a memory bound.

:func:`load_isolated` is what a server (the app) calls instead of
:func:`orbit.load` for a file someone uploaded: the parse runs in a fresh
worker process (``forkserver`` where there is one, else ``spawn``; never
``fork`` in a threaded server) that

- is killed when the time is up, so a hostile file cannot keep a CPU core
  busy once its answer is no longer wanted;
- has its address space limited (``RLIMIT_AS``), so it cannot take the
  server's memory, and its CPU time limited (``RLIMIT_CPU``), so it stops
  by itself even if the server that started it is gone;
- sends back the :class:`~orbit.model.Organisation`, or the loader's
  :class:`~orbit.errors.OrgError`; anything else becomes a one-line
  :class:`~orbit.errors.OrgError` too.

As with any use of ``multiprocessing``, the program's main module must be
importable without side effects (its work under ``if __name__ == "__main__":``);
the ``streamlit``, ``orbit`` and ``pytest`` entry points are.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable

from ..errors import OrgError
from ..model import Organisation

PARSE_SECONDS = 20.0
"""Default time limit for parsing one upload."""
PARSE_MEMORY = 4 << 30
"""Default address-space limit of the worker (4 GiB; numpy and pandas alone reserve a few hundred MiB)."""

_PRELOAD = ["orbit.formats", "orbit.formats.mapping", "orbit.formats.table", "orbit.formats.xlsx"]


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # workers fork from a server that has imported the main module and Orbit once: tens of ms, not seconds
        ctx.set_forkserver_preload(["__main__", *_PRELOAD])
        return ctx
    return multiprocessing.get_context("spawn")


def _limit(seconds: float, memory: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: the parent's kill is the only bound
        return
    for kind, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, int(seconds) + 2)):
        with contextlib.suppress(ValueError, OSError):
            _, hard = resource.getrlimit(kind)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (value, hard))


def _work(conn, target, data: bytes, name: str, seconds: float, memory: int) -> None:
    """The worker: limit itself, parse, send back ("ok", org) or ("error", (source, line, message))."""
    _limit(seconds, memory)
    try:
        result = ("ok", target(data, name))
    except OrgError as err:
        result = ("error", (err.source, err.line, err.message))
    except MemoryError:
        result = ("error", (name, None, f"reading this file needs more than {memory / 2**30:.1f} GiB of memory"))
    except RecursionError:
        result = ("error", (name, None, "nested too deeply to read"))
    except Exception as err:  # a bug of ours: still one line
        first = (str(err).splitlines() or [""])[0]
        result = ("error", (name, None, f"cannot read this file (internal error {type(err).__name__}: {first})"))
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("error", (name, None, "the organisation is too large to hand back")))
    finally:
        conn.close()


def _load(data: bytes, name: str) -> Organisation:
    from . import load

    return load(data, name=name)


def load_isolated(
    data: bytes,
    name: str,
    *,
    timeout: float = PARSE_SECONDS,
    memory: int = PARSE_MEMORY,
    target: Callable[[bytes, str], Organisation] = _load,
) -> Organisation:
    """Parse ``data`` (a file called ``name``) in a worker process, within ``timeout`` seconds and ``memory`` bytes.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        Its name: the extension gives the format, and messages name it.
    timeout : float
        Seconds the worker may take, start-up included; then it is killed.
    memory : int
        Most bytes of address space the worker may use.
    target : callable, optional
        What the worker runs, ``target(data, name)``; :func:`orbit.load` by
        default (tests pass a module-level function that misbehaves).

    Returns
    -------
    Organisation

    Raises
    ------
    OrgError
        The loader's own error, or one line saying that the time or memory
        ran out or the worker stopped.
    """
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    worker = ctx.Process(
        target=_work, args=(send, target, bytes(data), name, timeout, memory), daemon=True, name="orbit-parse"
    )
    started = False
    try:
        worker.start()
        started = True
        send.close()
        if not receive.poll(timeout):
            raise OrgError(
                name, None, f"reading took longer than {timeout:g} s and was stopped (a very large or a hostile file?)"
            )
        try:
            status, payload = receive.recv()
        except (EOFError, OSError):
            worker.join(1)
            code = worker.exitcode
            why = "it ran out of memory or was killed" if code is not None and code < 0 else f"exit code {code}"
            raise OrgError(name, None, f"reading stopped before it finished ({why})") from None
    finally:
        receive.close()
        if started and worker.is_alive():
            worker.kill()
        if started:
            worker.join(5)
        with contextlib.suppress(ValueError, AttributeError):
            worker.close()
    if status == "ok":
        return payload
    source, line, message = payload
    raise OrgError(source, line, message)


__all__ = ["PARSE_MEMORY", "PARSE_SECONDS", "load_isolated"]

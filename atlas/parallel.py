"""The second core: work done by a process forked from the build.

MkDocs builds on one thread, so while the atlas works (reading the data files, rendering
pages ahead) the machine's other core would sit idle. A forked process starts with
everything the build has already loaded, without pickling it, and hands back plain
results. Whatever it does, the build's result is the same as without it: when the other
process fails or dies, this one does the work itself, so any error is raised here.

``ATLAS_PARALLEL=0`` turns it off. It is also off where ``fork`` is not how processes start
(macOS and Windows use spawn) and on a machine with one CPU.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any


def enabled() -> bool:
    if os.environ.get("ATLAS_PARALLEL", "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() and cpus > 1


def context():
    return multiprocessing.get_context("fork")


def _second_half(conn, work: Callable[[Sequence], list], items: Sequence, parents_end) -> None:
    parents_end.close()  # so that a send fails, rather than waits forever, once the parent is gone
    try:
        result: tuple = (True, work(items))
    except BaseException:  # the build does this half again and raises the error itself
        result = (False, None)
    try:
        conn.send(result)
    except (BrokenPipeError, OSError):
        pass
    finally:
        conn.close()


def in_halves(items: Sequence, work: Callable[[Sequence], list], minimum: int = 64) -> list[Any]:
    """``work(items)``, with the second half done at the same time by a forked process.

    ``work`` maps a slice of ``items`` to a list (one entry per item, or any list whose
    concatenation is meaningful); its results must pickle. Below ``minimum`` items, or when
    parallel work is off, everything is done here.
    """
    if len(items) < minimum or not enabled():
        return work(items)
    cut = len(items) // 2
    ctx = context()
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_second_half, args=(send, work, items[cut:], receive), daemon=True, name="atlas-second-half")
    process.start()
    send.close()
    try:
        first = work(items[:cut])
        try:
            done, second = receive.recv()
        except (EOFError, OSError):  # it died
            done, second = False, None
        if not done:
            second = work(items[cut:])
    finally:
        receive.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()
    return first + second

"""Fork server for the crash test: builds the Extractor once, runs each ingest in a child.

Usage: ``python ingest_runner.py CORPUS BATCH`` (settings from TIELINE_* variables).
Protocol, one line each way on stdin/stdout:

    -> ready
    <- run DB HOLD        (HOLD 1: the store keeps its connection; 0: one per batch)
    -> pid N              (the child runs ``tieline.pipeline.ingest``; the test may kill it)
    <- wait
    -> done STATUS SECONDS  (STATUS: exit:CODE or signal:NUMBER)

The child is a real process that the test kills with SIGKILL, so nothing in it gets to
clean up; forking from a built Extractor only saves the ~5 s model load per run. The
runner reaps a child only when told, so its pid cannot be reused before the kill.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

from tieline.config import load_settings
from tieline.pipeline import Extractor, ingest
from tieline.store import Store


def _child(corpus: str, db: str, hold: bool, batch: int, extractor: Extractor) -> None:
    """Run one ingest and leave without any interpreter cleanup."""
    try:
        with Store(db, hold=hold) as store:
            ingest(
                [corpus],
                store,
                settings=extractor.settings,
                extractor=extractor,
                batch_articles=batch,
            )
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    os._exit(0)


def _status(raw: int) -> str:
    """exit:CODE or signal:NUMBER for a waitpid status."""
    if os.WIFSIGNALED(raw):
        return f"signal:{os.WTERMSIG(raw)}"
    return f"exit:{os.WEXITSTATUS(raw)}"


def main(corpus: str, batch: int) -> None:
    """Serve ``run`` commands until stdin closes."""
    extractor = Extractor(load_settings())
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if len(words) != 3 or words[0] != "run":
            print(f"error bad command {line.strip()!r}", flush=True)
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(corpus, words[1], words[2] == "1", batch, extractor)
        print(f"pid {pid}", flush=True)
        sys.stdin.readline()  # "wait": the test has killed the child, or lets it finish
        _, raw = os.waitpid(pid, 0)
        print(f"done {_status(raw)} {time.monotonic() - started:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

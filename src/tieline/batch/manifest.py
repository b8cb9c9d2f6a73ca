"""The manifest of completed partitions, and the lock that gives an output folder one batch.

``DIR/_manifest.jsonl`` gets one JSON line per partition once its four Parquet files are
in place (the driver appends it, so there is one writer). A rerun skips partitions that
are in the manifest with the same key and whose files are all there; a torn last line
(the run was killed while writing it) is ignored, and that partition is simply redone.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tieline.batch.partitions import Partition
from tieline.errors import TielineError
from tieline.model import Skipped
from tieline.store.parquet import has_partition

MANIFEST = "_manifest.jsonl"
LOCK = "_lock"


class BatchError(TielineError):
    """A batch cannot start or go on: its folder is in use or holds other inputs, a task failed."""

    code = "E600"


@dataclass(slots=True)
class Done:
    """What a worker reports for one written partition (the manifest line)."""

    part: int
    key: str
    articles: int = 0
    duplicates: int = 0  # same article id twice inside the partition
    ties: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def to_json(self) -> str:
        """The manifest line."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Done:
        """A manifest line read back."""
        raw: dict[str, Any] = json.loads(line)
        raw["skipped"] = [Skipped(**s) for s in raw.get("skipped", [])]
        return cls(**raw)


class Manifest:
    """The completed partitions of one output folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / MANIFEST
        self.done: dict[int, Done] = dict(self._load())

    def completed(self, partition: Partition) -> Done | None:
        """The record of this partition if it was written completely, else None."""
        done = self.done.get(partition.part)
        if done is None:
            return None
        if done.key != partition.key:
            raise BatchError(
                f"{self.folder} holds partition {partition.part} of other inputs (or another "
                "--partition-size, or inputs changed since); give a new --out, or delete the "
                "folder to start over"
            )
        return done if has_partition(self.folder, partition.part) else None

    def record(self, done: Done) -> None:
        """Append one completed partition, durably (flushed and synced)."""
        with open(self.path, "a", encoding="utf-8") as stream:
            stream.write(done.to_json() + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        self.done[done.part] = done

    def _load(self) -> Iterator[tuple[int, Done]]:
        """The manifest's entries; a line cut short by a crash is skipped."""
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as stream:
            for line in stream:
                try:
                    done = Done.from_json(line)
                except (ValueError, TypeError):
                    continue
                yield done.part, done


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the output folder for this run; a second batch into it fails at once."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchError(
                f"{folder} is being written by another tieline batch; wait for it, or give "
                "another --out"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

"""What every exporter shares: its report, and writing files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tieline.errors import ExportError
from tieline.store import Store
from tieline.store.tables import Scope


@dataclass(slots=True)
class ExportReport:
    """What one export wrote."""

    format: str
    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    note: str | None = None  # a next step to print, e.g. the neo4j-admin command


Writer = Callable[[Store, Path, Scope], ExportReport]


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w") -> Iterator[IO]:
    """An open file that replaces ``path`` only once fully written (no half exports)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}; check the folder") from None
    try:
        binary = "b" in mode
        encoding, newline = (None, None) if binary else ("utf-8", "")
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def out_folder(path: Path) -> Path:
    """``path`` as a folder for a multi-file export, created if missing."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; this format writes a folder, give a folder path")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create {path}: {exc.strerror or exc}") from None
    return path

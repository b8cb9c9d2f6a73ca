"""Folders: every file with a registered suffix below them, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from tieline.ingest.registry import SUFFIXES, reader_for
from tieline.model import Skipped


def iter_folder(root: Path) -> Iterator[Path | Skipped]:
    """Readable files under ``root``, depth-first in name order; hidden entries are skipped."""
    found = False
    for item in _walk(root, set()):
        found = found or isinstance(item, Path)
        yield item
    if not found:
        yield Skipped(
            str(root),
            "empty",
            f"{root}: no files ending in {', '.join(sorted(SUFFIXES))} in this folder; "
            "point tieline at the articles",
        )


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path | Skipped]:
    """Files under ``folder``; ``seen`` stops symlink loops from walking forever."""
    try:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        with os.scandir(folder) as scan:
            # Name order makes runs (and article order in the store) reproducible.
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Skipped(
            str(folder),
            "unreadable",
            f"{folder}: cannot list this folder ({exc.strerror or exc}); check its permissions",
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store, editor swap files: never articles
        path = folder / entry.name
        if _is_dir(entry):
            yield from _walk(path, seen)
        elif _is_file(entry) and reader_for(path) is not None:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """True for a folder (or a link to one) that can be looked at."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    """True for a regular file (or a link to one): never a pipe or device that could block."""
    try:
        return entry.is_file()
    except OSError:
        return False

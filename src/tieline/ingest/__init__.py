"""Ingest: input paths -> Article objects (no NLP). Bad input is skipped, never raised.

Each source kind is one module with a reader ``(path, limits) -> Iterator[Article | Skipped]``
registered for its file suffixes below; folders are scanned for the registered suffixes and
"-" reads standard input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from tieline.config import Limits
from tieline.ingest.csv_file import read_csv_file
from tieline.ingest.folder import iter_folder
from tieline.ingest.html import read_html_file
from tieline.ingest.json_file import read_json_file
from tieline.ingest.jsonl import read_jsonl_file
from tieline.ingest.registry import READERS, SUFFIXES, Item, Reader, reader_for, register_reader
from tieline.ingest.stdin import ORIGIN as STDIN_ORIGIN
from tieline.ingest.stdin import read_stdin
from tieline.ingest.text import read_text_file
from tieline.ingest.warc import read_warc_file
from tieline.model import Article, Skipped

__all__ = [
    "READERS",
    "SUFFIXES",
    "Item",
    "Reader",
    "read_inputs",
    "read_path",
    "register_reader",
]

register_reader((".txt", ".text", ".md"), read_text_file)
register_reader((".html", ".htm"), read_html_file)
register_reader((".jsonl", ".jsonl.gz"), read_jsonl_file)
register_reader(".json", read_json_file)
register_reader(".csv", read_csv_file)
register_reader((".warc", ".warc.gz"), read_warc_file)

PathLike = str | os.PathLike[str]


def read_inputs(
    paths: Iterable[PathLike] | PathLike,
    *,
    limits: Limits | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from files, folders and "-" (stdin), streamed; each bad item is one Skipped."""
    limits = limits or Limits()
    # A lone path is a common slip: iterating a str would read one "file" per character.
    for given in [paths] if isinstance(paths, str | os.PathLike) else paths:
        name = os.fspath(given)
        if name == "-":
            yield from _read_stdin(stdin, limits)
        elif not name:  # Path("") would be ".", silently reading the working folder
            yield Skipped("", "not_found", "an empty path was given; give a file or folder")
        else:
            yield from read_path(Path(name), limits)


def _read_stdin(stdin: TextIO | BinaryIO | None, limits: Limits) -> Iterator[Item]:
    """Articles from ``stdin``, or from the process's standard input (as bytes) when None."""
    source = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    if source is None:  # pythonw, or a daemon with stdin closed
        yield Skipped(
            STDIN_ORIGIN, "unreadable", f"{STDIN_ORIGIN}: there is no standard input; give paths"
        )
        return
    yield from _guarded(read_stdin(source, limits), STDIN_ORIGIN)


def read_path(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """Articles from one file or folder; never raises for bad input."""
    origin = str(path)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:
        yield _unreadable(origin, exc)
        return
    if not exists:
        yield Skipped(origin, "not_found", f"{origin}: no such file or folder; check the path")
    elif is_dir:
        for item in iter_folder(path):
            if isinstance(item, Skipped):
                yield item
            else:
                yield from _read_file(item, limits)
    else:
        yield from _read_file(path, limits)


def _read_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """The registered reader's output for ``path``, or unsupported."""
    reader = reader_for(path)
    if reader is None:
        origin = str(path)
        yield Skipped(
            origin,
            "unsupported",
            f"{origin}: unsupported file type; give a file ending in "
            f"{', '.join(sorted(SUFFIXES))}, a folder, or - for stdin",
        )
        return
    yield from _guarded(reader(path, limits), str(path))


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """``items``, ending with one unreadable Skipped if reading fails at the OS level."""
    try:
        yield from items
    except OSError as exc:
        yield _unreadable(origin, exc)
    except UnicodeError as exc:  # a text stdin whose own decoding failed
        yield Skipped(origin, "encoding", f"{origin}: not valid UTF-8 ({exc}); give UTF-8 text")


def _unreadable(origin: str, exc: OSError) -> Skipped:
    """The Skipped for an OS error (permissions, a vanished file, a device error)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return Skipped(
        origin,
        "unreadable",
        f"{origin}: cannot be read ({reason}); check it exists and is readable",
    )

"""Where a corpus's documents come from: files, directories, globs, ``@lists`` and JSON Lines.

Everything here is a generator: a corpus of a million files is walked, never listed whole
(a directory is read one folder at a time, in sorted order, so every run sees the same
order). Nothing is read but names and, for JSON Lines, one record at a time; the documents
themselves are read by the worker that compares them.

    >>> [item.id for item in iter_sources(["stmtdiff/corpus/__init__.py"])]
    ['stmtdiff/corpus/__init__.py']
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stmtdiff.errors import StmtdiffError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = re.compile(r"[*?[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_HIDDEN = "."  # dot files and dot folders (.git, .DS_Store) are not documents


class SourceError(StmtdiffError):
    """A source argument or manifest that cannot be read at all (the run cannot start)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One document of a corpus: its id (how the user named it), and where its text is.

    One of ``location`` (an absolute path or a URL), ``text`` (inline, from a JSON Lines
    record) and ``error`` (a record that names no document) is set. ``key`` names its output
    files: readable, and unique per id.
    """

    id: str
    location: str | None = None
    text: str | None = None
    error: str | None = None

    @property
    def key(self) -> str:
        return output_key(self.id)


@dataclass(frozen=True, slots=True)
class PairItem:
    """One line of a batch manifest: two documents to compare, as ``stmtdiff diff`` does."""

    id: str
    a: str  # as written in the manifest (shown in reports)
    b: str
    a_location: str  # absolute path or URL (what a worker reads)
    b_location: str

    @property
    def key(self) -> str:
        return output_key(self.id)


def output_key(identifier: str) -> str:
    """A file-name-safe key for an id: its last path part, cleaned, plus a hash of the whole id.

    >>> output_key("news/2024/article one.html")
    'article_one.html-4c44f8504497'
    """
    tail = identifier.rstrip("/\\").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    slug = _UNSAFE.sub("_", tail).strip("._")[:48] or "doc"
    digest = hashlib.sha1(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{slug}-{digest}"


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def iter_sources(specs: Iterable[str]) -> Iterator[Item]:
    """Every document the arguments name, in order: each argument is a file, a directory
    (walked recursively, sorted, dot files skipped), a glob (``'news/**/*.html'``, sorted), a
    URL, ``@list.txt`` (paths or URLs, one a line; ``#`` comments; relative paths are relative
    to the list) or a ``.jsonl``/``.ndjson`` file of records with ``id`` and ``text``, ``path``
    or ``url``.
    """
    for spec in specs:
        if not spec:
            raise SourceError("an empty source name was given")
        if spec.startswith("@"):
            yield from _iter_list(spec[1:])
        elif is_url(spec):
            yield Item(id=spec, location=spec)
        elif os.path.isdir(spec):
            yield from _iter_directory(spec)
        elif os.path.isfile(spec) and spec.lower().endswith(JSONL_SUFFIXES):
            yield from _iter_jsonl(spec)
        elif os.path.exists(spec):
            yield Item(id=spec, location=os.path.abspath(spec))
        elif _GLOB_CHARS.search(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise SourceError(f"{spec}: no file matches this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from _iter_directory(match)
                elif not os.path.basename(match).startswith(_HIDDEN):
                    yield Item(id=match, location=os.path.abspath(match))
        else:
            raise SourceError(f"{spec}: no such file or directory")


def _iter_directory(root: str) -> Iterator[Item]:
    """Files under ``root`` in a fixed order: one folder's sorted names at a time."""
    for folder, dirs, files in os.walk(root, onerror=_raise):
        dirs[:] = sorted(d for d in dirs if not d.startswith(_HIDDEN))
        for name in sorted(files):
            if not name.startswith(_HIDDEN):
                path = os.path.join(folder, name)
                yield Item(id=path, location=os.path.abspath(path))


def _raise(error: OSError) -> None:
    raise SourceError(f"{error.filename}: cannot read this directory ({error.strerror})")


def _open_text(path: str) -> Iterator[tuple[int, str]]:
    """The lines of a list or manifest with their numbers (from 1), read as UTF-8."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            yield from enumerate(fh, start=1)
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, not a list") from None
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: is not UTF-8 ({error.reason})") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read it ({error.strerror})") from None


def _resolve(entry: str, base: str) -> str:
    """A URL as it is; a path relative to the folder of the list that names it."""
    if is_url(entry):
        return entry
    return os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(base)), os.path.expanduser(entry)))


def _iter_list(path: str) -> Iterator[Item]:
    for _number, line in _open_text(path):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield Item(id=entry, location=_resolve(entry, path))


def _iter_jsonl(path: str) -> Iterator[Item]:
    """One document per record: ``{"id": ..., "text": ...}`` (or ``"path"``/``"url"``).

    A record without an id is named ``FILE:LINE``. A line that is not such a record is a
    document that failed (it gets an error row), not the end of the run.
    """
    for number, line in _open_text(path):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Item(id=where, error=f"{where}: not JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield Item(id=where, error=f"{where}: a record must be a JSON object")
            continue
        identifier = record.get("id", where)
        identifier = identifier if isinstance(identifier, str) else json.dumps(identifier)
        text, target = record.get("text"), record.get("path", record.get("url"))
        if isinstance(text, str):
            yield Item(id=identifier, text=text)
        elif isinstance(target, str) and target:
            yield Item(id=identifier, location=_resolve(target, path))
        else:
            yield Item(id=identifier, error=f"{where}: the record has no text, path or url string")


def iter_pairs(manifest: str) -> Iterator[PairItem]:
    """The pairs of a batch manifest: CSV with a header (``a``, ``b``, optional ``id``) or
    JSON Lines records with the same keys. Relative paths are relative to the manifest.
    A pair without an id is named ``a -> b``.
    """
    if manifest.lower().endswith(JSONL_SUFFIXES):
        records = _jsonl_records(manifest)
    else:
        records = _csv_records(manifest)
    for where, record in records:
        a, b = record.get("a"), record.get("b")
        if not (isinstance(a, str) and a and isinstance(b, str) and b):
            raise SourceError(f"{where}: each pair needs non-empty 'a' and 'b'")
        identifier = record.get("id") or f"{a} -> {b}"
        identifier = identifier if isinstance(identifier, str) else json.dumps(identifier)
        yield PairItem(identifier, a, b, _resolve(a, manifest), _resolve(b, manifest))


def _jsonl_records(path: str) -> Iterator[tuple[str, dict[str, object]]]:
    for number, line in _open_text(path):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(f"{where}: not JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise SourceError(f"{where}: a record must be a JSON object with 'a' and 'b'")
        yield where, record


def _csv_records(path: str) -> Iterator[tuple[str, dict[str, object]]]:
    lines = (line for _number, line in _open_text(path))
    reader = csv.DictReader(lines)
    try:
        fields = reader.fieldnames
        if not fields or "a" not in fields or "b" not in fields:
            raise SourceError(f"{path}: a CSV manifest needs a header line with columns a and b (and optionally id)")
        for record in reader:
            yield f"{path}:{reader.line_num}", dict(record)
    except csv.Error as error:
        raise SourceError(f"{path}:{reader.line_num}: {error}") from None


def count_sources(specs: Iterable[str]) -> int:
    """How many documents ``iter_sources`` would yield (for a progress bar's total)."""
    return sum(1 for _ in iter_sources(specs))

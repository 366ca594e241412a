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
from dataclasses import dataclass, replace

from stmtdiff.errors import StmtdiffError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = re.compile(r"[*?[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_HIDDEN = "."  # dot files and dot folders (.git, .DS_Store) are not documents
_SURROGATE = re.compile("[\ud800-\udfff]")


class SourceError(StmtdiffError):
    """A source argument or manifest that cannot be read at all (the run cannot start)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One document of a corpus: its id (how the user named it), and where its text is.

    One of ``location`` (an absolute path or a URL), ``text`` (inline, from a JSON Lines
    record) and ``error`` (a record that names no document) is set. ``id`` is always valid
    Unicode (see :func:`printable`); ``location`` is what the worker opens. ``key`` names its
    output files: readable, and unique per document (two records or list entries that share an
    id but not their text or file keep a result each).
    """

    id: str
    location: str | None = None
    text: str | None = None
    error: str | None = None

    @property
    def key(self) -> str:
        return output_key(self.id, self.location or "", self.text or "")


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
        return output_key(self.id, self.a_location, self.b_location)


def output_key(identifier: str, *where: str) -> str:
    """A file-name-safe key for an id: its last path part, cleaned, plus a hash of the whole id
    and of ``where`` its document is (the file, or the inline text): the same id given to two
    documents must not name one result.

    >>> output_key("news/2024/article one.html")
    'article_one.html-4c44f8504497'
    >>> output_key("story", "/east/story.txt") != output_key("story", "/west/story.txt")
    True
    """
    tail = identifier.rstrip("/\\").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    slug = _UNSAFE.sub("_", tail).strip("._")[:48] or "doc"
    digest = hashlib.sha1(identifier.encode("utf-8", "surrogatepass"))
    for part in where:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return f"{slug}-{digest.hexdigest()[:12]}"


def printable(text: str) -> str:
    r"""``text`` as valid Unicode, for ids, rows and reports: a file name that is not UTF-8
    (Python holds its bytes as lone surrogates) shows those bytes as ``\xNN``, and a lone
    surrogate from a JSON escape as ``\uDXXX``. The file is still opened by its real name.

    >>> printable("caf\udce9.txt"), printable("x\ud800"), printable("caf\u00e9")
    ('caf\\xe9.txt', 'x\\ud800', 'café')
    """
    if not _SURROGATE.search(text):
        return text
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # not from a file name: a lone surrogate of a JSON escape
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def lone_surrogate(text: str) -> str | None:
    """Why ``text`` is not text, or None: as ``load.decode_as`` refuses a decoding to a lone surrogate."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return f"the text holds a lone surrogate (U+{ord(found.group()):04X}) at character {found.start()}, which is not text"


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def iter_sources(specs: Iterable[str], *, exclude: str | None = None) -> Iterator[Item]:
    """Every document the arguments name, in order: each argument is a file, a directory
    (walked recursively, sorted, dot files skipped), a glob (``'news/**/*.html'``), a URL,
    ``@list.txt`` (paths or URLs, one a line; ``#`` comments; relative paths are relative to
    the list) or a ``.jsonl``/``.ndjson`` file of records with ``id`` and ``text``, ``path``
    or ``url``. Walks never enter ``exclude`` (the run's own output folder, which may lie
    inside a source folder) nor follow a symbolic link to a folder (a link back up would
    make a loop).
    """
    skip = _Excluded(exclude)
    for spec in specs:
        if not spec:
            raise SourceError("an empty source name was given")
        if spec.startswith("@"):
            yield from _iter_list(spec[1:])
        elif is_url(spec):
            yield Item(id=spec, location=spec)
        elif os.path.isdir(spec):
            yield from _iter_directory(spec, skip)
        elif os.path.isfile(spec) and spec.lower().endswith(JSONL_SUFFIXES):
            yield from _iter_jsonl(spec)
        elif os.path.exists(spec):
            yield _file(spec)
        elif _GLOB_CHARS.search(spec):
            yield from _iter_glob(spec, skip)
        else:
            raise SourceError(f"{printable(spec)}: no such file or directory")


def _file(path: str) -> Item:
    return Item(id=printable(path), location=os.path.abspath(path))


class _Excluded:
    """The output folder, recognised cheaply in a walk: by name first, then by real path."""

    def __init__(self, folder: str | None) -> None:
        self.real = os.path.realpath(folder) if folder else None
        self.name = os.path.basename(self.real) if self.real else None

    def __call__(self, parent: str, name: str) -> bool:
        return name == self.name and os.path.realpath(os.path.join(parent, name)) == self.real


def _iter_directory(root: str, skip: _Excluded) -> Iterator[Item]:
    """Files under ``root`` in a fixed order: one folder's sorted names at a time."""
    for _folder, _subfolders, files in _walk(root, skip):
        for _name, item in files:
            yield item


def _walk(root: str, skip: _Excluded) -> Iterator[tuple[str, list[str], list[tuple[str, Item]]]]:
    """Each folder under ``root`` (top-down, sorted, as ``os.walk`` goes) with the names of
    the folders below it and its files' items. Dot names, the output folder and links to
    folders are left out (a link back up would make a loop). A folder that cannot be read is
    an error row (its documents are not silently lost, and the run goes on), and so is a
    named pipe, socket or device, which is never opened (reading a pipe waits for a writer
    for ever).
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            shown = printable(folder)
            yield folder, [], [("", Item(id=shown, error=f"{shown}: cannot read this folder ({error.strerror})"))]
            continue
        files: list[tuple[str, Item]] = []
        subfolders: list[str] = []
        for entry in entries:
            if entry.name.startswith(_HIDDEN):
                continue
            path = os.path.join(folder, entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not skip(folder, entry.name):
                        subfolders.append(entry.name)
                elif entry.is_file() or not os.path.exists(path):  # a file, or a broken link (its row says so)
                    files.append((entry.name, _file(path)))
                elif not entry.is_dir():  # a link to a folder is left out
                    shown = printable(path)
                    files.append((entry.name, Item(id=shown, error=f"{shown}: not a regular file (a named pipe, socket or device)")))
            except OSError:
                files.append((entry.name, _file(path)))  # its row says what is wrong
        yield folder, subfolders, files
        stack.extend(os.path.join(folder, name) for name in reversed(subfolders))


def _iter_glob(spec: str, skip: _Excluded) -> Iterator[Item]:
    """The files a pattern matches, each once; a folder it matches stands for its files.

    Without ``**`` Python's glob lists one level per part, sorted. With ``**`` the folder
    before the first wildcard is walked as a directory is (Python's own ``**`` follows links
    to folders, and a link back up makes it walk ``up/up/up/...`` until the system refuses),
    and each path below it is matched against the pattern.
    """
    found = 0
    if "**" not in spec:
        for match in sorted(glob.glob(spec)):
            if os.path.isdir(match):
                for item in _iter_directory(match, skip):
                    found += 1
                    yield item
            elif not os.path.basename(match).startswith(_HIDDEN):
                found += 1
                yield _file(match)
    else:
        parts = spec.split("/")
        fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS.search(part))
        base = "/".join(parts[:fixed]) or ("/" if spec.startswith("/") else "")
        pattern = re.compile(_pattern(parts[fixed:]), re.DOTALL)
        top = base or "."
        matched: set[str] = set()  # folders below a matching folder: everything in them is in
        if os.path.isdir(top):
            for folder, subfolders, files in _walk(top, skip):
                here = os.path.relpath(folder, top)
                inside = here in matched or (here != "." and bool(pattern.fullmatch(here)))
                matched.discard(here)
                for name, item in files:
                    relative = name if here == "." else f"{here}/{name}"
                    if inside or pattern.fullmatch(relative) or (item.error and not name):  # a folder's error: always
                        found += 1
                        yield item if base or item.error else replace(item, id=printable(relative))
                if inside:
                    matched.update(name if here == "." else f"{here}/{name}" for name in subfolders)
    if not found:
        raise SourceError(f"{printable(spec)}: no file matches this pattern")


def _pattern(parts: list[str]) -> str:
    """A regular expression for the path parts of a glob, ``**`` matching any number of folders.

    >>> bool(re.fullmatch(_pattern(["**", "*.txt"]), "2024/may/a.txt")), _pattern(["a?", "[!x]"])
    (True, 'a[^/]/[^/x]')
    """
    out = []
    for number, part in enumerate(parts):
        last = number == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        piece, i = [], 0
        while i < len(part):
            char = part[i]
            close = part.find("]", i + 2) if char == "[" else -1
            if char == "*":
                piece.append("[^/]*")
            elif char == "?":
                piece.append("[^/]")
            elif close > 0:
                inner = part[i + 1 : close]
                negate = inner[:1] in ("!", "^")
                inner = inner[1:] if negate else inner
                piece.append(("[^/" if negate else "[") + inner.replace("\\", "\\\\") + "]")
                i = close
            else:
                piece.append(re.escape(char))
            i += 1
        out.append("".join(piece) + ("" if last else "/"))
    return "".join(out)


def _open_text(path: str, errors: str = "strict") -> Iterator[tuple[int, str]]:
    """The lines of a list or manifest with their numbers (from 1), read as UTF-8 (bytes that
    are not UTF-8 stop the run, or with ``errors="surrogateescape"`` are kept as such)."""
    try:
        with open(path, encoding="utf-8-sig", errors=errors, newline="") as fh:
            yield from enumerate(fh, start=1)
    except FileNotFoundError:
        raise SourceError(f"{printable(path)}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{printable(path)}: is a directory, not a list") from None
    except UnicodeDecodeError as error:
        raise SourceError(f"{printable(path)}: is not UTF-8 ({error.reason})") from None
    except OSError as error:
        raise SourceError(f"{printable(path)}: cannot read it ({error.strerror})") from None


def _resolve(entry: str, base: str) -> str:
    """A URL as it is; a path relative to the folder of the list that names it."""
    if is_url(entry):
        return entry
    return os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(base)), os.path.expanduser(entry)))


def _iter_list(path: str) -> Iterator[Item]:
    """The entries of a list, one a line. A name that is not UTF-8 (``find > list.txt`` over
    old archives writes them) still names its file: read with ``surrogateescape``, as Python
    reads file names."""
    for _number, line in _open_text(path, errors="surrogateescape"):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield Item(id=printable(entry), location=_resolve(entry, path))


def _iter_jsonl(path: str) -> Iterator[Item]:
    """One document per record: ``{"id": ..., "text": ...}`` (or ``"path"``/``"url"``).

    A record without an id is named ``FILE:LINE``. A line that is not such a record (not
    UTF-8, not JSON, or text holding a lone surrogate) is a document that failed (it gets an
    error row), not the end of the run.
    """
    for number, line in _open_text(path, errors="surrogateescape"):
        if not line.strip():
            continue
        where = f"{printable(path)}:{number}"
        if _SURROGATE.search(line):  # bytes that were not UTF-8
            try:
                os.fsencode(line).decode("utf-8")
            except UnicodeDecodeError as error:
                yield Item(id=where, error=f"{where}: is not UTF-8 ({error.reason})")
                continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Item(id=where, error=f"{where}: not JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield Item(id=where, error=f"{where}: a record must be a JSON object")
            continue
        identifier = record.get("id", where)
        identifier = printable(identifier if isinstance(identifier, str) else json.dumps(identifier))
        text, target = record.get("text"), record.get("path", record.get("url"))
        if isinstance(text, str):
            problem = lone_surrogate(text)
            if problem:
                yield Item(id=identifier, error=f"{where}: {problem}")
            else:
                yield Item(id=identifier, text=text)
        elif isinstance(target, str) and target and not lone_surrogate(target):
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


def count_sources(specs: Iterable[str], *, exclude: str | None = None) -> int:
    """How many documents ``iter_sources`` would yield (for a progress bar's total)."""
    return sum(1 for _ in iter_sources(specs, exclude=exclude))

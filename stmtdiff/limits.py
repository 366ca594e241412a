"""Ceilings on what one input may cost to read, so a hostile file fails fast instead of
taking minutes and gigabytes (a 0.9 MB DOCX that unzipped to 300 MB took 68 s and 4.6 GB).

The defaults pass any real document; past one, reading stops with one line naming the limit
and how to raise it (``--limit NAME=VALUE`` on the command line, ``Limits(...)`` in Python).
Imports no other stage.

    >>> Limits().pdf_pages
    10000
    >>> parse_limit("html-size=64M", Limits()).html_bytes == 64 * 2**20
    True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from numbers import Integral, Real

from stmtdiff.errors import StmtdiffError

MiB = 2**20


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one input may hold or take.

    - ``docx_expanded_bytes``: the XML parts of a DOCX (its text, styles, notes), unzipped.
      128 MiB holds thousands of pages; pictures and other binary parts are never unzipped.
    - ``pdf_pages``: pages of a PDF (10,000).
    - ``pdf_content_bytes``: the drawing instructions of all pages together, decompressed
      (256 MiB: a text page holds 5-30 KB, so 10,000 real pages pass; pypdf reads about a
      megabyte a second, so a file at the limit takes minutes: lower it for untrusted files).
    - ``html_bytes``: size of a web page (20 MiB). The HTML extractor's time grows faster than
      the page (measured: 1 MB of paragraphs 3.5 s, 10 MB 124 s), so a page near the limit
      takes minutes.
    - ``url_bytes``: body of a downloaded document (100 MiB).
    - ``url_seconds``: the whole download of one URL, connection, headers and body (60 s).
    """

    docx_expanded_bytes: int = 128 * MiB
    pdf_pages: int = 10_000
    pdf_content_bytes: int = 256 * MiB
    html_bytes: int = 20 * MiB
    url_bytes: int = 100 * MiB
    url_seconds: float = 60.0


# The command line's names for the fields, and whether the value is a size (K, M, G suffixes).
LIMIT_NAMES = {
    "docx-expanded": ("docx_expanded_bytes", True),
    "pdf-pages": ("pdf_pages", False),
    "pdf-content": ("pdf_content_bytes", True),
    "html-size": ("html_bytes", True),
    "url-size": ("url_bytes", True),
    "url-seconds": ("url_seconds", False),
}
_SIZE = re.compile(r"(\d+)\s*([kKmMgG]?)(?:i?[bB])?")
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
_LARGEST = 2**62  # far past any real input, and still a C long for every library


def checked_limits(limits: Limits | None = None) -> Limits:
    """``limits`` (or the defaults) after checking every value is a positive number."""
    if limits is None:
        return Limits()
    if not isinstance(limits, Limits):
        raise StmtdiffError(f"limits must be a stmtdiff.Limits, not {limits!r}")
    for field in fields(Limits):
        value = getattr(limits, field.name)
        if field.name == "url_seconds":
            ok = isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value) and value > 0
            if not ok:
                raise StmtdiffError(f"url_seconds must be a positive number of seconds, not {value!r}")
        elif isinstance(value, bool) or not isinstance(value, Integral) or not 1 <= value <= _LARGEST:
            raise StmtdiffError(f"{field.name} must be a whole number from 1 to {_LARGEST}, not {value!r}")
    return limits


def parse_limit(setting: str, limits: Limits) -> Limits:
    """``limits`` with one ``NAME=VALUE`` setting applied (the ``--limit`` option).

    Sizes take a K, M or G suffix (powers of 1024): ``docx-expanded=1G``, ``pdf-pages=50000``.
    """
    name, equals, value = setting.partition("=")
    name, value = name.strip().lower(), value.strip()
    if not equals or name not in LIMIT_NAMES:
        raise StmtdiffError(f"--limit takes NAME=VALUE with NAME one of {', '.join(LIMIT_NAMES)}, not {setting!r}")
    field, is_size = LIMIT_NAMES[name]
    number: float
    if is_size:
        match = _SIZE.fullmatch(value)
        if match is None:
            raise StmtdiffError(f"--limit {name} takes a size such as 500M or 2G, not {value!r}")
        number = int(match.group(1)) * _UNITS[match.group(2).lower()]
    elif field == "url_seconds":
        try:
            number = float(value)
        except ValueError:
            raise StmtdiffError(f"--limit {name} takes a number of seconds, not {value!r}") from None
    else:
        if not value.isdigit():
            raise StmtdiffError(f"--limit {name} takes a whole number, not {value!r}")
        number = int(value)
    return checked_limits(replace(limits, **{field: number}))


def limit_hint(name: str) -> str:
    """How to raise one limit, for the message that says it was reached."""
    return f"raise it with --limit {name}=... (Python: stmtdiff.Limits)"

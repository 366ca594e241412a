#!/usr/bin/env python3
"""Fuzz stmtdiff: ``compare()`` with random texts and options, and the command line on random
bytes, checking the promises the README makes on every input.

    python fuzz/stmtdiff_fuzz.py --seconds 60          # atheris if installed, else hypothesis
    python fuzz/stmtdiff_fuzz.py --seconds 60 --engine hypothesis
    python fuzz/stmtdiff_fuzz.py --replay fuzz/crashes/crash-...   # one input again

One input (bytes) drives one case: its first byte picks ``compare()`` or the command line,
the rest is read by ``Draw`` as texts, file bytes and options. The same bytes give the same
case under either engine: atheris (libFuzzer, coverage-guided) mutates them, hypothesis draws
them at random and shrinks a failure. Invariants (a failure raises ``AssertionError``):

- no exception but ``StmtdiffError`` from the library; exit status 0, 1 or 2 from the
  command line, and on 2 exactly one ``stmtdiff: error:`` line that is not an internal error;
- the JSON is valid against ``stmtdiff/schema.json`` and rebuilds both inputs exactly (the
  texts, and a text file's bytes in its recorded encoding);
- every unit is in exactly one pair; every non-space character in exactly one unit; each
  pair's edits rebuild its spans;
- "identical" only when the texts hold the same non-space characters (no ignore options);
- the text and Markdown reports write no raw control character; the HTML report none but the
  document's own layout (line breaks, tab, form feed, which the page lays out as text).

``make fuzz`` runs it for ``FUZZ_SECONDS``; ``make test`` for a short bounded time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAX_LEN = 4096  # bytes per input: enough for a few paragraphs and every option

# --- reading a case out of bytes -------------------------------------------------------------

WORDS = (
    "the delegations met in Astana and agreed to expand cooperation on critical minerals energy "
    "security trade will shall may not never must U.S. Kazakhstan 2024 30% $5 million May "
    "colour color organise organize towards toward e-mail email co-operation cooperation"
).split()
PIECES = [
    " ", "  ", "\n", "\r\n", "\n\n", "\t", "\u00a0", "\u2028", "\u3000", ". ", "? ", "! ", "; ", ": ",
    ", ", "…", "“", "”", "'", "’", "(", ")", "- ", "—", "1.", "(a)", "Mr. ", "e.g. ", "\x1b[31m", "\x07",
    "\x9b", "\u202e", "\u200b", "\u00ad", "\ufeff", "é", "e\u0301", "ﬁ", "İ", "ß", "日本語", "שלום", "😀",
    "<p>", "&amp;", "Page 3", "- 4 -", "http://x.org/a-b-c-d", "Share this", "Comments (0)",
]
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32", "ascii", "shift_jis", "rot13", "nope")
EXTENSIONS = (".txt", ".txt", ".txt", ".md", ".html", ".docx", ".pdf", "")


class Draw:
    """Values read one after another from fuzz bytes; past their end every read is 0."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        value = self.data[self.pos] if self.pos < len(self.data) else 0
        self.pos += 1
        return value

    def int(self, lo: int, hi: int) -> int:
        span = hi - lo + 1
        value = self.byte()
        if span > 256:
            value = value << 8 | self.byte()
        return lo + value % span

    def flag(self) -> bool:
        return self.byte() & 1 == 1

    def choice(self, items: Any) -> Any:
        return items[self.int(0, len(items) - 1)]

    def blob(self, most: int) -> bytes:
        size = min(self.int(0, most), max(0, len(self.data) - self.pos))
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out

    def char(self) -> str:
        code = self.int(0, 0xFFFF) if self.flag() else self.int(0, 0x2FFF)
        return chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd"

    def text(self, pieces: int) -> str:
        out = []
        for _ in range(self.int(0, pieces)):
            kind = self.int(0, 9)
            if kind < 5:
                word = self.choice(WORDS)
                out.append(word.capitalize() if self.flag() else word)
            elif kind < 8:
                out.append(self.choice(PIECES))
            else:
                out.append(self.char())
            if kind < 5:
                out.append(" ")
        return "".join(out)

    def edited(self, text: str) -> str:
        """``text`` with a few words replaced, dropped, added or moved: a second version."""
        parts = re.split(r"(\s+)", text)
        for _ in range(self.int(0, 6)):
            if not parts:
                break
            k = self.int(0, len(parts) - 1)
            action = self.int(0, 3)
            if action == 0:
                parts[k] = self.choice(WORDS)
            elif action == 1:
                del parts[k]
            elif action == 2:
                parts.insert(k, self.text(3))
            else:
                parts.insert(self.int(0, len(parts) - 1), parts.pop(k))
        return "".join(parts)


def comparison_options(draw: Draw) -> dict[str, Any]:
    options: dict[str, Any] = {"units": draw.choice(("sentences", "lines", "paragraphs", "clauses"))}
    if draw.flag():
        options["threshold"] = draw.choice((0.0, 1.0, 0.35, draw.int(0, 1000) / 1000))
    if draw.flag():
        options["max_group"] = draw.int(1, 10)
    for name in ("ignore_case", "ignore_punctuation", "ignore_whitespace"):
        if draw.byte() < 40:
            options[name] = True
    if draw.byte() < 40:
        options["watch"] = [draw.choice(WORDS) for _ in range(draw.int(1, 3))]
    if draw.byte() < 30:
        options["ignore_classes"] = [draw.choice(("formatting", "spelling", "wording", "substantive"))]
    return options


# --- the invariants ------------------------------------------------------------------------

_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The HTML page writes a document's layout (line breaks, tab, form feed, separators) as text.
_RAW_CONTROL_HTML = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_validator: Any = None


def schema_validator() -> Any:
    global _validator
    if _validator is None:
        import jsonschema

        import stmtdiff

        schema = json.loads((Path(stmtdiff.__file__).parent / "schema.json").read_text(encoding="utf-8"))
        _validator = jsonschema.Draft202012Validator(schema)
    return _validator


def check_json(data: dict[str, Any], texts: dict[str, str] | None = None) -> None:
    """Schema-valid, both texts rebuilt, every unit in one pair, spans rebuilt by the edits."""
    errors = list(schema_validator().iter_errors(data))
    assert not errors, f"JSON not valid against the schema: {errors[0].message}"
    for side in "ab":
        doc = data[side]
        text = doc["text"]
        if texts is not None:
            assert text == texts[side], f"{side}.text is not the input"
        assert doc["length"] == len(text)
        covered = bytearray(len(text))
        for unit in doc["sentences"]:
            assert text[unit["start"] : unit["end"]] == unit["text"], f"{side}: a unit's text is not at its offsets"
            assert not any(covered[unit["start"] : unit["end"]]), f"{side}: units overlap"
            covered[unit["start"] : unit["end"]] = b"\1" * (unit["end"] - unit["start"])
        assert all(covered[k] or text[k].isspace() for k in range(len(text))), f"{side}: text outside every unit"
        owners = sorted(i for pair in data["pairs"] for i in pair[side])
        assert owners == list(range(len(doc["sentences"]))), f"{side}: a unit is in no pair or in two"
    for pair in data["pairs"]:
        for side, other in (("a", "insert"), ("b", "delete")):
            if pair[side]:
                units = data[side]["sentences"]
                first, last = units[pair[side][0]], units[pair[side][-1]]
                rebuilt = "".join(edit["text"] for edit in pair["edits"] if edit["op"] != other)
                assert rebuilt == data[side]["text"][first["start"] : last["end"]], f"{side}: edits do not rebuild"


def check_compare(draw: Draw) -> None:
    import stmtdiff
    from stmtdiff.report.html import render_html
    from stmtdiff.report.json import render_json
    from stmtdiff.report.markdown import render_markdown
    from stmtdiff.report.text import RenderOptions, render_text

    a = draw.text(60)
    b = draw.edited(a) if draw.flag() else draw.text(60)
    options = comparison_options(draw)
    try:
        c = stmtdiff.compare(a, b, **options)
    except stmtdiff.StmtdiffError:
        return
    check_json(json.loads(render_json(c)), {"a": a, "b": b})
    ignoring = any(options.get(k) for k in ("ignore_case", "ignore_punctuation", "ignore_whitespace", "ignore_classes"))
    if c.summary.identical and not ignoring:
        assert "".join(a.split()) == "".join(b.split()), "identical, but the texts differ"
    render = RenderOptions(width=draw.int(20, 200), context=draw.int(0, 3), side_by_side=draw.flag(), show_all=draw.flag())
    for report in (render_text(c, render), render_markdown(c, render)):
        found = _RAW_CONTROL.search(report)
        assert found is None, f"a raw control character {found.group()!r} in a report" if found else ""
    found = _RAW_CONTROL_HTML.search(render_html(c))
    assert found is None, f"a raw control character {found.group()!r} in the HTML report" if found else ""


def check_cli(draw: Draw) -> None:
    from click.testing import CliRunner

    from stmtdiff.cli import cli

    raw = {side: draw.blob(1500) if draw.flag() else draw.text(40).encode("utf-8") for side in "ab"}
    if draw.flag():
        raw["b"] = draw.edited(raw["a"].decode("utf-8", "replace")).encode("utf-8")
    args: list[str] = ["diff"]
    fmt = draw.choice(("json", "json", "text", "markdown", "html"))
    args += ["--format", fmt, "--units", draw.choice(("sentences", "lines", "paragraphs", "clauses"))]
    if draw.byte() < 30:
        args += ["--encoding", draw.choice(ENCODINGS)]
    if draw.byte() < 30:
        args += ["--from", draw.choice(("text", "html", "docx", "pdf"))]
    for flag in ("--ignore-case", "--ignore-punctuation", "--ignore-whitespace", "-y", "--stat", "--all"):
        if draw.byte() < 25:
            args.append(flag)
    if draw.byte() < 30:
        args += ["--context", str(draw.int(0, 5)), "--width", str(draw.int(20, 300))]
    with tempfile.TemporaryDirectory(prefix="stmtdiff-fuzz-") as folder:
        paths = {}
        for side in "ab":
            path = Path(folder) / f"{side}{draw.choice(EXTENSIONS)}"
            path.write_bytes(raw[side])
            paths[side] = str(path)
        result = CliRunner().invoke(cli, [*args, paths["a"], paths["b"]], env={"NO_COLOR": "", "COLUMNS": "100"})
    assert result.exit_code in (0, 1, 2), f"exit status {result.exit_code}: {result.stderr[-300:]}"
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("stmtdiff: error: "), f"not one error line: {result.stderr!r}"
        assert "internal error" not in lines[0], lines[0]
        assert _RAW_CONTROL.search(lines[0]) is None, f"a raw control character in {lines[0]!r}"
        return
    assert result.stderr == "", f"stderr on success: {result.stderr!r}"
    if fmt == "json":
        data = json.loads(result.stdout_bytes)
        check_json(data)
        for side in "ab":
            source = data[side]["source"]
            if source["kind"] == "text":
                assert _rebuilt(raw[side], data[side]["text"], source["encoding"]), f"{side}: bytes not rebuilt"
    elif fmt in ("text", "markdown", "html"):
        found = (_RAW_CONTROL_HTML if fmt == "html" else _RAW_CONTROL).search(result.stdout)
        assert found is None, f"a raw control character {found.group()!r} in the {fmt} report" if found else ""


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")


def _unmarked(data: bytes) -> bytes:
    for bom in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def _rebuilt(raw: bytes, text: str, encoding: str) -> bool:
    """Whether a text file's bytes come back from its JSON text and recorded encoding. The
    one thing the text leaves out is a UTF-16 or UTF-32 byte order mark (the README says so);
    "utf-8-sig" writes its mark back, and "utf-16"/"utf-32" write one whether the file had it
    or not."""
    encoded = text.encode(encoding)
    if encoding in ("utf-16", "utf-32"):
        return _unmarked(raw) == _unmarked(encoded)
    if encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return _unmarked(raw) == encoded
    return raw == encoded


def one_input(data: bytes) -> None:
    """The fuzz target: one case from one input."""
    draw = Draw(data)
    (check_cli if draw.byte() % 4 == 0 else check_compare)(draw)


# --- engines -------------------------------------------------------------------------------


def run_atheris(seconds: float, corpus: Path, crashes: Path) -> int:
    import atheris

    with atheris.instrument_imports(include=["stmtdiff"]):
        import stmtdiff.cli  # noqa: F401  (everything the cases reach, instrumented)
        import stmtdiff.report.html  # noqa: F401
        import stmtdiff.report.markdown  # noqa: F401
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={max(1, int(seconds))}",
        f"-max_len={MAX_LEN}",
        "-len_control=0",  # long inputs from the start: long texts are where the trouble was
        "-timeout=60",  # one case past a minute is a hang
        "-rss_limit_mb=3072",
        f"-artifact_prefix={crashes}/",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time ran out with no failure
    return 0


def run_hypothesis(seconds: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    batch = 100

    @settings(max_examples=batch, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=MAX_LEN))
    def fuzz(data: bytes) -> None:
        one_input(data)

    started = time.monotonic()
    runs = 0
    while time.monotonic() - started < seconds:
        fuzz()
        runs += batch
    print(f"hypothesis: {runs} cases in {time.monotonic() - started:.0f} s, no failure", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", 60)))
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--corpus", type=Path, default=ROOT / "fuzz" / "corpus")
    parser.add_argument("--crashes", type=Path, default=ROOT / "fuzz" / "crashes")
    parser.add_argument("--replay", type=Path, nargs="*", help="run these inputs once each and stop")
    args = parser.parse_args()
    os.environ.setdefault("STMTDIFF_WORKERS", "1")  # cases are small; a fork per case would only cost
    if args.replay:
        for path in args.replay:
            one_input(path.read_bytes())
            print(f"{path}: passes")
        return 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "hypothesis"
            print("atheris is not installed (pip install 'stmtdiff[fuzz]'): hypothesis drives the target", file=sys.stderr)
        else:
            engine = "atheris"
    return run_atheris(args.seconds, args.corpus, args.crashes) if engine == "atheris" else run_hypothesis(args.seconds)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

"""One timed run, in its own process (started by ``_common.measure``); prints one JSON line.

    _worker.py stmtdiff A B --units lines --format json|html|none [--out FILE]
    _worker.py seqmatcher A B          difflib.SequenceMatcher over whitespace-split words
    _worker.py htmldiff A B OUT        difflib.HtmlDiff().make_file over lines
    _worker.py redlines A B OUT        redlines.Redlines(a, b).output_markdown
    _worker.py dmp A B                 pure-Python diff-match-patch, whole text, word mode

``seconds`` runs from before the tool's import to its output written (interpreter start
excluded). ``peak_mib`` is ``ru_maxrss`` of this process; ``_common.measure`` replaces it with
GNU time's figure when it can (see there why). External tools are run by ``measure`` directly.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time

T0 = time.perf_counter()


def rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux: KiB


def read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def run_stmtdiff(argv: list[str]) -> dict:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--units", default="sentences")
    ap.add_argument("--format", default="json", choices=["json", "html", "none"])
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    import stmtdiff

    t_import = time.perf_counter()
    c = stmtdiff.compare_files(args.a, args.b, units=args.units)
    t_compare = time.perf_counter()
    text = ""
    if args.format == "json":  # streamed, as the command line writes it
        import io

        from stmtdiff.report.json import write_json

        sink = open(args.out, "w", encoding="utf-8", newline="") if args.out else io.StringIO()
        with sink:
            write_json(c, sink)
        args.out = None
    elif args.format == "html":
        from stmtdiff.report.html import render_html

        text = render_html(c)
    t_render = time.perf_counter()
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    t_end = time.perf_counter()
    s = c.summary
    return {
        "seconds": t_end - t0,
        "import_s": t_import - t0,
        "compare_s": t_compare - t_import,
        "render_s": t_render - t_compare,
        "write_s": t_end - t_render,
        "output_bytes": len(text.encode("utf-8")),
        "notes": list(c.notes),
        "a_units": len(c.a.sentences),
        "b_units": len(c.b.sentences),
        "pairs": len(c.pairs),
        "summary": {k: getattr(s, k) for k in ("equal", "changed", "moved", "deleted", "inserted", "similarity")},
    }


def run_seqmatcher(a: str, b: str) -> dict:
    t0 = time.perf_counter()
    import difflib

    wa, wb = read(a).split(), read(b).split()
    # Default arguments (autojunk=True), as a user would call it.
    ops = difflib.SequenceMatcher(None, wa, wb).get_opcodes()
    return {"seconds": time.perf_counter() - t0, "opcodes": len(ops)}


def run_htmldiff(a: str, b: str, out: str) -> dict:
    t0 = time.perf_counter()
    import difflib

    page = difflib.HtmlDiff().make_file(read(a).splitlines(), read(b).splitlines(), "a", "b")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(page)
    return {"seconds": time.perf_counter() - t0, "output_bytes": len(page)}


def run_redlines(a: str, b: str, out: str) -> dict:
    t0 = time.perf_counter()
    from redlines import Redlines

    md = Redlines(read(a), read(b)).output_markdown
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(md)
    return {"seconds": time.perf_counter() - t0, "output_bytes": len(md)}


def run_dmp(a: str, b: str) -> dict:
    """diff-match-patch in word mode: each distinct word (with its trailing spaces) becomes one
    character, the diff runs on those strings (Diff_Timeout = 0: exact, as stmtdiff uses it)."""
    t0 = time.perf_counter()
    from diff_match_patch import diff_match_patch

    token = re.compile(r"\S+\s*|\s+")  # a word with the spaces after it
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in token.findall(text):
            ch = table.get(tok)
            if ch is None:
                ch = chr(len(words) + 0xE000 if len(words) < 0x1900 else len(words) + 0x10000)
                table[tok] = ch
                words.append(tok)
            out.append(ch)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    ea, eb = encode(read(a)), encode(read(b))
    diffs = dmp.diff_main(ea, eb, False)
    return {"seconds": time.perf_counter() - t0, "diffs": len(diffs), "distinct_tokens": len(words)}


def main() -> None:
    task, rest = sys.argv[1], sys.argv[2:]
    if task == "stmtdiff":
        report = run_stmtdiff(rest)
    elif task == "seqmatcher":
        report = run_seqmatcher(*rest)
    elif task == "htmldiff":
        report = run_htmldiff(*rest)
    elif task == "redlines":
        report = run_redlines(*rest)
    elif task == "dmp":
        report = run_dmp(*rest)
    else:
        raise SystemExit(f"unknown task {task}")
    report.setdefault("peak_mib", rss_mib())
    report["status"] = "ok"
    print(json.dumps(report))


if __name__ == "__main__":
    main()

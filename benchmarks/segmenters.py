#!/usr/bin/env python3
"""Sentence segmenters compared on the multilingual development data (issue 16).

For every raw-mode case of ``../shared/data/dev-multilingual`` (one paragraph per chapter, verses
run together) each segmenter cuts both texts into units, and this script reports per language:

* ``verse ends found``: the share of verse ends that are also unit ends (recall of boundaries);
* ``unit ends on verses``: the share of unit ends that fall on a verse end (precision);
* ``gold F1``: the gold alignment carried onto the units, scored with the shared ``score.py``
  (what an aligner that knew the answer would score on those units: the ceiling that
  ``align_quality.py`` prints as "gold F1");
* ``paragraph units``: raw cases whose text came out as one unit per paragraph;
* seconds for all cases of the language.

Segmenters: stmtdiff's own rules, ``sentencex`` (Wikimedia), ``pysbd`` and ICU's sentence
BreakIterator (PyICU). A library that is not installed is left out with a note. Every library
gets one paragraph at a time (stmtdiff's newline pass, the part the notes show matters most for
all of them) and the language of the case; offsets are recovered exactly (ICU counts UTF-16 code
units, pysbd returns strings, which are found again moving forward).

    .venv/bin/python benchmarks/segmenters.py --data ../shared/data/dev-multilingual [--json FILE]

The libraries are not stmtdiff dependencies: install them into the virtualenv to compare
(``pip install sentencex pysbd pyicu``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, gold_on_spans, load_score, machine, table, write_json  # noqa: E402

Span = tuple[int, int]
Splitter = Callable[[str, str], list[Span]]


def _stripped(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def per_paragraph(split: Callable[[str, str], list[Span]]) -> Splitter:
    """Run ``split`` on each paragraph (line) alone, offsets shifted back into the whole text."""
    from stmtdiff.segment import line_spans

    def run(text: str, lang: str) -> list[Span]:
        spans: list[Span] = []
        for lo, hi in line_spans(text):
            for s, e in split(text[lo:hi], lang):
                span = _stripped(text, lo + s, lo + e)
                if span:
                    spans.append(span)
        return spans

    return run


def stmtdiff_splitter() -> Splitter:
    from stmtdiff.segment import sentence_spans

    return lambda text, lang: sentence_spans(text)


def sentencex_splitter() -> Splitter:
    import sentencex

    def split(text: str, lang: str) -> list[Span]:
        return [(b["start_index"], b["end_index"]) for b in sentencex.get_sentence_boundaries(lang, text)]

    return per_paragraph(split)


def pysbd_splitter() -> Splitter:
    import pysbd

    supported = set(pysbd.languages.LANGUAGE_CODES)
    segmenters: dict[str, Any] = {}

    def split(text: str, lang: str) -> list[Span]:
        code = lang if lang in supported else "en"
        seg = segmenters.setdefault(code, pysbd.Segmenter(language=code, clean=False))
        spans, pos = [], 0
        for piece in seg.segment(text):
            piece = piece.strip()
            if not piece:
                continue
            at = text.find(piece, pos)
            if at < 0:  # pysbd changed the text: keep what it covered so far
                continue
            spans.append((at, at + len(piece)))
            pos = at + len(piece)
        return spans

    return per_paragraph(split)


def icu_splitter() -> Splitter:
    import icu

    def split(text: str, lang: str) -> list[Span]:
        breaker = icu.BreakIterator.createSentenceInstance(icu.Locale(lang))
        breaker.setText(text)
        # ICU counts UTF-16 code units: map them back to Python str indices
        index_of, units = {}, 0
        for i, ch in enumerate(text):
            index_of[units] = i
            units += 2 if ord(ch) > 0xFFFF else 1
        index_of[units] = len(text)
        spans, prev = [], 0
        for boundary in breaker:
            end = index_of[boundary]
            spans.append((prev, end))
            prev = end
        return spans

    return per_paragraph(split)


SEGMENTERS: dict[str, Callable[[], Splitter]] = {
    "stmtdiff": stmtdiff_splitter,
    "sentencex": sentencex_splitter,
    "pysbd": pysbd_splitter,
    "ICU": icu_splitter,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev-multilingual folder (default ../shared/data/dev-multilingual)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--only", metavar="NAME", action="append", help="only these segmenters (repeatable)")
    args = ap.parse_args()
    data = data_dir(args.data or str(Path(__file__).resolve().parent.parent.parent / "shared/data/dev-multilingual"))
    score_mod = load_score(data)
    splitters: dict[str, Splitter] = {}
    for name, make in SEGMENTERS.items():
        if args.only and name not in args.only:
            continue
        try:
            splitters[name] = make()
        except ImportError as error:
            print(f"  {name}: not installed ({error.name}), left out", file=sys.stderr)

    cases = sorted(p for p in (data / "cases").iterdir() if (p / "raw" / "gold.json").is_file())
    cells: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with tempfile.TemporaryDirectory(prefix="stmtdiff-seg-") as tmp:
        out = Path(tmp) / "out.json"
        for case in cases:
            gold_path = case / "raw" / "gold.json"
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            lang = gold.get("lang", "en")
            texts = [(case / "raw" / gold[side]["file"]).read_text(encoding="utf-8") for side in "ab"]
            for name, split in splitters.items():
                cell = cells[lang, name]
                t0 = time.perf_counter()
                spans = [split(text, lang) for text in texts]
                cell["time"] += time.perf_counter() - t0
                for side, text, units in zip("ab", texts, spans):
                    verse_ends = {e for _, e, _ in gold[side]["units"]}
                    unit_ends = {e for _, e in units}
                    cell["verse_ends"] += len(verse_ends)
                    cell["units"] += len(unit_ends)
                    cell["hits"] += len(verse_ends & unit_ends)
                    paragraphs = sum(1 for line in text.splitlines() if line.strip())
                    cell["paragraph_units"] += len(units) <= paragraphs
                for key, value in gold_on_spans(score_mod, gold_path, spans[0], spans[1], out).items():
                    cell[key] += value
    rows = []
    results = []
    for (lang, name), c in sorted(cells.items(), key=lambda kv: (kv[0][0], list(splitters).index(kv[0][1]))):
        recall = c["hits"] / c["verse_ends"] if c["verse_ends"] else 0.0
        precision = c["hits"] / c["units"] if c["units"] else 0.0
        p = c["tp"] / c["pred"] if c["pred"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append([lang, name, int(c["units"]), f"{recall:.3f}", f"{precision:.3f}", f"{f1:.3f}",
                     int(c["paragraph_units"]), f"{c['time']:.3f}"])
        results.append(dict(lang=lang, segmenter=name, units=c["units"], verse_ends_found=recall,
                            unit_ends_on_verses=precision, gold_f1=f1, paragraph_units=c["paragraph_units"],
                            seconds=c["time"]))
    print(f"Sentence segmenters on the raw cases of {data} (both sides of each case)")
    print(table(["lang", "segmenter", "units", "verse ends found", "unit ends on verses", "gold F1",
                 "paragraph units", "seconds"], rows, right={2, 3, 4, 5, 6, 7}))
    write_json(args.json, {"machine": machine(), "data": str(data), "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())

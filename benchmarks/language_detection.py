#!/usr/bin/env python3
"""Language detection: stmtdiff's script + function-word method against libraries (issue 16).

Texts: both sides of every case of ``../shared/data/dev-multilingual`` (raw mode, whole chapters,
language from ``gold.json``), the English raw dev texts and the seed statements, each whole and
cut to its first 300 and first 60 characters (a short statement, a headline). Libraries that are
not installed are left out with a note (``pip install lingua-language-detector langdetect
py3langid`` to compare). Prints accuracy per text length and the milliseconds per text.

    .venv/bin/python benchmarks/language_detection.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, machine, table, write_json  # noqa: E402

Detector = Callable[[str], "str | None"]
LENGTHS = [("whole", None), ("300 chars", 300), ("60 chars", 60)]


def texts() -> list[tuple[str, str]]:
    """(language, text) pairs of the development data and the seeds."""
    shared = REPO.parent / "shared"
    found = []
    for gold_path in sorted((shared / "data" / "dev-multilingual" / "cases").glob("*/raw/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for side in "ab":
            found.append((gold["lang"], (gold_path.parent / gold[side]["file"]).read_text(encoding="utf-8")))
    for path in sorted((shared / "data" / "dev" / "cases").glob("*-narrative/raw/a.txt")):
        found.append(("en", path.read_text(encoding="utf-8")))
    for path in sorted((REPO / "seeds").glob("*.txt")):
        found.append(("en", path.read_text(encoding="utf-8")))
    return found


def detectors() -> dict[str, Detector]:
    from stmtdiff.languages.detect import detect_language

    found: dict[str, Detector] = {"stmtdiff": detect_language}
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def by_lingua(text: str) -> str | None:
            language = lingua.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else None

        found["lingua"] = by_lingua
    except ImportError:
        print("  lingua: not installed, left out", file=sys.stderr)
    try:
        import langdetect

        langdetect.DetectorFactory.seed = 0

        def by_langdetect(text: str) -> str | None:
            try:
                return langdetect.detect(text).split("-")[0]
            except langdetect.LangDetectException:
                return None

        found["langdetect"] = by_langdetect
    except ImportError:
        print("  langdetect: not installed, left out", file=sys.stderr)
    try:
        import py3langid

        found["py3langid"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        print("  py3langid: not installed, left out", file=sys.stderr)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    samples = texts()
    rows, results = [], []
    for name, detect in detectors().items():
        detect("warm up: load the models and lists before timing")
        row = [name]
        for label, cut in LENGTHS:
            right, wrong, t0 = 0, [], time.perf_counter()
            for language, text in samples:
                guess = detect(text[:cut] if cut else text)
                if guess == language:
                    right += 1
                else:
                    wrong.append(f"{language}->{guess}")
            ms = 1000 * (time.perf_counter() - t0) / len(samples)
            row += [f"{right}/{len(samples)}", f"{ms:.1f}"]
            results.append(dict(detector=name, length=label, right=right, texts=len(samples), ms_per_text=ms,
                                wrong=wrong))
            if wrong:
                print(f"  {name} {label}: {', '.join(sorted(set(wrong)))}", file=sys.stderr)
        rows.append(row)
    headers = ["detector"] + [h for label, _ in LENGTHS for h in (label, "ms")]
    print(f"Language detection on {len(samples)} development texts (7 languages + English)")
    print(table(headers, rows, right=set(range(1, len(headers)))))
    write_json(args.json, {"machine": machine(), "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())

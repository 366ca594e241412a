#!/usr/bin/env python3
"""Pathological inputs (issue 7 item 3): does stmtdiff finish in bounded time and memory, and
does it say which shortcut it took?

Generated in a temporary folder (units = sentences, compare + JSON, one fresh process each,
killed after ``--timeout`` seconds, address space limited to ``--mem-limit`` MiB):

- ``identical-100k``: 100,000 copies of one sentence vs the same with 5 sentences changed,
  2 deleted and 2 inserted (every sentence of A has 100,000 exact twins in B).
- ``one-sentence-250k`` / ``one-sentence-1M``: one sentence of 0.25 MB / 1 MB of words
  without punctuation or line breaks vs a copy with 1 word in 1,000 substituted, plus a few
  insertions and deletions. The pair shows whether a stage is quadratic in one sentence's
  length (time ratio 1M / 250k: about 4 if linear, 16 if quadratic).
- ``one-token-1M``: a sentence around one 1 MB token (a hex dump: no spaces, no punctuation)
  vs the same with 1 character in 10,000 changed. Every stage must be linear in one token's
  length (issue 15: a spelling rule's pattern was quadratic; 40,000 letters took 10 s);
  target: under 2 s.
- ``unrelated-10M``: the Bible (the dev ``large-light-bible`` raw A file) repeated to ~10 MB vs
  ~10 MB of the heavy case's B words in shuffled order (nothing to align).

Prints one table (time, peak memory, sentences, pairs by status) and the ``notes`` each
comparison reports (``Comparison.notes``: the shortcuts it took). A timeout is reported, not
raised: it means the stage is unbounded on that input.

    .venv/bin/python benchmarks/pathological.py --data ../shared/data/dev [--json FILE]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, machine, measure, table, write_json  # noqa: E402

SENTENCE = "The two sides reaffirmed their commitment to the partnership."


def identical(tmp: Path) -> tuple[Path, Path]:
    n = 100_000
    a = [SENTENCE] * n
    b = list(a)
    for i, k in enumerate((10_000, 30_000, 50_000, 70_000, 95_000)):
        b[k] = SENTENCE.replace("two sides", f"{['three', 'four', 'five', 'six', 'seven'][i]} sides")
    del b[80_000]
    del b[20_000]
    b.insert(60_000, "An unrelated sentence was added here.")
    b.insert(90_000, "Another new sentence closes the gap.")
    return write(tmp, "identical-100k", " ".join(a) + "\n", " ".join(b) + "\n")


def vocabulary(data: Path) -> list[str]:
    text = (data / "cases" / "large-light-bible" / "raw" / "a.txt").read_text(encoding="utf-8")
    return sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text[:2_000_000])})


def one_sentence(tmp: Path, vocab: list[str], size: int, name: str) -> tuple[Path, Path]:
    rng = random.Random(size)
    words: list[str] = []
    length = 0
    while length < size:
        w = rng.choice(vocab)
        words.append(w)
        length += len(w) + 1
    b = list(words)
    for k in range(0, len(b), 1000):
        b[k + rng.randrange(min(1000, len(b) - k))] = rng.choice(vocab)
    for _ in range(5):
        del b[rng.randrange(len(b))]
        b.insert(rng.randrange(len(b)), "inserted words here")
    return write(tmp, name, " ".join(words) + "\n", " ".join(b) + "\n")


def one_token(tmp: Path, size: int, name: str) -> tuple[Path, Path]:
    rng = random.Random(size)
    token = "".join(rng.choice("0123456789abcdef") for _ in range(size))
    changed = list(token)
    for k in range(0, size, 10_000):
        changed[k + rng.randrange(min(10_000, size - k))] = "x"
    return write(tmp, name, f"The dump reads {token} in full.\n", f"The dump reads {''.join(changed)} in full.\n")


def unrelated(tmp: Path, data: Path) -> tuple[Path, Path]:
    size = 10_000_000
    bible = (data / "cases" / "large-light-bible" / "raw" / "a.txt").read_text(encoding="utf-8")
    a = (bible * (size // len(bible) + 1))[:size]
    a = a[: a.rfind(". ") + 1] + "\n"
    heavy = (data / "cases" / "large-heavy-bible" / "raw" / "b.txt").read_text(encoding="utf-8").split()
    rng = random.Random(10)
    words: list[str] = []
    while sum(map(len, words)) + len(words) < size:
        chunk = list(heavy)
        rng.shuffle(chunk)
        words.extend(chunk)
    b = " ".join(words)[:size]
    b = b[: b.rfind(" ")] + "\n"
    return write(tmp, "unrelated-10M", a, b)


def write(tmp: Path, name: str, a: str, b: str) -> tuple[Path, Path]:
    pa, pb = tmp / f"{name}.a.txt", tmp / f"{name}.b.txt"
    pa.write_text(a, encoding="utf-8")
    pb.write_text(b, encoding="utf-8")
    return pa, pb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev data folder (default ../shared/data/dev from the repo root)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per run (default 120)")
    ap.add_argument("--mem-limit", type=int, default=8192, help="address-space limit per run, MiB (default 8192)")
    ap.add_argument("--only", help="comma-separated case names")
    args = ap.parse_args()
    data = data_dir(args.data)

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="stmtdiff-patho-") as tmp_name:
        tmp = Path(tmp_name)
        vocab = vocabulary(data)
        makers = {
            "identical-100k": lambda: identical(tmp),
            "one-sentence-250k": lambda: one_sentence(tmp, vocab, 250_000, "one-sentence-250k"),
            "one-sentence-1M": lambda: one_sentence(tmp, vocab, 1_000_000, "one-sentence-1M"),
            "one-token-1M": lambda: one_token(tmp, 1_000_000, "one-token-1M"),
            "unrelated-10M": lambda: unrelated(tmp, data),
        }
        wanted = set(args.only.split(",")) if args.only else set(makers)
        for name, make in makers.items():
            if name not in wanted:
                continue
            a, b = make()
            r = measure(["stmtdiff", str(a), str(b), "--units", "sentences", "--format", "json",
                         "--out", str(tmp / "out.json")], timeout=args.timeout, mem_limit_mib=args.mem_limit)
            r.update(case=name, bytes_a=a.stat().st_size, bytes_b=b.stat().st_size)
            results.append(r)
            print(f"  {name}: {r['status']} {r.get('seconds', r['wall']):.2f} s", file=sys.stderr, flush=True)
            for p in (a, b, tmp / "out.json"):
                p.unlink(missing_ok=True)

    rows = []
    for r in results:
        ok = r["status"] == "ok"
        if ok:
            s = r["summary"]
            counts = " ".join(f"{k[0]}{s[k]}" for k in ("equal", "changed", "moved", "deleted", "inserted"))
            secs = f"{r['seconds']:.2f} ({r['compare_s']:.2f} / {r['render_s']:.2f})"
        elif r["status"] == "timeout":
            counts, secs = "-", f"TIMEOUT > {args.timeout:g} s (unbounded?)"
        else:
            counts, secs = "-", f"ERROR: {r.get('error', '')[:60]}"
        rows.append([r["case"], f"{r['bytes_a'] / 1e6:.2f} / {r['bytes_b'] / 1e6:.2f}",
                     f"{r['a_units']:,} / {r['b_units']:,}" if ok else "-", secs,
                     f"{r['peak_mib']:.0f}" if ok else "-", counts, len(r.get("notes", [])) if ok else "-"])
    print("stmtdiff on pathological inputs (units sentences, compare + JSON, fresh process each)")
    print(table(["input", "MB a / b", "sentences a / b", "seconds (compare / render)", "peak MiB",
                 "pairs e/c/m/d/i", "notes"], rows, right={1, 2, 3, 4, 6}))
    by = {r["case"]: r for r in results}
    small, big = by.get("one-sentence-250k"), by.get("one-sentence-1M")
    if small and big and small["status"] == big["status"] == "ok":
        ratio = big["compare_s"] / small["compare_s"]
        print(f"\none sentence, 1 MB vs 0.25 MB: compare time x{ratio:.1f} for x4 the length "
              f"({'about linear' if ratio < 6 else 'super-linear: a stage is quadratic in one sentence'})")
    token = by.get("one-token-1M")
    if token:
        verdict = "met" if token["status"] == "ok" and token["seconds"] < 2 else "missed"
        took = f"{token['seconds']:.2f} s" if token["status"] == "ok" else token["status"]
        print(f"\none 1 MB token: {took} (target under 2 s: {verdict})")
    for r in results:
        notes = r.get("notes") or []
        empty = " (none reported)" if r["status"] == "ok" else f" ({r['status']}: no report)"
        print(f"\n{r['case']} notes:" + ("" if notes else empty))
        for n in notes:
            print(f"  - {n}")
    write_json(args.json, {"machine": machine(), "timeout": args.timeout, "mem_limit_mib": args.mem_limit,
                           "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score stmtdiff's change classes against human-labelled revisions (``../shared/data/revisions``).

Each item of the data is one sentence in two versions, tokenised (tokens joined by single
spaces), with labelled edits: half-open token spans on each side and an *intention*. stmtdiff
runs on the two sentences as they are, through its library: the word diff
(``worddiff.diff_spans``) and the classifier (``classify.classify_edits``), as for any aligned
pair of a comparison.

Matching. A labelled edit's token spans become character spans of the sentences. A stmtdiff
change *matches* the edit when its A span and the edit's sentence-1 span share at least one
character, or its B span and the edit's sentence-2 span do. The edit's predicted class is the
class of its most significant matching change (the first in document order on a tie), the one a
reader sees ranked. An edit that no change matches is predicted ``none``: it counts as "not
substantive" and is wrong in the four-way score; nothing is dropped.

Gold classes, from the data README's table: ``Content`` is substantive; ``Lang-*`` is wording;
``Format`` is formatting; ``Improve-grammar-Typo`` is spelling. The *strict* four-way accuracy
takes these as they are. The *table* accuracy follows the README's "nearest stmtdiff class"
column for grammar and typos, "spelling (a typo) or wording (grammar words, another form of a
word)": a grammar edit is also right when its change is wording with the reason "grammar words"
or "another form of the same word".

A labelled edit *touches a placeholder* when either of its spans holds a corpus placeholder
(``[MATH]``, ``[REF]``, ``[CITATION]``...); figures are given with and without those edits.

Run as a script, it prints the predictions as JSON (``classification.py --before`` runs it
with an older stmtdiff first on ``PYTHONPATH``):

    .venv/bin/python benchmarks/_revisions.py ../shared/data/revisions/dev.json
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

GOLD = {"Content": "substantive", "Format": "formatting", "Improve-grammar-Typo": "spelling"}
GRAMMAR_REASONS = ("grammar words", "another form of the same word")
CLASSES = ("substantive", "wording", "spelling", "formatting")
PLACEHOLDER = re.compile(r"\[[A-Z]+\]")


def gold_class(intention: str) -> str:
    return GOLD.get(intention, "wording")


def _char_span(tokens: Sequence[str], starts: Sequence[int], span: Sequence[int] | None) -> tuple[int, int] | None:
    if not span or span[0] >= span[1]:
        return None
    i, j = span
    return starts[i], starts[j - 1] + len(tokens[j - 1])


def _starts(tokens: Sequence[str]) -> list[int]:
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    return starts


def predict(path: Path) -> list[dict[str, Any]]:
    """One record per labelled edit (``edits-combination-0``), with stmtdiff's prediction."""
    from stmtdiff.classify import classify_edits
    from stmtdiff.worddiff import diff_spans

    items = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for key in sorted(items, key=int):
        item = items[key]
        s1, s2 = item["sentence-1"], item["sentence-2"]
        t1, t2 = s1.split(" "), s2.split(" ")
        o1, o2 = _starts(t1), _starts(t2)
        changes = classify_edits(diff_spans(s1, 0, s2, 0))
        edits = item["edits-combination-0"]
        for edit_key in sorted(edits, key=int):
            edit = edits[edit_key]
            a = _char_span(t1, o1, edit["sentence-1-token-indices"])
            b = _char_span(t2, o2, edit["sentence-2-token-indices"])
            matched = [
                c
                for c in changes
                if (a and c.a_start < a[1] and a[0] < c.a_end) or (b and c.b_start < b[1] and b[0] < c.b_end)
            ]
            best = max(matched, key=lambda c: c.significance, default=None)  # first on a tie
            a_text = s1[a[0] : a[1]] if a else ""
            b_text = s2[b[0] : b[1]] if b else ""
            records.append(
                {
                    "item": key,
                    "edit": edit_key,
                    "intention": edit["intention"],
                    "gold": gold_class(edit["intention"]),
                    "predicted": best.change_class.value if best else "none",
                    "reasons": list(best.reasons) if best else [],
                    "significance": best.significance if best else 0.0,
                    "matched": len(matched),
                    "placeholder": bool(PLACEHOLDER.search(a_text) or PLACEHOLDER.search(b_text)),
                    "a": a_text,
                    "b": b_text,
                }
            )
    return records


def _table_right(record: dict[str, Any]) -> bool:
    if record["predicted"] == record["gold"]:
        return True
    return (
        record["gold"] == "spelling"
        and record["predicted"] == "wording"
        and any(r in GRAMMAR_REASONS for r in record["reasons"])
    )


def summarize(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Substantive precision/recall/F1 (Content positive), accuracies, confusion matrix."""
    rows = list(records)
    tp = sum(r["gold"] == "substantive" and r["predicted"] == "substantive" for r in rows)
    fp = sum(r["gold"] != "substantive" and r["predicted"] == "substantive" for r in rows)
    fn = sum(r["gold"] == "substantive" and r["predicted"] != "substantive" for r in rows)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(rows)
    confusion = Counter((r["gold"], r["predicted"]) for r in rows)
    return {
        "edits": n,
        "unmatched": sum(r["predicted"] == "none" for r in rows),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": sum(r["predicted"] == r["gold"] for r in rows) / n if n else 0.0,
        "table_accuracy": sum(map(_table_right, rows)) / n if n else 0.0,
        "confusion": {f"{g}>{p}": k for (g, p), k in sorted(confusion.items())},
    }


def main(argv: list[str]) -> None:
    print(json.dumps(predict(Path(argv[0]))))


if __name__ == "__main__":
    main(sys.argv[1:])

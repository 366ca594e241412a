"""Hand-built Comparisons for the HTML report tests, so they need no aligner or classifier.

``make_comparison(a_sents, b_sents, groups)`` joins each side's sentences with one space, and
builds one Pair per ``Group``: word edits come from difflib over word tokens (a test helper may
diff; the renderer never does), changes from the (a_text, b_text, class) triples the group names,
and the Summary from the pairs. ``big_comparison(n)`` makes an n-pair comparison quickly for
the size and speed checks.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from stmtdiff.model import (
    Change,
    ChangeClass,
    Comparison,
    Document,
    Edit,
    Op,
    Pair,
    Sentence,
    Status,
    Summary,
)

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass
class Group:
    """One Pair to build: sentence indices per side, status, and what changed (as text)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    status: str = "changed"
    # (a_text, b_text, class[, significance[, reasons]]); texts are found in the group's spans
    changes: Sequence[tuple] = ()
    outside: bool = False
    moved_from: int | None = None
    similarity: float | None = None
    reason: str = field(default="")


def make_document(name: str, sentences: Sequence[str], boilerplate: Sequence[int] = ()) -> Document:
    """Sentences joined by one space, with their exact offsets."""
    parts: list[Sentence] = []
    pos = 0
    for i, s in enumerate(sentences):
        parts.append(Sentence(i, pos, pos + len(s), s, i in boilerplate))
        pos += len(s) + 1
    return Document(name=name, text=" ".join(sentences), sentences=tuple(parts))


def _span(doc: Document, idxs: Sequence[int]) -> tuple[int, int]:
    if not idxs:
        return (0, 0)
    return doc.sentences[idxs[0]].start, doc.sentences[idxs[-1]].end


def word_edits(a_text: str, a_off: int, b_text: str, b_off: int) -> tuple[Edit, ...]:
    """Word-level edits between two spans with absolute offsets (difflib; tests only)."""
    at, bt = _TOKEN.findall(a_text), _TOKEN.findall(b_text)
    apos = [0]
    for t in at:
        apos.append(apos[-1] + len(t))
    bpos = [0]
    for t in bt:
        bpos.append(bpos[-1] + len(t))
    out: list[Edit] = []
    sm = difflib.SequenceMatcher(None, at, bt, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        a0, a1, b0, b1 = a_off + apos[i1], a_off + apos[i2], b_off + bpos[j1], b_off + bpos[j2]
        if tag == "equal":
            out.append(Edit(Op.EQUAL, a0, a1, b0, b1, a_text[apos[i1] : apos[i2]]))
            continue
        if i2 > i1:
            out.append(Edit(Op.DELETE, a0, a1, b0, b0, a_text[apos[i1] : apos[i2]]))
        if j2 > j1:
            out.append(Edit(Op.INSERT, a1, a1, b0, b1, b_text[bpos[j1] : bpos[j2]]))
    return tuple(out)


def _change(spec: tuple, a: Document, b: Document, g: Group) -> Change:
    a_text, b_text, cls = spec[0], spec[1], ChangeClass(spec[2])
    sig = (
        spec[3]
        if len(spec) > 3
        else {"formatting": 0.1, "spelling": 0.2, "wording": 0.5}.get(cls.value, 0.9)
    )
    reasons = tuple(spec[4]) if len(spec) > 4 else ()
    a0, a1 = _span(a, g.a)
    b0, b1 = _span(b, g.b)
    ai = a.text.find(a_text, a0, a1) if a_text else a0
    bi = b.text.find(b_text, b0, b1) if b_text else b0
    assert ai >= 0 and bi >= 0, (a_text, b_text)
    return Change(a_text, b_text, ai, ai + len(a_text), bi, bi + len(b_text), cls, sig, reasons)


def make_comparison(
    a_sents: Sequence[str],
    b_sents: Sequence[str],
    groups: Sequence[Group],
    *,
    a_name: str = "a.txt",
    b_name: str = "b.txt",
    notes: Sequence[str] = (),
    a_boilerplate: Sequence[int] = (),
    b_boilerplate: Sequence[int] = (),
) -> Comparison:
    """A Comparison with one Pair per group, edits and Summary filled in consistently."""
    a = make_document(a_name, a_sents, a_boilerplate)
    b = make_document(b_name, b_sents, b_boilerplate)
    pairs: list[Pair] = []
    for g in groups:
        status = Status(g.status)
        a0, a1 = _span(a, g.a)
        b0, b1 = _span(b, g.b)
        changes = tuple(_change(spec, a, b, g) for spec in g.changes)
        if status is Status.DELETED:
            edits: tuple[Edit, ...] = (Edit(Op.DELETE, a0, a1, b0, b0, a.text[a0:a1]),)
            changes = changes or (
                Change(
                    a.text[a0:a1],
                    "",
                    a0,
                    a1,
                    0,
                    0,
                    ChangeClass.SUBSTANTIVE,
                    0.7,
                    ("sentence omitted",),
                ),
            )
            sim = 0.0
        elif status is Status.INSERTED:
            edits = (Edit(Op.INSERT, a0, a0, b0, b1, b.text[b0:b1]),)
            changes = changes or (
                Change(
                    "",
                    b.text[b0:b1],
                    0,
                    0,
                    b0,
                    b1,
                    ChangeClass.SUBSTANTIVE,
                    0.7,
                    ("sentence added",),
                ),
            )
            sim = 0.0
        else:
            edits = word_edits(a.text[a0:a1], a0, b.text[b0:b1], b0)
            eq = sum(len(e.text) for e in edits if e.op is Op.EQUAL)
            sim = 2 * eq / max(1, (a1 - a0) + (b1 - b0))
        pairs.append(
            Pair(
                a=tuple(g.a),
                b=tuple(g.b),
                status=status,
                similarity=g.similarity if g.similarity is not None else sim,
                outside=g.outside,
                edits=edits,
                changes=changes,
                reason=g.reason,
                moved_from=g.moved_from,
            )
        )
    return Comparison(
        a=a, b=b, pairs=tuple(pairs), summary=summarize(pairs, a, b), notes=tuple(notes)
    )


def summarize(pairs: Sequence[Pair], a: Document, b: Document) -> Summary:
    """Counts, similarity, words and the significance ranking: the engine's own summary."""
    from stmtdiff.compare import _summary

    return _summary(a, b, list(pairs))


XSS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
)


def sample_comparison(**kw: object) -> Comparison:
    """A small comparison with every kind of row: equal, changed, merged, moved, deleted,
    inserted, minor-only, boilerplate, an outside block, and notes."""
    a = [
        "Share this page.",  # 0 boilerplate, outside
        "We will work towards sustainable normal trade relations.",  # 1
        "The parties met in May.",  # 2
        "They talked at length.",  # 3  } merged
        "They agreed on little.",  # 4  }
        "Nothing else happened.",  # 5 deleted
        "A moved sentence stands here.",  # 6 moved
        "The Strategic Dialogue continues.",  # 7 minor (formatting)
    ]
    b = [
        "Comment below.",  # 0 outside, inserted
        "We will work toward permanent normal trade relations.",  # 1
        "A moved sentence stands here.",  # 2 moved (from after pair 1)
        "The parties met in May.",  # 3
        "They talked at length but agreed on little.",  # 4
        "The strategic dialogue continues.",  # 5
        "A new sentence appears.",  # 6 inserted
    ]
    groups = [
        Group((0,), (), "deleted", outside=True),
        Group((), (0,), "inserted", outside=True),
        Group(
            (1,),
            (1,),
            "changed",
            changes=[
                ("sustainable", "permanent", "substantive", 0.95, ("qualifier in a fixed term",)),
                ("towards", "toward", "spelling", 0.2, ("US/UK spelling",)),
            ],
        ),
        Group((6,), (2,), "moved", moved_from=6),
        Group((2,), (3,), "equal"),
        Group((3, 4), (4,), "changed", changes=[("length. They", "length but", "wording", 0.4)]),
        Group((5,), (), "deleted"),
        Group(
            (7,),
            (5,),
            "changed",
            changes=[("Strategic Dialogue", "strategic dialogue", "formatting", 0.05)],
        ),
        Group((), (6,), "inserted"),
    ]
    return make_comparison(
        a,
        b,
        groups,
        a_name="statement-a.txt",
        b_name="article-b.txt",
        notes=("alignment banded: 10x10 > max_cells (test note)",),
        a_boilerplate=(0,),
        b_boilerplate=(0,),
        **kw,  # type: ignore[arg-type]
    )


def xss_comparison() -> Comparison:
    """Documents, names, notes and reasons made of script-injection attempts."""
    a = ["Intro sentence one.", XSS[0] + " is here.", XSS[1] + " too.", "Plain " + XSS[2] + " end."]
    b = [
        "Intro sentence one.",
        XSS[0] + " is there.",
        XSS[1] + " also.",
        "Other " + XSS[2] + " end.",
    ]
    groups = [
        Group((0,), (0,), "equal"),
        Group((1,), (1,), "changed", changes=[("here", "there", "substantive", 0.9, (XSS[0],))]),
        Group((2,), (2,), "changed", changes=[("too", "also", "wording", 0.5, (XSS[1],))]),
        Group((3,), (3,), "changed", changes=[("Plain", "Other", "wording", 0.5, (XSS[2],))]),
    ]
    return make_comparison(a, b, groups, a_name=XSS[1] + ".txt", b_name=XSS[0], notes=(XSS[2],))


_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but "
    "have an they you were her she there been one all we their has would when if so no will more "
    "about up out them some could what into than then its only other new time these two may first "
    "people any like very after most also made did many before must through back years where much "
    "your way well down should because each just those how too little state good very make world "
    "still own see men work long get here between both life being under never day same another know "
    "while last might us great old year off come since against go came right used take three"
).split()


def big_comparison(n: int = 30_000, seed: int = 4) -> Comparison:
    """n pairs of ~20-word sentences: ~70% equal, 20% changed, 4% deleted, 4% inserted, some moved
    and merged, and an outside block; edits are built directly (no difflib) to stay fast."""
    rng = random.Random(seed)
    specs: list[tuple[str, bool]] = []  # kind, outside
    for i in range(n):
        r = rng.random()
        outside = i < 20
        if outside:
            kind = "deleted" if i % 2 else "inserted"
        elif r < 0.70:
            kind = "equal"
        elif r < 0.90:
            kind = "changed"
        elif r < 0.94:
            kind = "deleted"
        elif r < 0.98:
            kind = "inserted"
        elif r < 0.99:
            kind = "merged"
        else:
            kind = "moved"
        specs.append((kind, outside))
    pairs: list[Pair] = []
    a_text: list[str] = []
    b_text: list[str] = []
    a_pos = b_pos = 0
    a_sent: list[Sentence] = []
    b_sent: list[Sentence] = []

    def sentence() -> list[str]:
        ws = [rng.choice(_WORDS) for _ in range(rng.randint(12, 28))]
        ws[0] = ws[0].capitalize()
        return ws

    def add(side: str, text: str) -> int:
        nonlocal a_pos, b_pos
        if side == "a":
            a_sent.append(Sentence(len(a_sent), a_pos, a_pos + len(text), text))
            a_text.append(text)
            a_pos += len(text) + 1
            return len(a_sent) - 1
        b_sent.append(Sentence(len(b_sent), b_pos, b_pos + len(text), text))
        b_text.append(text)
        b_pos += len(text) + 1
        return len(b_sent) - 1

    last_a_pair = -1
    for kind, outside in specs:
        if kind == "equal" or kind == "moved":
            t = " ".join(sentence()) + "."
            ai, bi = add("a", t), add("b", t)
            s = a_sent[ai]
            e = (Edit(Op.EQUAL, s.start, s.end, b_sent[bi].start, b_sent[bi].end, t),)
            mv = max(-1, last_a_pair - 3) if kind == "moved" else None
            st = Status.MOVED if kind == "moved" else Status.EQUAL
            pairs.append(Pair((ai,), (bi,), st, 1.0, outside, e, (), "", mv))
        elif kind == "changed":
            ws = sentence()
            k = rng.randrange(1, len(ws))
            old, new = ws[k], rng.choice(_WORDS)
            if new == old:
                new = new + "s"
            pre = " ".join(ws[:k]) + " "
            post = " " + " ".join(ws[k + 1 :]) + "."
            ai, bi = add("a", pre + old + post), add("b", pre + new + post)
            sa, sb = a_sent[ai], b_sent[bi]
            d0 = sa.start + len(pre)
            i0 = sb.start + len(pre)
            edits: tuple[Edit, ...] = (
                Edit(Op.EQUAL, sa.start, d0, sb.start, i0, pre),
                Edit(Op.DELETE, d0, d0 + len(old), i0, i0, old),
                Edit(Op.INSERT, d0 + len(old), d0 + len(old), i0, i0 + len(new), new),
                Edit(Op.EQUAL, d0 + len(old), sa.end, i0 + len(new), sb.end, post),
            )
            cls = rng.choice(list(ChangeClass))
            ch = (
                Change(
                    old,
                    new,
                    d0,
                    d0 + len(old),
                    i0,
                    i0 + len(new),
                    cls,
                    rng.random(),
                    ("synthetic",),
                ),
            )
            sim = 2 * (len(pre) + len(post)) / (len(sa.text) + len(sb.text))
            pairs.append(Pair((ai,), (bi,), Status.CHANGED, sim, outside, edits, ch))
        elif kind == "merged":
            t1, t2 = " ".join(sentence()) + ".", " ".join(sentence()) + "."
            a1, a2 = add("a", t1), add("a", t2)
            bi = add("b", t1[:-1] + " and " + t2[0].lower() + t2[1:])
            sa0, sb = a_sent[a1], b_sent[bi]
            edits = word_edits(" ".join(a_text[-2:]), sa0.start, b_text[-1], sb.start)
            pairs.append(Pair((a1, a2), (bi,), Status.CHANGED, 0.9, outside, edits, ()))
        elif kind == "deleted":
            ai = add("a", " ".join(sentence()) + ".")
            s = a_sent[ai]
            ch = (
                Change(
                    s.text,
                    "",
                    s.start,
                    s.end,
                    0,
                    0,
                    ChangeClass.SUBSTANTIVE,
                    0.7,
                    ("sentence omitted",),
                ),
            )
            pairs.append(Pair((ai,), (), Status.DELETED, 0.0, outside, (), ch))
        else:
            bi = add("b", " ".join(sentence()) + ".")
            s = b_sent[bi]
            ch = (
                Change(
                    "",
                    s.text,
                    0,
                    0,
                    s.start,
                    s.end,
                    ChangeClass.SUBSTANTIVE,
                    0.7,
                    ("sentence added",),
                ),
            )
            pairs.append(Pair((), (bi,), Status.INSERTED, 0.0, outside, (), ch))
        if pairs[-1].a:
            last_a_pair = len(pairs) - 1
    a = Document("big-a.txt", " ".join(a_text), tuple(a_sent))
    b = Document("big-b.txt", " ".join(b_text), tuple(b_sent))
    return Comparison(a, b, tuple(pairs), summarize(pairs, a, b), notes=("synthetic comparison",))

"""Screening: is a document worth the full comparison? Containment, not document similarity.

A statement reprinted inside a long article is a small part of it, so the whole-document
similarity of the two is low whether or not the statement is there. Screening instead asks,
for each statement sentence, what share of its word shingles (runs of ``SHINGLE`` words)
occur anywhere in the document: its *containment*. A sentence with containment of at least
``HIT_CONTAINMENT`` is a *hit*, and a document with at least ``min_hits`` hits is a candidate.

    >>> index = ContainmentIndex(["We will act on trade together.", "The talks ended in May."])
    >>> index.hits("Officials said: we will act on trade together, and more. The talks went on.")
    1

Two implementations, the same question:

* ``ContainmentIndex`` (the default): every shingle of every statement sentence in one dict;
  a document's shingles are looked up once each. Exact, and linear in the document.
* ``MinHashIndex`` (``datasketch``): statement sentences as MinHash sketches in an LSH index,
  queried with windows of the document about twice a sentence long (a window that holds a
  sentence has Jaccard similarity of about one half with it). Approximate, and it costs a
  sketch per window; ``benchmarks/corpus.py`` measures both (see the README for where each pays).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SHINGLE = 3  # words per shingle (ContainmentIndex._codes is written for 3): measured (README) to survive rewording that 5-word shingles miss
HIT_CONTAINMENT = 0.3  # share of a sentence's shingles found in the document for it to count
MIN_HITS = 2  # statement sentences that must hit; a one-sentence statement needs its one
_WORD = re.compile(r"\w+")
# Invisible marks inside words, which the comparison reads through: soft hyphens (a hyphenating
# web system puts them in long words, and a crawl's plain text keeps them), zero-width spaces,
# joiners and a stray byte order mark. Left in, they cut "inter\u00adnational" into two words.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def words(text: str) -> list[str]:
    r"""Lowercased words: punctuation, case, line breaks and invisible marks never hide a reprint.

    >>> words("The inter\u00adnational COMMUNITY\nwelcomed it.")
    ['the', 'international', 'community', 'welcomed', 'it']
    """
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return _WORD.findall(text.lower())


def shingles(tokens: Sequence[str], size: int = SHINGLE) -> set[str]:
    """The runs of ``size`` words (none for a sentence shorter than that: a title such as
    "Lesson finished." says nothing about where it was reprinted).

    >>> sorted(shingles(["we", "will", "act", "now"]))
    ['we will act', 'will act now']
    """
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def required_hits(screenable: int, min_hits: int = MIN_HITS) -> int:
    """Hits a candidate needs: ``min_hits``, or every screenable sentence of a shorter
    statement; 0 (everything is a candidate) when no sentence is long enough to screen."""
    return min(min_hits, screenable)


class ContainmentIndex:
    """Exact containment of each statement sentence in a document, from one shingle dict.

    Words are numbered over the statement's vocabulary and a shingle is one integer, so a
    document's words outside that vocabulary (most of them) cost one dict lookup each and
    never build a shingle.
    """

    def __init__(self, sentences: Sequence[str], *, containment: float = HIT_CONTAINMENT) -> None:
        self.vocabulary: dict[str, int] = {}
        tokenized = [words(sentence) for sentence in sentences]
        for tokens in tokenized:
            for token in tokens:
                self.vocabulary.setdefault(token, len(self.vocabulary))
        self.sizes: list[int] = []
        self.owners: dict[int, list[int]] = {}  # shingle -> the sentences that hold it
        for number, tokens in enumerate(tokenized):
            own = self._codes([self.vocabulary[t] for t in tokens])
            self.sizes.append(len(own))
            for code in own:
                self.owners.setdefault(code, []).append(number)
        self.containment = containment

    def _codes(self, ids: list[int]) -> set[int]:
        """The word-``SHINGLE`` runs of known words, each as one integer."""
        size = len(self.vocabulary) + 1
        return {(a * size + b) * size + c for a, b, c in zip(ids, ids[1:], ids[2:]) if a >= 0 and b >= 0 and c >= 0}

    def containments(self, text: str) -> list[float]:
        """For each statement sentence, the share of its shingles found in ``text``."""
        found = [0] * len(self.sizes)
        known = self.vocabulary.get
        for code in self._codes([known(t, -1) for t in words(text)]):
            for number in self.owners.get(code, ()):
                found[number] += 1
        return [n / size if size else 0.0 for n, size in zip(found, self.sizes)]

    @property
    def screenable(self) -> int:
        """Statement sentences long enough to have shingles."""
        return sum(1 for size in self.sizes if size)

    def hits(self, text: str) -> int:
        return sum(1 for share in self.containments(text) if share >= self.containment)


class MinHashIndex:
    """The same screen with MinHash LSH (datasketch): approximate, sketches instead of sets."""

    def __init__(
        self,
        sentences: Sequence[str],
        *,
        containment: float = HIT_CONTAINMENT,
        num_perm: int = 64,
        seed: int = 1,
    ) -> None:
        from datasketch import MinHash, MinHashLSH

        self._minhash, self.num_perm, self.seed = MinHash, num_perm, seed
        tokenized = [words(s) for s in sentences]
        lengths = sorted(len(t) for t in tokenized if t) or [SHINGLE]
        self.window = max(2 * SHINGLE, 2 * lengths[len(lengths) // 2])  # twice the median sentence
        # A window twice a sentence's length that holds ``containment`` of its shingles has a
        # Jaccard similarity of about containment / (2 + ...) with it: query at half the bar.
        self.lsh = MinHashLSH(threshold=containment / 2, num_perm=num_perm)
        self.screenable = 0
        for number, tokens in enumerate(tokenized):
            own = shingles(tokens)
            if own:
                self.lsh.insert(str(number), self._sketch(own))
                self.screenable += 1

    def _sketch(self, values: set[str]) -> object:
        sketch = self._minhash(num_perm=self.num_perm, seed=self.seed)
        sketch.update_batch([v.encode("utf-8") for v in sorted(values)])
        return sketch

    def hits(self, text: str) -> int:
        tokens = words(text)
        step = max(1, self.window // 2)
        found: set[str] = set()
        for start in range(0, max(1, len(tokens) - step), step):
            window = shingles(tokens[start : start + self.window])
            if window:
                found.update(self.lsh.query(self._sketch(window)))
            if len(found) == self.screenable:
                break
        return len(found)


def make_index(kind: str, sentences: Sequence[str]) -> ContainmentIndex | MinHashIndex:
    """``exact`` or ``minhash``."""
    if kind == "minhash":
        return MinHashIndex(sentences)
    return ContainmentIndex(sentences)

"""Edits -> changes: split word-diff runs into the changes a reader would name, class and rank them.

A *run* is a maximal sequence of delete/insert edits between two equal edits. Inside a run the
deleted words are sub-aligned with the inserted words so that words that are variants of each
other become changes of their own; anything else in the run is one replacement:

    "work towards sustainable normal" -> "work toward permanent normal"
    towards -> toward           spelling     ("US/UK spelling")
    sustainable -> permanent    substantive  ("qualifier of a term changed")

Every change gets one class (from least to most important), reasons and a significance in
[0, 1] (see ``ranking.py``): formatting (at most 0.1), spelling (0.15), wording (0.20 - 0.45),
substantive (0.60 - 1.00). A change is judged against its whole aligned group, the groups just
before and after it (:class:`PairContext`) and the documents (:class:`TermIndex`): a value,
name or phrase found elsewhere in the group, or in the next sentence, has moved, not changed;
negation and modality are read in the clause. Everything is deterministic: no clock, no
randomness, ties in the ranking go to document order. The rules use no words of any particular
document; the English they know is in ``lexicon.py`` and ``stmtdiff/data/``, other languages'
words in :mod:`stmtdiff.languages`.

One module per concern, imported one way (each only from those above it):

=================  ==========================================================================
``lexicon``        the English the rules know: word lists, US/UK spelling (one place)
``tokens``         tokens and the facts about each (:class:`~stmtdiff.classify.tokens.Word`)
``terms``          phrases the documents repeat (counted lazily, in a window)
``ranking``        significance per reason and evidence, the ranking, repeated phrases
``pieces``         runs of edits cut into pieces (sub-alignment), the pair's shared facts
``surface``        formatting and spelling rules
``wording``        wording rules, glosses, words moved within or out of the sentence
``values``         numbers, amounts and dates by value over the group
``polarity``       negation, modality and commitment by clause
``names``          names changed, added, removed, shortened, completed
``watch``          watched terms
``furniture``      whole sentences deleted or inserted, boilerplate, attributions
``content``        new content added or removed, qualifiers of terms
``judge``          the order the rules are tried in; merging neighbouring pieces
=================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stmtdiff.classify.furniture import as_boilerplate, classify_unpaired
from stmtdiff.classify.judge import classify_piece, merge_neighbours, pieces_of_run
from stmtdiff.classify.lexicon import LONGEST_SPELLED_WORD
from stmtdiff.classify.pieces import PairContext, PairView, Piece, find_runs
from stmtdiff.classify.ranking import SIGNIFICANCE, damp_repeated_sentences, rank_changes, weigh_terms
from stmtdiff.classify.terms import TermIndex
from stmtdiff.classify.tokens import languages as in_languages
from stmtdiff.classify.watch import watch_pattern, watched_outcome, watched_runs
from stmtdiff.classify.wording import mark_moves
from stmtdiff.model import Change, Edit

__all__ = [
    "classify_edits",
    "classify_unpaired",
    "rank_changes",
    "weigh_terms",
    "damp_repeated_sentences",
    "SIGNIFICANCE",
    "LONGEST_SPELLED_WORD",
    "PairContext",
    "TermIndex",
]

def classify_edits(
    edits: Sequence[Edit],
    *,
    watch: Sequence[str] = (),
    languages: Sequence[str | None] = (),
    context: PairContext | Callable[[], PairContext] | None = None,
    furniture: bool = False,
) -> tuple[Change, ...]:
    """Split one aligned pair's word diff into named, classified changes, in document order.

    A change's ``a_text``/``b_text`` are exact document text; a pure insertion has
    ``a_text == ""`` and ``a_start == a_end`` at the point where it goes (and conversely).
    A watched term (case-insensitive, whole words) in a run of changes, on either side,
    makes every change of that run substantive with the reason "watched term".
    ``languages`` (the two documents' ISO 639-1 codes) add the negation, modality, function
    words and adjective endings of those languages to the English the rules know. ``context``
    (the groups before and after, the documents' repeated phrases; or a function that makes
    it, called only if a rule asks) lets a phrase or value that moved to a neighbouring
    sentence count as moved, and a qualifier inside a repeated phrase count as a term's.
    ``furniture`` says both sides are page furniture (a page title reworded): every change
    is then ``boilerplate`` (see :func:`~stmtdiff.classify.furniture.as_boilerplate`).

        >>> from stmtdiff.model import Edit, Op
        >>> edits = (Edit(Op.EQUAL, 0, 5, 0, 5, "work "),
        ...          Edit(Op.DELETE, 5, 24, 5, 5, "towards sustainable"),
        ...          Edit(Op.INSERT, 24, 24, 5, 21, "toward permanent"),
        ...          Edit(Op.EQUAL, 24, 47, 21, 44, " normal trade relations"))
        >>> [(c.a_text, c.b_text, c.change_class.value) for c in classify_edits(edits)]
        [('towards', 'toward', 'spelling'), ('sustainable', 'permanent', 'substantive')]
    """
    if any(code and code != "en" for code in languages):
        with in_languages(languages):
            changes = _classify_edits(edits, watch, context)
    else:
        changes = _classify_edits(edits, watch, context)
    return tuple(as_boilerplate(change) for change in changes) if furniture else changes


def _classify_edits(
    edits: Sequence[Edit], watch: Sequence[str], context: PairContext | Callable[[], PairContext] | None
) -> tuple[Change, ...]:
    runs = find_runs(edits)
    if not runs:
        return ()
    pair = PairView(edits, context)
    pieces: list[Piece] = []
    for run in runs:
        pieces += pieces_of_run(run)
    pair.pieces = pieces
    for piece in pieces:
        if piece.verdict is not None and piece.verdict.settled is None:
            classify_piece(piece, pair)
    if len(pieces) > 1:  # a move or a merge takes two pieces
        mark_moves(pieces)
        pieces = merge_neighbours(pieces, runs, pair)
    pattern = watch_pattern(tuple(watch)) if watch else None
    watched = watched_runs(runs, pair, pattern) if pattern is not None else set()
    changes = []
    for piece in pieces:
        change_class, reasons, significance = piece.change_class, piece.reasons, piece.significance
        if watched and not watched.isdisjoint(piece.runs):
            change_class, reasons, significance = watched_outcome(reasons)
        a_start, a_end, b_start, b_end = piece.a_start, piece.a_end, piece.b_start, piece.b_end
        run = piece.run
        if piece.raw:
            a_text, b_text = run.a_text, run.b_text
        elif piece.a_extra or piece.b_extra:
            a_text, b_text = pair.slice("a", a_start, a_end), pair.slice("b", b_start, b_end)
        else:  # within its run's texts
            a_text = run.a_text[a_start - run.a_start : a_end - run.a_start]
            b_text = run.b_text[b_start - run.b_start : b_end - run.b_start]
        changes.append(
            Change(
                a_text, b_text, a_start, a_end, b_start, b_end, change_class, significance, reasons
            )
        )
    return tuple(changes)

"""Query expansion from the index's lexicon: compounds, the å/ä/ö fallback and typos.

The lexicon is every stem the index holds (kept by :mod:`search.indexing`). Expanding against
it, rather than inside one engine, gives SQLite, PostgreSQL and Elasticsearch the same
behaviour:

- compounds: ``försörjning`` also looks for stems that end in it (``kompetensförsörjning``);
  those alternatives rank below the typed word in every engine;
- å/ä/ö: a word the index does not know at all is compared without å, ä and ö
  (``forsorjning`` → ``försörjning``); å, ä and ö stay distinct whenever the typed word exists;
- typos: where the lexicon can measure similarity (PostgreSQL's pg_trgm), an unknown word is
  replaced by the closest known ones (``kompetensförsörjnig``).
"""

from dataclasses import replace
from typing import Protocol

from search import swedish
from search.query import Clause, Origin, ParsedQuery, Term

MIN_COMPOUND_PART = 4
MAX_COMPOUNDS = 20
MAX_CORRECTIONS = 3


class Lexicon(Protocol):
    def known(self, stems: set[str]) -> set[str]: ...

    def ending_with(self, stem: str, *, limit: int, folded: bool = False) -> list[str]:
        """Known stems that end in ``stem`` (compare without å/ä/ö when ``folded``)."""

    def by_folded(self, folded: str, *, limit: int) -> list[str]: ...

    def similar(self, stem: str, *, limit: int) -> list[str]: ...


def expand(query: ParsedQuery, lexicon: Lexicon) -> ParsedQuery:
    single = [clause.typed for clause in query.clauses if not clause.typed.is_phrase]
    candidates = {term.stems[0] for term in single} | {term.words[0] for term in single}
    known = lexicon.known(candidates) if candidates else set()
    corrections: dict[str, str] = {}
    clauses: list[Clause] = []
    for clause in query.clauses:
        typed = clause.typed
        if typed.is_phrase:
            clauses.append(clause)
            continue
        stem = typed.stems[0]
        extra: list[Term] = []
        bases = [stem]
        word = typed.words[0]
        if word != stem and word in known:
            # Snowball does not always meet itself: "prognos" stems to "progno", while
            # "prognosen" stems to "prognos". The unstemmed word, when indexed, is exact too.
            extra.append(Term((word,), prestemmed=True))
            bases.append(word)
            stem_known = True
        else:
            stem_known = stem in known
        if not stem_known and not _has_synonyms(clause):
            folded = swedish.fold(stem)
            replacements = lexicon.by_folded(folded, limit=MAX_CORRECTIONS) or (
                lexicon.ending_with(folded, limit=MAX_CORRECTIONS, folded=True)
                if len(folded) >= MIN_COMPOUND_PART
                else []
            )
            origin = Origin.FOLDED
            if not replacements:
                replacements = lexicon.similar(stem, limit=MAX_CORRECTIONS)
                origin = Origin.TYPO
            extra += [Term((found,), origin, prestemmed=True) for found in replacements]
            bases += replacements
            if replacements:
                corrections[typed.text] = replacements[0]
        for base in bases:
            if len(base) >= MIN_COMPOUND_PART:
                extra += [
                    Term((found,), Origin.COMPOUND, prestemmed=True)
                    for found in lexicon.ending_with(base, limit=MAX_COMPOUNDS)
                ]
        clauses.append(clause.with_alternatives(extra))
    excluded = [
        alternative
        for term in query.excluded
        for alternative in (term, Term(term.words, prestemmed=True))
        if alternative is term or (not term.is_phrase and term.words != term.stems)
    ]
    return replace(query, clauses=tuple(clauses), excluded=tuple(excluded), corrections=corrections)


def _has_synonyms(clause: Clause) -> bool:
    return any(term.origin is Origin.SYNONYM for term in clause.alternatives)

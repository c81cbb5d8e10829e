"""The public query language, parsed without a database.

    kompetensförsörjning        a word; inflections match (stemming)
    "vård och omsorg"           a phrase: these words in this order
    -prognos  -"lång sikt"      exclude a word or a phrase
    USK                         synonyms from the editors' list are alternatives

Everything else (``AND``, ``NEAR(``, ``*``, ``^``, ``:``, SQL, control characters) is ordinary
text: only letters and digits form words, so nothing a user types reaches an engine's own
query syntax. Each engine compiles the parsed query into its own language (FTS5 MATCH,
tsquery, Elasticsearch DSL) from these objects.

Words of the required part are AND-ed; every :class:`Clause` is an OR of alternatives, of which
the first is what the user typed. Expansions (synonyms here; compounds, the å/ä/ö fallback and
typo corrections in :mod:`search.expansion`) are further alternatives ranked below it.
"""

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from search import swedish

# A query longer than this is cut: nobody types more, and engines slow down with many clauses.
MAX_QUERY_CHARS = 500
MAX_CLAUSES = 16

TOKEN = re.compile(r'(?P<neg>(?:^|(?<=\s))-)?(?:"(?P<phrase>[^"]*)(?:"|$)|(?P<word>[^\s"]+))')


class Origin(StrEnum):
    TYPED = "typed"
    SYNONYM = "synonym"
    COMPOUND = "compound"
    FOLDED = "folded"
    TYPO = "typo"


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several words in order (stop words kept for positions)."""

    words: tuple[str, ...]
    origin: Origin = Origin.TYPED
    # Expansions from the lexicon are stems already; stemming a stem again may cut it further.
    prestemmed: bool = False

    @property
    def stems(self) -> tuple[str, ...]:
        if self.prestemmed:
            return self.words
        return tuple(swedish.stem(word) for word in self.words)

    @property
    def content_stems(self) -> tuple[str, ...]:
        """The stems without stop words (expansions are stems already: all kept)."""
        return tuple(
            stem
            for word, stem in zip(self.words, self.stems, strict=True)
            if self.prestemmed or not swedish.is_stop_word(word)
        )

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Clause:
    """A required part of the query: any one of its alternatives must match."""

    alternatives: tuple[Term, ...]

    @property
    def typed(self) -> Term:
        return self.alternatives[0]

    def with_alternatives(self, terms: list[Term]) -> "Clause":
        known = set(self.alternatives)
        extra = tuple(term for term in dict.fromkeys(terms) if term not in known)
        return replace(self, alternatives=self.alternatives + extra)


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Term, ...] = ()
    # "Did you mean": typed words replaced by the lexicon (fallback or typo), for the page.
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded

    def without(self, dropped: list[Clause]) -> "ParsedQuery":
        """This query without the ``dropped`` clauses and the corrections of their words."""
        kept = tuple(clause for clause in self.clauses if clause not in dropped)
        typed = {clause.typed.text for clause in kept}
        return replace(
            self,
            clauses=kept,
            corrections={word: found for word, found in self.corrections.items() if word in typed},
        )

    @property
    def highlight_stems(self) -> frozenset[str]:
        """Every stem a snippet should mark: typed words and all their alternatives."""
        return frozenset(
            stem
            for clause in self.clauses
            for term in clause.alternatives
            for stem in term.stems
            if not swedish.is_stop_word(stem)
        )

    @property
    def compound_heads(self) -> frozenset[str]:
        """Typed words that compounds were found for: a snippet marks compounds ending in them.

        Only clauses with compound alternatives count: without one, no document matched by a
        compound, and looking for compounds in every snippet's text costs more than the rest
        of the snippet together.
        """
        return frozenset(
            clause.typed.stems[0]
            for clause in self.clauses
            if not clause.typed.is_phrase
            and any(term.origin is Origin.COMPOUND for term in clause.alternatives)
        )


def _term(text: str) -> Term | None:
    words = tuple(swedish.words(text))
    if not words:
        return None
    if len(words) == 1 and swedish.is_stop_word(words[0]):
        return None
    return Term(words=words)


def parse(text: str) -> ParsedQuery:
    """Parse what the user typed. Never fails: the worst input gives an empty query."""
    text = swedish.normalize(text or "")[:MAX_QUERY_CHARS]
    clauses: list[Clause] = []
    excluded: list[Term] = []
    for match in TOKEN.finditer(text):
        chunk = match.group("phrase") if match.group("phrase") is not None else match["word"]
        if match.group("phrase") is not None:
            terms = [_term(chunk)]
        else:
            # A "word" like IT-säkerhet or a/b is several words; each is required.
            terms = [_term(word) for word in swedish.words(chunk)]
        for term in filter(None, terms):
            if match.group("neg"):
                excluded.append(term)
            elif Clause((term,)) not in clauses:
                clauses.append(Clause((term,)))
    return ParsedQuery(clauses=tuple(clauses[:MAX_CLAUSES]), excluded=tuple(excluded[:MAX_CLAUSES]))


def expand_synonyms(query: ParsedQuery, groups: list[tuple[str, ...]]) -> ParsedQuery:
    """Add each synonym group's other members as alternatives of the clauses that name one.

    A member may be several words (``kommunal vuxenutbildning``): when the query holds them as
    consecutive clauses, those clauses merge into one whose alternatives are the group.
    Matching compares stems, so inflected forms (``undersköterskor``) find their group too.
    """
    clauses = list(query.clauses)
    for group in groups:
        members = [term for term in (_term(member) for member in group) if term]
        for member in members:
            key = member.content_stems
            merged_at = _find_window(clauses, key)
            if merged_at is None:
                continue
            start, width = merged_at
            window = clauses[start : start + width]
            typed = window[0].typed if width == 1 else Term(member.words)
            merged = Clause((typed, *window[0].alternatives[1:])).with_alternatives(
                [Term(other.words, Origin.SYNONYM) for other in members if other != member]
            )
            clauses[start : start + width] = [merged]
            break
    return replace(query, clauses=tuple(clauses))


def _find_window(clauses: list[Clause], key: tuple[str, ...]) -> tuple[int, int] | None:
    """Where consecutive clauses spell ``key`` (a typed phrase counts as its words)."""
    if not key:
        return None
    for width in range(1, len(key) + 1):
        for start in range(len(clauses) - width + 1):
            window = clauses[start : start + width]
            if width > 1 and any(clause.typed.is_phrase for clause in window):
                continue
            if tuple(stem for clause in window for stem in clause.typed.content_stems) == key:
                return start, width
    return None

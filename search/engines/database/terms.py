"""What both database vendors index besides stems, and how a query term matches it.

- **Word pairs** (:attr:`search.swedish.Analysis.pairs`): each stem with the next word that is not
  a stop word. A phrase matches as its pairs, AND-ed: plain tokens, so neither FTS5 nor a GIN
  index compares positions across every document that holds the words (the cost that made
  phrases of common words slow). Two-word phrases are exact; a longer one could, in theory,
  match a text holding each of its pairs apart.
- **Tier tokens**: ``_t`` + each stem of the title and ``_s`` + each stem of the summary, so
  "documents whose title holds a query word" (the first ranking tier) is one more token of the
  match instead of a scan of every matching document. Tokens starting with ``_`` can never be
  a stem or a pair (``swedish.WORD`` excludes underscores). SQLite also indexes ``_a`` + each
  stem found only in the attachment text, so its ranking can weigh it below the body.
"""

from dataclasses import dataclass

from search import swedish
from search.documents import SearchDocument
from search.query import Origin, ParsedQuery, Term

TITLE_TIER = "_t"
SUMMARY_TIER = "_s"
ATTACHMENT_TIER = "_a"
# Alternatives that rank with the typed words; compounds rank below them.
EXACT_ORIGINS = frozenset({Origin.TYPED, Origin.SYNONYM, Origin.FOLDED, Origin.TYPO})


@dataclass(frozen=True)
class AnalysedDocument:
    title: swedish.Analysis
    summary: swedish.Analysis
    body: swedish.Analysis
    attachment: swedish.Analysis

    @property
    def fields(self) -> list[swedish.Analysis]:
        return [self.title, self.summary, self.body, self.attachment]

    @property
    def lexicon(self) -> set[str]:
        return set().union(*(field.lexicon for field in self.fields))

    @property
    def pairs(self) -> set[str]:
        return set().union(*(field.pairs for field in self.fields))

    @property
    def tier_tokens(self) -> list[str]:
        return [TITLE_TIER + stem for stem in sorted(self.title.lexicon)] + [
            SUMMARY_TIER + stem for stem in sorted(self.summary.lexicon)
        ]

    @property
    def attachment_only_tokens(self) -> list[str]:
        """``_a`` + each stem of the attachment text that no other field holds."""
        others = self.title.lexicon | self.summary.lexicon | self.body.lexicon
        return [ATTACHMENT_TIER + stem for stem in sorted(self.attachment.lexicon - others)]


def analyse_document(document: SearchDocument) -> AnalysedDocument:
    return AnalysedDocument(
        title=swedish.analyse(document.title),
        summary=swedish.analyse(document.summary),
        body=swedish.analyse(document.body),
        attachment=swedish.analyse(document.attachment_text),
    )


@dataclass(frozen=True)
class TermMatch:
    """How a term matches without positions: all of ``tokens``, which are pairs or stems."""

    tokens: tuple[str, ...]
    pairs: bool


def term_match(term: Term) -> TermMatch | None:
    stems = term.content_stems
    if len(stems) > 1:
        pairs = swedish.phrase_pairs(term.words, term.stems)
        if pairs:
            return TermMatch(tuple(pairs), pairs=True)
    # A word, or a phrase whose words are too far apart to pair: all of its words.
    return TermMatch(tuple(dict.fromkeys(stems)), pairs=False) if stems else None


def alternatives(parsed: ParsedQuery) -> list[Term]:
    return [term for clause in parsed.clauses for term in clause.alternatives]


def clause_terms(parsed: ParsedQuery, *, exact_only: bool = False) -> list[list[Term]]:
    """Per required clause, the alternatives that may match it (exact ones only, if asked)."""
    return [
        [term for term in clause.alternatives if not exact_only or term.origin in EXACT_ORIGINS]
        for clause in parsed.clauses
    ]


def has_compounds(parsed: ParsedQuery) -> bool:
    return any(term.origin is Origin.COMPOUND for term in alternatives(parsed))

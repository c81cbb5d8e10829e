"""The query language and Swedish analysis, without a database."""

from search import query, swedish
from search.expansion import expand
from search.query import Origin


def test_words_phrases_and_exclusions():
    parsed = query.parse('Undersköterskor "vård och omsorg" -prognos -"lång sikt"')
    assert [clause.typed.words for clause in parsed.clauses] == [
        ("undersköterskor",),
        ("vård", "och", "omsorg"),
    ]
    assert [term.words for term in parsed.excluded] == [("prognos",), ("lång", "sikt")]


def test_operators_and_punctuation_are_plain_text():
    parsed = query.parse('NEAR(vård* AND "omsorg OR ^x:y) \x00 drop;--')
    words = [word for clause in parsed.clauses for word in clause.typed.words]
    assert all(swedish.WORD.fullmatch(word) for word in words)
    assert "near" in words and "drop" in words


def test_a_hyphen_inside_a_word_is_not_an_exclusion():
    parsed = query.parse("IT-säkerhet")
    assert [clause.typed.words for clause in parsed.clauses] == [("it",), ("säkerhet",)]
    assert parsed.excluded == ()


def test_stop_words_alone_are_dropped_and_empty_input_is_empty():
    assert query.parse("och att").is_empty
    assert query.parse("").is_empty
    assert query.parse('"""').is_empty
    assert len(query.parse("ord " * 5000).clauses) == 1
    assert len(query.parse(" ".join(f"ord{i}" for i in range(100))).clauses) == query.MAX_CLAUSES


def test_stemming_matches_inflections_like_postgresql():
    assert swedish.stem("kompetensförsörjningen") == swedish.stem("kompetensförsörjning")
    assert swedish.stem("undersköterskor") == swedish.stem("undersköterska")
    assert swedish.fold("försörjning") == "forsorjning"


def test_synonyms_add_alternatives_and_merge_multi_word_members():
    groups = [("USK", "undersköterska"), ("Komvux", "kommunal vuxenutbildning")]
    parsed = query.expand_synonyms(query.parse("usk kommunal vuxenutbildning"), groups)
    assert len(parsed.clauses) == 2
    first, second = parsed.clauses
    assert [term.words for term in first.alternatives] == [("usk",), ("undersköterska",)]
    assert ("komvux",) in [term.words for term in second.alternatives]
    assert second.alternatives[1].origin is Origin.SYNONYM


def test_synonyms_match_inflected_forms():
    parsed = query.expand_synonyms(query.parse("undersköterskor"), [("USK", "undersköterska")])
    assert ("usk",) in [term.words for term in parsed.clauses[0].alternatives]


class FakeLexicon:
    def __init__(self, stems):
        self.stems = set(stems)

    def known(self, stems):
        return self.stems & set(stems)

    def ending_with(self, stem, *, limit, folded=False):
        form = swedish.fold if folded else (lambda text: text)
        return sorted(s for s in self.stems if form(s).endswith(stem) and form(s) != stem)[:limit]

    def by_folded(self, folded, *, limit):
        return sorted(s for s in self.stems if swedish.fold(s) == folded and s != folded)[:limit]

    def similar(self, stem, *, limit):
        return []


def test_compounds_fallback_and_corrections_from_the_lexicon():
    lexicon = FakeLexicon({"försörjning", "kompetensförsörjning", "vård"})
    parsed = expand(query.parse("försörjning"), lexicon)
    alternatives = parsed.clauses[0].alternatives
    assert alternatives[0].origin is Origin.TYPED
    assert ("kompetensförsörjning",) in [term.words for term in alternatives]
    parsed = expand(query.parse("vard"), lexicon)
    assert parsed.corrections == {"vard": "vård"}
    assert parsed.clauses[0].alternatives[1].origin is Origin.FOLDED


def test_known_words_keep_a_ring_and_umlauts_distinct():
    lexicon = FakeLexicon({"far", "får"})
    parsed = expand(query.parse("far"), lexicon)
    assert [term.words for term in parsed.clauses[0].alternatives] == [("far",)]

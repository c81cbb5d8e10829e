from search import highlight


def test_marks_matches_and_escapes_the_rest():
    html = highlight.snippet(
        texts=["<b>Fler</b> undersköterskor & sjuksköterskor behövs."],
        stems=frozenset({"underskötersk"}),
    )
    assert (
        html == "&lt;b&gt;Fler&lt;/b&gt; <mark>undersköterskor</mark> &amp; sjuksköterskor behövs."
    )


def test_a_window_around_the_match_in_a_long_text():
    text = "inledning " * 100 + "här finns vätgas i norr " + "avslutning " * 100
    html = highlight.snippet(texts=[text], stems=frozenset({"vätgas"}))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>vätgas</mark>" in html
    assert len(html) < 300


def test_compound_parts_are_marked():
    html = highlight.snippet(
        texts=["Kompetensförsörjningen i regionen"],
        stems=frozenset({"försörjning"}),
        heads=frozenset({"försörjning"}),
    )
    assert html.startswith("<mark>Kompetensförsörjningen</mark>")


def test_without_a_match_the_first_text_begins_the_snippet():
    assert highlight.snippet(texts=["", "Första <texten>"], stems=frozenset({"x"})) == (
        "Första &lt;texten&gt;"
    )

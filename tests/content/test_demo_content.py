"""The demo `make run` loads reads like the real thing, and loading it twice changes nothing.

Loading the demo (content and dialogue) takes minutes on a busy machine, so one test loads
it once and checks every invariant; each check says what it protects.
"""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils.html import strip_tags

from content.demo import build_records, load_demo_content
from content.models import (
    AnalysisPage,
    CompetenceNeedPage,
    DocumentText,
    GoodExamplePage,
    LearningCollectionPage,
    NeedStatus,
    Region,
    ResultPage,
)
from portal.dialogue.demo import load_demo_dialogue
from portal.dialogue.models import Action, Contribution, Thread

pytestmark = pytest.mark.django_db

PUBLICATION_MODELS = (AnalysisPage, CompetenceNeedPage, GoodExamplePage, ResultPage)
# What the demo held before it was rewritten: the rewrite must not hold less.
MINIMUM_COUNTS = {
    AnalysisPage: 63,
    CompetenceNeedPage: 63,
    GoodExamplePage: 42,
    ResultPage: 21,
}
LONG_MARKERS = re.compile(r"lång sikt|2035", re.IGNORECASE)
SHORT_MARKERS = re.compile(r"kort sikt|närmaste två åren|nästa (hög)?säsong", re.IGNORECASE)
# A run of this many words found in two regions' texts is a template with the names swapped.
SHARED_RUN_LENGTH = 15


def per_region(model) -> dict[str, int]:
    return dict(
        model.objects.live().values_list("region__code").annotate(count=Count("pk")).order_by()
    )


def snapshot() -> dict:
    """Everything a second load could change: pages and revisions, dialogue and statuses."""
    return {
        "pages": {
            model.__name__: sorted(
                model.objects.values_list("external_id", "title", "live", "latest_revision_id")
            )
            for model in PUBLICATION_MODELS
        },
        "statuses": sorted(CompetenceNeedPage.objects.values_list("pk", "status")),
        "threads": Thread.objects.count(),
        "posts": Contribution.objects.count(),
        "actions": sorted(Action.objects.values_list("pk", "status", "result_page_id")),
        "collections": LearningCollectionPage.objects.count(),
    }


def record_texts(record: dict) -> list[str]:
    """The prose of a demo record: its title and every text field and body paragraph."""
    texts = [record["title"]]
    for value in record["fields"].values():
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts += [block[1] for block in value if block[0] == "paragraph"]
    return texts


def dialogue_texts() -> list[tuple[str, str]]:
    """(länskod, text) of every thread, post and insats the demo dialogue wrote."""
    texts = []
    for thread in Thread.objects.select_related("need__region"):
        texts += [
            (thread.need.region.code, thread.title),
            (thread.need.region.code, thread.purpose),
        ]
    for post in Contribution.objects.select_related("thread__need__region"):
        texts.append((post.thread.need.region.code, post.body))
    for action in Action.objects.select_related("need__region"):
        code = action.need.region.code
        texts += [(code, action.title), (code, action.description)]
    return texts


def shared_runs(texts: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Every run of SHARED_RUN_LENGTH words found in the texts of more than one region."""
    regions_by_run: dict[str, set[str]] = {}
    for region, text in texts:
        words = re.findall(r"\w+", strip_tags(unescape(text)).lower())
        for start in range(len(words) - SHARED_RUN_LENGTH + 1):
            run = " ".join(words[start : start + SHARED_RUN_LENGTH])
            regions_by_run.setdefault(run, set()).add(region)
    return {run: regions for run, regions in regions_by_run.items() if len(regions) > 1}


def test_shared_runs_finds_a_sentence_two_regions_share():
    sentence = "ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton"
    assert shared_runs([("01", sentence), ("03", sentence)]) == {sentence: {"01", "03"}}
    assert shared_runs([("01", sentence), ("01", sentence)]) == {}
    assert shared_runs([("01", sentence), ("03", sentence.replace("åtta", "<b>8</b>"))]) == {}


def expected_status(need: CompetenceNeedPage) -> str:
    """The status a need's chain implies: its public threads, proposals, actions and results."""
    public = need.dialogue_threads.filter(visibility=Thread.Visibility.PUBLIC)
    actions = Action.objects.filter(need=need, thread__in=public)
    if need.results.live().exists() or actions.exclude(result_page=None).exists():
        return NeedStatus.FOLLOWED_UP
    if actions.exclude(status=Action.Status.CANCELLED).exists():
        return NeedStatus.ACTION_ONGOING
    if Contribution.objects.filter(thread__in=public, kind="forslag").exists():
        return NeedStatus.ACTION_PROPOSED
    if public.exists():
        return NeedStatus.IN_DIALOGUE
    return NeedStatus.IDENTIFIED


def test_demo_reads_like_the_real_thing(client, run_on_commit, tmp_path):
    def load():
        summary, collections = load_demo_content()
        return summary, collections, load_demo_dialogue()

    summary, collections, threads = run_on_commit(load)
    assert collections == 2
    assert summary.created > 0

    # At least as much as before, in every region.
    regions = set(Region.objects.values_list("code", flat=True))
    for model, minimum in MINIMUM_COUNTS.items():
        assert model.objects.live().count() >= minimum, model
        assert set(per_region(model)) == regions, model
    assert threads >= 43
    assert Contribution.objects.count() >= 106

    # Distinct titles and summaries within each kind: no template with the name swapped.
    for model in PUBLICATION_MODELS:
        titles = list(model.objects.values_list("title", flat=True))
        assert len(titles) == len(set(titles)), model
        summaries = list(model.objects.values_list("summary", flat=True))
        assert len(summaries) == len(set(summaries)), model
        for page in model.objects.all():
            assert "{" not in page.title + page.summary, page.title
            assert "lorem" not in (page.title + page.summary).lower()
            # Every publication names a person to contact, at a fictitious address.
            assert re.search(r"\n[a-z]+\.[a-z]+@example\.se$", page.contact), page.contact

    # Each region's text is its own: no run of 15 words in two regions' pages or dialogue.
    texts = [
        (record["region"], text)
        for record in build_records(tmp_path)
        for text in record_texts(record)
    ]
    assert len(texts) > 500
    assert shared_runs(texts + dialogue_texts()) == {}

    # The horizon agrees with what the title and text say.
    for model in (AnalysisPage, CompetenceNeedPage):
        for page in model.objects.all():
            text = f"{page.title} {page.summary}"
            if LONG_MARKERS.search(text):
                assert page.horizon == "long", page.title
                assert not SHORT_MARKERS.search(text), page.title
            if SHORT_MARKERS.search(text):
                assert page.horizon == "short", page.title
    long_analyses = AnalysisPage.objects.filter(horizon="long")
    assert long_analyses.exists()
    assert not long_analyses.filter(period_end__lt=2030).exists()
    assert not AnalysisPage.objects.filter(horizon="short", period_end__gte=2030).exists()

    # Every analysis has key figures and a table; sources and a period.
    for analysis in AnalysisPage.objects.all():
        kinds = [block.block_type for block in analysis.body]
        assert kinds.count("key_figure") >= 2, analysis.title
        assert "table" in kinds, analysis.title
        assert analysis.evidence_sources.exists(), analysis.title
        assert analysis.period_start and analysis.period_end, analysis.title
    # The table's own header row is its header (the block template once dropped it).
    html = client.get(AnalysisPage.objects.live().first().url).text
    assert '<th scope="col">Yrke (SSYK 2012)</th>' in html
    assert DocumentText.objects.filter(status=DocumentText.Status.DONE).count() >= 21

    # Good examples: partners, period, a curator's comment, and failures kept as lessons.
    for example in GoodExamplePage.objects.all():
        assert example.partners and example.curator_comment, example.title
        assert example.period_start and example.period_end >= example.period_start
        assert example.lessons_learned, example.title
    assert GoodExamplePage.objects.filter(outcome="ej_lyckat").count() >= 3
    assert GoodExamplePage.objects.filter(outcome="delvis").exists()
    cross_region = [
        example
        for example in GoodExamplePage.objects.live()
        if any(need.region_id != example.region_id for need in example.needs_addressed.all())
    ]
    assert len(cross_region) >= 5

    # Every result has indicators with baseline, target and outcome, and follows an action.
    for result in ResultPage.objects.all():
        indicators = list(result.indicators.all())
        assert indicators, result.title
        for indicator in indicators:
            assert None not in (indicator.baseline, indicator.target, indicator.outcome)
        assert result.action_followed_up, result.title
        assert Action.objects.filter(result_page=result).exists(), result.title

    # Every need's status agrees with its chain, and every step of the chain is shown.
    for need in CompetenceNeedPage.objects.all():
        assert need.source_analyses.exists(), need.title
        assert need.status == expected_status(need), (need.title, need.status)
    statuses = set(CompetenceNeedPage.objects.values_list("status", flat=True))
    assert statuses == set(NeedStatus.values)

    # The portal's own subject word is found by search.
    call_command("reindex", stdout=io.StringIO(), stderr=io.StringIO())
    response = client.get("/api/search/", {"q": "kompetensförsörjning"})
    assert response.status_code == 200
    assert response.json()["count"] >= 21

    # A second run changes nothing: no page, revision, post, action or status.
    before = snapshot()
    again, new_collections = run_on_commit(load_demo_content)
    assert (again.created, again.updated, new_collections) == (0, 0, 0)
    assert again.unchanged == sum(MINIMUM_COUNTS[model] for model in PUBLICATION_MODELS) or (
        again.unchanged == sum(model.objects.count() for model in PUBLICATION_MODELS)
    )
    assert run_on_commit(load_demo_dialogue) == 0
    assert snapshot() == before

"""The demo content `make run` loads: enough of everything in every region, loaded once."""

import pytest
from django.db.models import Count

from content.demo import load_demo_content
from content.models import (
    AnalysisPage,
    CompetenceNeedPage,
    DocumentText,
    GoodExamplePage,
    LearningCollectionPage,
    Region,
    ResultPage,
)

pytestmark = pytest.mark.django_db


def per_region(model) -> dict[str, int]:
    return dict(
        model.objects.live().values_list("region__code").annotate(count=Count("pk")).order_by()
    )


# Loading the demo takes about 20 s, so one test loads it once and checks everything.
def test_demo_content(run_on_commit):
    summary, collections = run_on_commit(load_demo_content)
    assert collections == 2

    regions = set(Region.objects.values_list("code", flat=True))
    for model, minimum in (
        (AnalysisPage, 3),
        (CompetenceNeedPage, 3),
        (GoodExamplePage, 2),
        (ResultPage, 1),
    ):
        counts = per_region(model)
        assert set(counts) == regions, model
        assert min(counts.values()) >= minimum, model

    cross_region = [
        example
        for example in GoodExamplePage.objects.live()
        if any(need.region_id != example.region_id for need in example.needs_addressed.all())
    ]
    assert len(cross_region) >= 5
    assert all(need.source_analyses.exists() for need in CompetenceNeedPage.objects.live())
    assert DocumentText.objects.filter(status=DocumentText.Status.DONE).count() >= 5
    assert LearningCollectionPage.objects.live().count() == 2

    for model in (AnalysisPage, CompetenceNeedPage, GoodExamplePage, ResultPage):
        for page in model.objects.all():
            assert "lorem" not in (page.title + page.summary).lower()
            assert "{" not in page.title + page.summary, page.title

    again, new_collections = run_on_commit(load_demo_content)
    assert (again.created, again.updated, new_collections) == (0, 0, 0)
    assert again.unchanged == summary.created

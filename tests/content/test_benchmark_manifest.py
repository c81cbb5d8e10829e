"""The manifest that `make bench` and the load test's import scenario write is one the import takes.

It is built from the demo's theme texts; when those gained a placeholder ({share}) the
builder broke, and the load test's import scenario ran without importing anything.
"""

import pytest

from content.importer import import_publications
from content.models import AnalysisPage, CompetenceNeedPage
from tests.benchmarks.bench_publishing import build_manifest

pytestmark = pytest.mark.django_db


def test_the_benchmark_manifest_imports(tmp_path):
    count = build_manifest(tmp_path, 6)
    summary = import_publications(tmp_path)
    assert count == 6
    assert summary.created == 6
    assert AnalysisPage.objects.live().filter(external_id__startswith="bench-").count() == 3
    need = CompetenceNeedPage.objects.live().get(external_id="bench-00000-n")
    assert "{" not in need.summary + need.description

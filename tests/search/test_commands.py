import pytest
from django.core.management import CommandError, call_command

from search.models import IndexedDocument

pytestmark = pytest.mark.django_db


def test_reindex_then_health_reports_no_mismatch(portal_site, capsys):
    IndexedDocument.objects.create(
        key="analysis-999999",
        type="analysis",
        published="2026-01-01",
        url="/x/",
        title="Kvar",
        filter_tokens="ffall",
    )
    with pytest.raises(CommandError, match="stämmer inte"):
        call_command("search_health")
    assert "borde inte finnas: 1 analysis-999999" in capsys.readouterr().out
    call_command("reindex")
    call_command("search_health")
    output = capsys.readouterr()
    assert "database: 0 dokument indexerade" in output.out
    assert "Sökindexet stämmer med databasen." in output.out
    assert "[" in output.err, "a progress bar on stderr"

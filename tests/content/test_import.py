"""manage.py import_publications: validation first, then an idempotent, atomic write."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.importer import ImportValidationError, import_publications
from content.models import AnalysisPage, CompetenceNeedPage, GoodExamplePage, ResultPage
from tests.factories import AnalysisPageFactory
from tests.pdfs import text_pdf

pytestmark = pytest.mark.django_db


def analysis(external_id="a1", **fields):
    return {
        "external_id": external_id,
        "type": "analysis",
        "region": "22",
        "title": f"Analys {external_id}",
        "summary": "Sammanfattning av analysen.",
        "body": "Vården behöver **fler** undersköterskor.\n\n- punkt ett\n- punkt två",
        "published": "2026-01-15",
        "horizon": "long",
        "kind": "prognos",
        "sectors": ["Q", "87"],
        "occupations": ["5321"],
        "municipalities": ["2281"],
        "attachments": [],
        **fields,
    }


def need(external_id="n1", **fields):
    return {
        "external_id": external_id,
        "type": "need",
        "region": "22",
        "title": f"Behov {external_id}",
        "summary": "Brist på undersköterskor.",
        "published": "2026-02-01",
        "horizon": "short",
        "analyses": ["a1"],
        "status": "i_dialog",
        "balance": "brist",
        **fields,
    }


def example(external_id="g1", **fields):
    return {
        "external_id": external_id,
        "type": "good_example",
        "region": "01",
        "title": f"Exempel {external_id}",
        "summary": "Ett gott exempel.",
        "body": "## Utmaningen\n\nFör få sökande.\n\n## Lärdomar\n\nHandledning kostar.",
        "published": "2026-03-01",
        "needs": ["n1"],
        "outcome": "delvis",
        **fields,
    }


def result(external_id="r1", **fields):
    return {
        "external_id": external_id,
        "type": "result",
        "region": "22",
        "title": f"Resultat {external_id}",
        "summary": "Vad insatsen gav.",
        "published": "2026-04-01",
        "needs": ["n1"],
        **fields,
    }


@pytest.fixture
def manifest(tmp_path):
    def write(records, files=None):
        lines = [record if isinstance(record, str) else json.dumps(record) for record in records]
        (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for name, content in (files or {}).items():
            (tmp_path / name).write_bytes(content)
        return tmp_path

    return write


def problems_of(directory) -> list[str]:
    with pytest.raises(ImportValidationError) as error:
        import_publications(directory)
    return error.value.problems


def test_a_full_chain_is_imported_with_links_in_any_order(manifest, run_on_commit):
    directory = manifest(
        [result(), example(), need(), analysis(attachments=["rapport.pdf"])],
        {"rapport.pdf": text_pdf(["Prognos för vården"])},
    )
    summary = run_on_commit(import_publications, directory)

    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    imported_analysis = AnalysisPage.objects.get(external_id="a1")
    imported_need = CompetenceNeedPage.objects.get(external_id="n1")
    imported_example = GoodExamplePage.objects.get(external_id="g1")
    imported_result = ResultPage.objects.get(external_id="r1")
    assert all(page.live for page in (imported_analysis, imported_need, imported_example))
    assert list(imported_need.source_analyses.all()) == [imported_analysis]
    assert list(imported_example.needs_addressed.all()) == [imported_need]
    assert list(imported_result.needs.all()) == [imported_need]
    assert imported_example.region.code == "01"
    assert "<strong>fler</strong>" in imported_analysis.body[0].value.source
    assert "För få sökande." in imported_example.challenge
    assert "Handledning kostar." in imported_example.lessons_learned
    assert sorted(imported_analysis.sectors.values_list("code", flat=True)) == ["87", "Q"]
    document = imported_analysis.attachments.get().document
    assert document.extracted_text.status == "done"


def test_reimport_is_idempotent_and_updates_in_place(manifest):
    directory = manifest([analysis(), need()])
    import_publications(directory)
    need_pk = CompetenceNeedPage.objects.get(external_id="n1").pk

    again = import_publications(directory)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    manifest([analysis(), need(title="Behov med ny titel", status="insats_pagar")])
    changed = import_publications(directory)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    updated = CompetenceNeedPage.objects.get(external_id="n1")
    assert updated.pk == need_pk
    assert (updated.title, updated.status) == ("Behov med ny titel", "insats_pagar")
    assert CompetenceNeedPage.objects.filter(external_id="n1").count() == 1


def test_moving_a_record_to_another_region(manifest):
    directory = manifest([analysis()])
    import_publications(directory)
    manifest([analysis(region="09")])
    import_publications(directory)
    page = AnalysisPage.objects.get(external_id="a1")
    assert page.region.code == "09"
    assert page.url.startswith("/regioner/region-gotland/")


def test_links_to_pages_imported_earlier(manifest):
    import_publications(manifest([analysis()]))
    import_publications(manifest([need()]))
    assert (
        CompetenceNeedPage.objects.get(external_id="n1").source_analyses.get().external_id == "a1"
    )


def test_draft_option(manifest):
    import_publications(manifest([analysis(), need()]), draft=True)
    assert not AnalysisPage.objects.get(external_id="a1").live
    assert not CompetenceNeedPage.objects.get(external_id="n1").live


def test_need_without_source_analysis_is_kept_as_draft(manifest):
    summary = import_publications(manifest([need(analyses=[])]))
    assert not CompetenceNeedPage.objects.get(external_id="n1").live
    assert summary.drafts == ["n1 (saknar källanalys)"]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (['{"external_id": "x",'], "line 1: json: ogiltig JSON"),
        (["[1, 2]"], "line 1: json: raden ska vara ett JSON-objekt"),
        ([analysis(title="")], "line 1: title: fältet krävs"),
        ([analysis(summary=None)], "line 1: summary: fältet krävs"),
        (
            [{k: v for k, v in analysis().items() if k != "external_id"}],
            "line 1: external_id: fältet krävs",
        ),
        ([analysis(type="podcast")], "line 1: type: 'podcast' ska vara en av"),
        ([analysis(region="99")], "line 1: region: okänd länskod '99'"),
        (
            [analysis(published="2026-02-30")],
            "line 1: published: '2026-02-30' är inget giltigt datum",
        ),
        ([analysis(published="15/1 2026")], "line 1: published: ska vara ett datum"),
        ([analysis(horizon=None)], "line 1: horizon: fältet krävs för typen analysis"),
        ([analysis(kind="gissning")], "line 1: kind: 'gissning' ska vara en av"),
        ([analysis(summary="x" * 601)], "line 1: summary: högst 600 tecken"),
        ([analysis(sectors="Q")], "line 1: sectors: ska vara en lista med texter"),
        ([analysis(sectors=["Ö"])], "line 1: sectors: okänd SNI-kod 'Ö'"),
        ([analysis(occupations=["9999"])], "line 1: occupations: okänd SSYK-kod '9999'"),
        ([analysis(municipalities=["0000"])], "line 1: municipalities: okänd kommunkod '0000'"),
        (
            [analysis(attachments=["saknas.pdf"])],
            "line 1: attachments: filen 'saknas.pdf' finns inte",
        ),
        (
            [analysis(attachments=["../etc/passwd"])],
            "line 1: attachments: '../etc/passwd' ska vara ett filnamn",
        ),
        ([analysis(colour="blå")], "line 1: colour: okänt fält"),
        ([analysis(status="i_dialog")], "line 1: status: fältet gäller inte typen analysis"),
        (
            [analysis(), need(analyses=["nope"])],
            "line 2: analyses: 'nope' finns varken i manifestet",
        ),
        (
            [analysis(), need(analyses=["n1"])],
            "line 2: analyses: 'n1' är av typen need, inte analysis",
        ),
        ([analysis(), need(status="klart")], "line 2: status: 'klart' ska vara en av"),
        ([analysis(), need(balance="mycket")], "line 2: balance: 'mycket' ska vara en av"),
        ([need(attachments=["x.pdf"]), analysis()], "line 1: attachments: bilagor kan bara anges"),
        ([analysis(), analysis()], "line 2: external_id: 'a1' finns redan på rad 1"),
        ([analysis(), need(), example(outcome="super")], "line 3: outcome: 'super' ska vara en av"),
    ],
)
def test_every_problem_is_reported_and_nothing_is_written(manifest, records, expected):
    before = AnalysisPage.objects.count()
    problems = problems_of(manifest(records))
    assert any(problem.startswith(expected) for problem in problems), problems
    assert AnalysisPage.objects.count() == before


def test_all_problems_of_all_lines_are_listed(manifest):
    problems = problems_of(
        manifest([analysis(region="99"), need(horizon="idag", analyses=[]), "{"])
    )
    assert problems == [
        "line 1: region: okänd länskod '99'",
        "line 2: horizon: 'idag' ska vara en av short, long",
        "line 3: json: ogiltig JSON (Expecting property name enclosed in double quotes, kolumn 2)",
    ]


def test_type_cannot_change_on_reimport(manifest):
    import_publications(manifest([analysis()]))
    problems = problems_of(manifest([need(external_id="a1", analyses=[])]))
    assert problems == ["line 1: type: 'a1' finns redan som analysis; typen kan inte ändras"]


def test_a_late_error_leaves_the_database_untouched(manifest):
    records = [analysis(f"a{number}") for number in range(1, 6)] + [analysis("a6", region="00")]
    problems_of(manifest(records))
    assert not AnalysisPage.objects.filter(external_id__startswith="a").exists()


def test_manually_created_pages_are_not_touched(manifest):
    own = AnalysisPageFactory(region="22", title="Egen analys")
    import_publications(manifest([analysis()]))
    own.refresh_from_db()
    assert own.title == "Egen analys"


def test_command_prints_line_field_message_and_exits_1(manifest, capsys):
    directory = manifest([analysis(region="99", occupations=["1"])])
    with pytest.raises(CommandError) as error:
        call_command("import_publications", str(directory))
    assert error.value.returncode == 1
    assert "Ingenting har skrivits" in str(error.value)
    stderr = capsys.readouterr().err
    assert "line 1: region: okänd länskod '99'" in stderr


def test_command_summary(manifest, capsys):
    directory = manifest([analysis(), need()])
    call_command("import_publications", str(directory))
    assert "Klart: 2 skapade, 0 uppdaterade, 0 oförändrade." in capsys.readouterr().out
    call_command("import_publications", str(directory), "--draft")
    assert "Klart: 0 skapade, 0 uppdaterade, 2 oförändrade." in capsys.readouterr().out


def test_missing_manifest(tmp_path):
    assert problems_of(tmp_path) == [f"line 0: manifest: filen manifest.jsonl saknas i {tmp_path}"]

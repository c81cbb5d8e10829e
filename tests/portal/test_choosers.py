"""The chooser endpoint (/valj/<lista>/) and the chooser field: what each list offers whom, in
which order, and that a form accepts only what its list holds."""

import pytest
from django import forms

from accounts.models import Organisation, OrganisationKind
from content.models import Municipality, Occupation
from portal.choosers.forms import ChooserField, prepare_choosers
from portal.choosers.sources import RESULT_LIMIT
from tests.factories import AnalysisPageFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
EDITOR = "Redaktör – Region Västernorrland"


@pytest.fixture
def editor():
    return UserFactory(groups=[EDITOR], mfa=True)


@pytest.fixture
def member():
    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    return MembershipFactory(organisation=sundsvall).user


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def labels(client, url):
    return [row["label"] for row in results(client, url)["results"]]


def test_ssyk_matches_code_prefix_and_name_exact_code_first(client, member):
    client.force_login(member)
    found = labels(client, "/valj/ssyk/?q=2221")
    assert found[0].startswith("2221 – ")
    assert all(label.startswith("2221") for label in found)
    by_name = labels(client, "/valj/ssyk/?q=undersköterskor")
    assert by_name and all("ndersköterskor" in label for label in by_name)


def test_names_with_swedish_letters_match_in_any_case(client, member):
    client.force_login(member)
    assert "2284 – Örnsköldsvik" in labels(client, "/valj/kommuner/?q=örn")
    assert "2284 – Örnsköldsvik" in labels(client, "/valj/kommuner/?q=ÖRNS")


def test_own_region_comes_first(client, editor, member):
    client.force_login(editor)
    west_north = set(Municipality.objects.filter(region__code="22").values_list("code", flat=True))
    first = labels(client, "/valj/kommuner/?q=")[: len(west_north)]
    assert {label.split(" – ")[0] for label in first} == west_north

    # A member of Sundsvalls kommun is in Västernorrland too: its organisations come first.
    client.force_login(member)
    organisations = results(client, "/valj/organisationer/?q=kommun")["results"]
    regions = dict(
        Organisation.objects.filter(pk__in=[row["id"] for row in organisations]).values_list(
            "pk", "region__code"
        )
    )
    own = [regions[row["id"]] == "22" for row in organisations]
    assert own[0] and own == sorted(own, reverse=True), "own region's organisations first"


def test_at_most_twenty_results_and_says_there_are_more(client, member):
    client.force_login(member)
    data = results(client, "/valj/ssyk/?q=")
    assert len(data["results"]) == RESULT_LIMIT
    assert data["more"] is True
    few = results(client, "/valj/ssyk/?q=2221")
    assert few["more"] is False


def test_chosen_values_are_left_out(client, member):
    client.force_login(member)
    nurse = Occupation.objects.get(code="2221")
    data = results(client, f"/valj/ssyk/?q=2221&utom={nurse.pk}")
    assert nurse.pk not in [row["id"] for row in data["results"]]


def test_anonymous_may_not_search(client):
    response = client.get("/valj/ssyk/?q=sjuk")
    assert response.status_code == 403
    assert "Logga in" in response.json()["error"]


def test_analyses_only_for_editors_and_drafts_only_of_their_own_region(client, editor, member):
    AnalysisPageFactory(region="09", title="Gotlands besöksnäring")
    own_draft = AnalysisPageFactory(region="22", title="Västernorrlands utkast om skog")
    own_draft.unpublish()
    other_draft = AnalysisPageFactory(region="09", title="Gotlands utkast om skog")
    other_draft.unpublish()

    client.force_login(member)
    assert client.get("/valj/analyser/?q=skog").status_code == 403

    client.force_login(editor)
    found = labels(client, "/valj/analyser/?q=")
    assert "Västernorrlands utkast om skog (Region Västernorrland, utkast)" in found
    assert "Gotlands besöksnäring (Region Gotland)" in found
    assert not any("Gotlands utkast" in label for label in found)
    # The editor's own region first.
    assert found[0].startswith("Västernorrlands utkast")


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 101,
        "?q=sjuk&utom=abc",
        "?q=sjuk&utom=-1",
        "?q=sjuk&utom=99999999999999999999999",
        "?q=sjuk&" + "&".join(f"utom={n}" for n in range(1, 202)),
    ],
)
def test_bad_parameters_answer_400(client, member, query):
    client.force_login(member)
    response = client.get("/valj/ssyk/" + query)
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_list_answers_404_and_post_405(client, member):
    client.force_login(member)
    assert client.get("/valj/hemligt/?q=a").status_code == 404
    assert client.post("/valj/ssyk/", {"q": "a"}).status_code == 405


def test_control_characters_in_the_query_do_no_harm(client, member):
    client.force_login(member)
    assert client.get("/valj/ssyk/?q=sjuk%00%0Ask").status_code == 200


@pytest.mark.parametrize("source", ["ssyk", "sni", "kommuner", "analyser", "organisationer"])
def test_query_budget_does_not_grow_with_the_list(
    client, editor, source, django_assert_max_num_queries
):
    for number in range(3):
        AnalysisPageFactory(region="22", title=f"Analys om skog {number}")
    client.force_login(editor)
    # Session, user, groups, then the one search query (permissions on top for analyses).
    with django_assert_max_num_queries(6):
        assert client.get(f"/valj/{source}/?q=s").status_code == 200


class ChooserForm(forms.Form):
    occupations = ChooserField("ssyk", label="Yrken (SSYK)", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        prepare_choosers(self, user=user)


def test_widget_renders_only_the_chosen_values(member):
    nurse, assistant = Occupation.objects.filter(code__in=["2221", "5321"]).order_by("code")
    html = str(ChooserForm(initial={"occupations": [nurse, assistant]}, user=member))
    assert html.count('type="checkbox"') == 2
    assert "<option" not in html
    assert "2221 – " in html and "5321 – " in html
    assert 'data-chooser-url="/valj/ssyk/"' in html
    assert '<label for="id_occupations">Yrken (SSYK)</label>' in html


def test_form_accepts_listed_ids_and_typed_codes_or_names(member):
    nurse = Occupation.objects.get(code="2221")
    form = ChooserForm(
        {"occupations": [str(nurse.pk)], "occupations-lagg-till": "5321, sjukgymnaster"},
        user=member,
    )
    assert form.is_valid(), form.errors
    assert [o.code for o in form.cleaned_data["occupations"]] == ["2221", "5321", "2272"]


@pytest.mark.parametrize("posted", ["abc", "99999999", "-3", "1e3"])
def test_form_rejects_values_not_in_the_list(member, posted):
    form = ChooserForm({"occupations": [posted]}, user=member)
    assert not form.is_valid()
    assert "finns inte i listan" in form.errors["occupations"][0]


def test_form_explains_typed_text_that_matches_nothing_or_too_much(member):
    form = ChooserForm({"occupations-lagg-till": "xyzzy, sköterskor"}, user=member)
    assert not form.is_valid()
    nothing, many = form.errors["occupations"]
    assert nothing == "Inget i listan passar ”xyzzy”."
    assert "”sköterskor” passar flera" in many and "Skriv koden" in many


def test_values_already_chosen_stay_valid_outside_the_users_list(client, editor, member):
    other_draft = AnalysisPageFactory(region="09", title="Gotlands utkast")
    other_draft.unpublish()

    class AnalysisForm(forms.Form):
        analyses = ChooserField("analyser", label="Källanalyser", required=False)

    kept = AnalysisForm({"analyses": [str(other_draft.pk)]}, initial={"analyses": [other_draft]})
    prepare_choosers(kept, user=editor)
    assert kept.is_valid(), kept.errors
    added = AnalysisForm({"analyses": [str(other_draft.pk)]})
    prepare_choosers(added, user=editor)
    assert not added.is_valid()

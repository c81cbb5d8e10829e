import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content import reference_data
from content.models import EducationField, Municipality, Occupation, Region, Sector

pytestmark = pytest.mark.django_db


def test_all_official_codes_are_loaded():
    assert Region.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert Sector.objects.filter(level=Sector.Level.SECTION).count() == 21
    assert Sector.objects.filter(level=Sector.Level.DIVISION).count() == 88
    assert Occupation.objects.count() == 633
    assert EducationField.objects.count() == 10
    per_level = {level: Occupation.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert per_level == {1: 10, 2: 46, 3: 148, 4: 429}


def test_natural_keys_and_links():
    stockholm = Region.objects.get(code="01")
    assert stockholm.name == "Region Stockholm"
    assert stockholm.county_name == "Stockholms län"
    assert Municipality.objects.get(code="2281").name == "Sundsvall"
    assert Municipality.objects.get(code="2281").region.code == "22"
    assert all(
        m.code.startswith(m.region.code) for m in Municipality.objects.select_related("region")
    )


def test_every_ssyk_code_links_to_its_parent():
    nurse = Occupation.objects.select_related("parent__parent__parent").get(code="5321")
    assert [nurse.parent.code, nurse.parent.parent.code, nurse.parent.parent.parent.code] == [
        "532",
        "53",
        "5",
    ]
    orphans = Occupation.objects.filter(level__gt=1, parent__isnull=True)
    assert not orphans.exists()
    for occupation in Occupation.objects.filter(level__gt=1).select_related("parent"):
        assert occupation.parent.code == occupation.code[:-1]


def test_sni_divisions_belong_to_sections_and_carry_the_version():
    manufacturing = Sector.objects.get(code="C", version=Sector.Version.SNI2007)
    assert manufacturing.division_range == "10–33"
    assert manufacturing.children.count() == 24
    assert set(Sector.objects.values_list("version", flat=True)) == {"SNI2007"}


def test_loading_twice_changes_nothing():
    result = reference_data.load()
    assert (result.created, result.updated) == (0, 0)
    assert Region.objects.count() == 21


def test_a_changed_name_in_the_file_is_updated_in_place(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(reference_data.DATA_DIR, data_dir)
    regions = data_dir / "regions.csv"
    regions.write_text(
        regions.read_text(encoding="utf-8").replace("Region Gotland", "Region Gotland (ny)"),
        encoding="utf-8",
    )
    gotland_id = Region.objects.get(code="09").pk
    result = reference_data.load(data_dir)
    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.get(code="09").pk == gotland_id
    assert Region.objects.get(code="09").name == "Region Gotland (ny)"


@pytest.mark.parametrize(
    ("file_name", "old", "new", "expected"),
    [
        ("regions.csv", "county_code,county_name", "lan,county_name", "regions.csv:1: kolumnerna"),
        ("regions.csv", "09,Gotlands län", "9,Gotlands län", "regions.csv:9: county_code '9'"),
        ("regions.csv", "09,Gotlands län", "01,Gotlands län", "förekommer redan på rad 2"),
        ("municipalities.csv", "0114,Upplands Väsby,01", "0114,Upplands Väsby,99", "okänd länskod"),
        ("municipalities.csv", "0114,Upplands Väsby,01", "0114,,01", "municipalities.csv:2: tomt"),
        ("municipalities.csv", "0114,Upplands Väsby,01", "0514,Upplands Väsby,01", "börjar inte"),
        ("sni2007_divisions.csv", "01,A,", "01,Ö,", "okänd avdelning"),
        ("ssyk2012_groups.csv", "5321,4,", "5391,4,", "överordnad grupp '539' saknas"),
        ("ssyk2012_groups.csv", "5321,4,", "5321,3,", "stämmer inte"),
        ("sun2020_fields.csv", "0,1,Allmän utbildning", "0,1", "raden ska ha 3 fält"),
    ],
)
def test_bad_files_fail_loudly_with_file_and_line_and_write_nothing(
    tmp_path, file_name, old, new, expected
):
    data_dir = tmp_path / "data"
    shutil.copytree(reference_data.DATA_DIR, data_dir)
    path = data_dir / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    Region.objects.filter(code="25").update(name="Oförändrad")

    with pytest.raises(reference_data.ReferenceDataError) as error:
        reference_data.load(data_dir)

    assert any(expected in problem for problem in error.value.problems), error.value.problems
    assert Region.objects.get(code="25").name == "Oförändrad"


def test_the_command_reports_every_problem_and_exits_with_an_error(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(reference_data.DATA_DIR, data_dir)
    (data_dir / "municipalities.csv").write_text(
        "municipality_code,municipality_name,county_code\n0114,Upplands Väsby,99\nabcd,X,01\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", data_dir=data_dir)
    message = str(error.value)
    assert "inget har skrivits" in message
    assert "municipalities.csv:2: okänd länskod '99'" in message
    assert "municipalities.csv:3: municipality_code 'abcd' har fel format" in message

"""Organisationsnummer: format NNNNNN-NNNN and the Luhn check digit."""

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import normalise_organisation_number, validate_organisation_number


@pytest.mark.parametrize("number", ["212000-2411", "2120002411", " 556036-0793 ", "202100-5489"])
def test_valid_numbers(number):
    validate_organisation_number(number)


def test_hyphen_is_normalised():
    assert normalise_organisation_number("2120002411") == "212000-2411"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("212000-2412", "kontrollsiffran stämmer inte"),
        ("21200-02411", "formatet NNNNNN-NNNN"),
        ("abc", "formatet NNNNNN-NNNN"),
        ("212000-241", "formatet NNNNNN-NNNN"),
        ("850101-1234", "ser ut som ett personnummer"),
    ],
)
def test_invalid_numbers_have_a_swedish_message(number, message):
    with pytest.raises(ValidationError) as error:
        validate_organisation_number(number)
    assert message in error.value.messages[0]

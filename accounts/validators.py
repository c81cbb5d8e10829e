"""Validation of Swedish organisationsnummer (format and Luhn check digit)."""

import re

from django.core.exceptions import ValidationError

ORGANISATION_NUMBER_FORMAT = re.compile(r"^(\d{6})-?(\d{4})$")


def normalise_organisation_number(value: str) -> str:
    """Return ``NNNNNN-NNNN``; the input may omit the hyphen and carry surrounding spaces."""
    match = ORGANISATION_NUMBER_FORMAT.match(value.strip())
    if match is None:
        raise ValidationError(
            "Organisationsnumret ska ha formatet NNNNNN-NNNN, till exempel 212000-2411.",
            code="format",
        )
    return f"{match.group(1)}-{match.group(2)}"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_organisation_number(value: str) -> None:
    normalised = normalise_organisation_number(value)
    digits = normalised.replace("-", "")
    # The third digit of an organisationsnummer is at least 2, which tells it apart from a
    # personnummer (month 01–12); sole traders use their personnummer and are not organisations.
    if int(digits[2]) < 2:
        raise ValidationError(
            "Det här ser ut som ett personnummer. Ange organisationens organisationsnummer.",
            code="personal_number",
        )
    if not luhn_is_valid(digits):
        raise ValidationError(
            "Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte.",
            code="checksum",
        )

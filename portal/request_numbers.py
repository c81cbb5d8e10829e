"""Whole numbers typed into a URL or posted by a form: the one parser every view uses.

``int()`` is not a validator: it accepts Unicode digits (``"²"`` passes ``str.isdigit()`` and
then fails in ``int()``), signs and surrounding spaces, and refuses strings of more than 4,300
digits with a ValueError before any range check can run. Here only ASCII digits count, and the
length is checked before the conversion, so any text gives a number in range or ``None``.
"""

# The largest primary key both databases can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def whole_number(raw: str | None, *, lowest: int = 1, highest: int = MAX_ID) -> int | None:
    """``raw`` as an int between ``lowest`` and ``highest``; ``None`` for anything else."""
    if not raw or not (raw.isascii() and raw.isdigit()):
        return None
    significant = raw.lstrip("0") or "0"
    if len(significant) > len(str(highest)):
        return None
    value = int(significant)
    return value if lowest <= value <= highest else None


class IdConverter:
    """``<id:pk>`` in a URL pattern: a primary key the databases can hold, or no match (404).

    Django's ``<int:…>`` passes any length on; a lookup through a page's ``page_ptr`` then
    overflows SQLite's integer instead of finding nothing.
    """

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = whole_number(value)
        if number is None:
            raise ValueError(value)  # Django treats it as "this pattern does not match".
        return number

    def to_url(self, value: int) -> str:
        return str(value)

"""Reading back the files that the listings and search export (CSV or JSON)."""

import csv
import io


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def exported(client, url: str, params: dict, fmt: str) -> tuple[object, list[dict]]:
    """The export of ``url`` with ``params`` in ``fmt`` and its rows, read back."""
    response = client.get(url, {**params, "format": fmt})
    assert response.status_code == 200, response.content[:300]
    rows = csv_rows(response) if fmt.lower() == "csv" else response.json()["poster"]
    return response, rows

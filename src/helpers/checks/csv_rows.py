"""Reading the data CSV files row by row for validation, so that a malformed
row is reported once, with its field count and the likely cause, and the rows
after it are still read."""

from __future__ import annotations

import csv
import re

# Free-text columns: where an unquoted comma usually is.
TEXT_COLUMNS = {"title", "notes", "note", "quote", "context", "description", "event_en", "event_vi", "label_en"}
TEXT_COLUMNS |= {"label_vi", "definition_en", "period_label", "publisher"}


def records(text: str) -> list[tuple[int, list[str], str | None]]:
    """(line number, fields, problem) of each non-empty CSV record. A record
    running over several lines is an unclosed quote (no data file has multi-line
    fields): it is reported on its first line and reading resumes on the next,
    so that the rows after it are still read."""
    lines = re.split(r"(?<=\n)", text)
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    records = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        reader = csv.reader(lines[j] for j in range(i, len(lines)))
        try:
            fields = next(reader)
            spans = reader.line_num
        except csv.Error:
            fields, spans = [], 2
        odd = line.count('"') % 2  # quotes come in pairs on a well-formed line
        if spans > 1 or (i == last and odd):
            fields = next(csv.reader([line.rstrip("\r\n") + '"']), [])
            records.append((i + 1, fields, UNCLOSED))
        else:
            records.append((i + 1, fields, ODD if odd else None))
    return records


ODD = "an odd number of double quotes"
UNCLOSED = (
    "a double-quoted field opens on this row and is not closed: add its closing double quote "
    '(a double quote inside a field is written twice: "")'
)


def field_count(fields: list[str], header: list[str]) -> str:
    found = f"found {len(fields)} fields, expected {len(header)}"
    if len(fields) > len(header):
        texts = [c for c in header if c in TEXT_COLUMNS]
        where = f" ({', '.join(texts)})" if texts else ""
        return (
            f"{found}: most likely an unquoted comma in a text field{where}; put that field in double quotes "
            '(a double quote inside it is written twice: "")'
        )
    return f"{found}: a field is missing (an empty value still needs its comma: ,,)"

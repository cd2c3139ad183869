"""Checks on the Vietnamese texts of the data: data/notes_vi.csv gives every note
readers see a Vietnamese text (helpers.text.notes), and data/glossary.csv is
well formed (helpers.text.glossary). Called by helpers.run.validate (make validate);
problems use the same `file:row:column: message` form."""

from __future__ import annotations

import re

from helpers.text import glossary, notes

NOTES = "data/notes_vi.csv"
GLOSSARY = "data/glossary.csv"


def check(c) -> None:
    """`c`: the helpers.checks.validation checker (add, read)."""
    _check_notes(c)
    _check_glossary(c)


def _check_notes(c) -> None:
    table = c.read(NOTES, notes.COLUMNS)
    if table is None:
        return
    given: dict[tuple[str, str, str], int] = {}
    for line, row in table.rows:
        key = (row["table"], row["id"], row["column"])
        if key in given:
            c.add(table, line, "table+id+column", f"duplicate of row {given[key]}")
        given.setdefault(key, line)
        if not row["text_vi"].strip():
            c.add(table, line, "text_vi", "expected a Vietnamese text, found an empty field")
    known = {}
    for name, (file, id_column, column) in {**notes.SHOWN, **notes.OPTIONAL}.items():
        data = c.read(file, None)
        if data is None:
            continue
        known[name] = {row[id_column] for _, row in data.rows}
        if name not in notes.SHOWN:
            continue
        for line, row in data.rows:
            if row[column].strip() and (name, row[id_column], column) not in given:
                c.add(
                    file,
                    line,
                    column,
                    f"no Vietnamese text for this note; add the row "
                    f"`{name},{row[id_column]},{column},<Vietnamese text>` to {NOTES}",
                )
    columns = {name: spec[2] for name, spec in {**notes.SHOWN, **notes.OPTIONAL}.items()}
    columns = {name: (spec,) if isinstance(spec, str) else spec for name, spec in columns.items()}
    for line, row in table.rows:
        if row["table"] not in columns:
            c.add(table, line, "table", f"{row['table']!r} is not allowed; expected {', '.join(sorted(columns))}")
        elif row["column"] not in columns[row["table"]]:
            c.add(
                table,
                line,
                "column",
                f"{row['column']!r} is not allowed; expected {' or '.join(columns[row['table']])}",
            )
        elif row["table"] in known and row["id"] not in known[row["table"]] and row["id"] not in c.unreadable_ids:
            c.add(table, line, "id", f"{row['id']!r} is not an id of {row['table']}: remove the row or fix the id")


def _check_glossary(c) -> None:
    table = c.read(GLOSSARY, glossary.COLUMNS)
    if table is None:
        return
    for line, row in table.rows:
        for column in ("term_en", "term_vi", "source"):
            if not row[column].strip():
                c.add(table, line, column, "expected a value, found an empty field")
        if row["avoid_vi"]:
            try:
                re.compile(row["avoid_vi"])
            except re.error as exc:
                c.add(table, line, "avoid_vi", f"not a regular expression ({exc}); write one Python regex")

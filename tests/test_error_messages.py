"""Errors that point at the fix: a malformed CSV row says how many fields it
has and why; one bad row gives one error, not a cascade; a misplaced exclusion
names the offset of its token; a quote not found shows the closest passage;
an exclusion context is any window of the text around its token."""

import csv
import io

from test_validation import edit, problems_at, project  # noqa: F401  (project is a fixture)

from helpers.run.validate import validate_all

OBS = "data/observations.csv"
QUOTE = (
    "Cổng Dịch vụ công của tỉnh đang cung cấp 1.860 dịch vụ công trực tuyến trong đó bao gồm 1.219 "
    "dịch vụ công trực tuyến mức 4, đã tích hợp 910 dịch vụ công lên Cổng Dịch vụ công quốc gia"
)


def n_fields(root, file):
    """Columns of `file`'s header: the count a row must have."""
    with (root / file).open(encoding="utf-8", newline="") as handle:
        return len(next(csv.reader(handle)))


def rewrite_line(root, file, starts_with, change):
    """Apply `change` to the one physical line of `file` starting with `starts_with`; its line number."""
    path = root / file
    lines = path.read_text(encoding="utf-8").split("\n")
    (n,) = [i for i, line in enumerate(lines) if line.startswith(starts_with)]
    lines[n] = change(lines[n])
    path.write_text("\n".join(lines), encoding="utf-8")
    return n + 1


def test_an_unquoted_comma_is_named_with_the_field_counts_and_gives_one_error(project):
    line = rewrite_line(project, OBS, "20220505-12,", lambda s: s.replace(f'"{QUOTE}"', QUOTE))
    found = [str(p) for p in validate_all(project)]
    assert len(found) == 1, found  # no cascade: the numbers of its quote are not reported as well
    n = n_fields(project, OBS)
    assert found[0].startswith(f"{OBS}:{line}:-: found {n + 1} fields, expected {n}")
    assert "unquoted comma" in found[0] and "double quotes" in found[0]


def test_a_missing_field_is_named_with_the_field_counts(project):
    line = rewrite_line(project, OBS, "20220505-12,", lambda s: s.replace("exact,", "", 1))
    (message,) = [str(p) for p in validate_all(project) if p.file == OBS]
    n = n_fields(project, OBS)
    assert message.startswith(f"{OBS}:{line}:-: found {n - 1} fields, expected {n}")


def test_an_unclosed_quote_does_not_swallow_the_rows_after_it(project):
    line = rewrite_line(project, OBS, "20220505-12,", lambda s: s.replace(f'"{QUOTE}"', f'"{QUOTE}'))
    found = [str(p) for p in validate_all(project)]
    assert len(found) == 1, found
    assert found[0].startswith(f"{OBS}:{line}:-:") and "closing double quote" in found[0]


def test_a_misplaced_exclusion_names_where_its_token_is(project):
    path = project / "data/number_exclusions.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    source, start, token = rows[1][0], int(rows[1][1]), rows[1][2]
    rows[1][1] = str(start + 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    found = [str(p) for p in validate_all(project)]
    assert len(found) == 1, found  # the token itself is not reported as unaccounted too
    assert f"{token!r} is not at offset {start + 1} of {source}" in found[0]
    assert f"it is at offset {start}" in found[0]


def test_a_quote_not_found_shows_the_closest_passage(project):
    line = edit(project, "observations.csv", "20220505-12", "quote", QUOTE.replace("1.860", "1.680"))
    (message,) = problems_at(project, "observations.csv", line, "quote")
    assert "not found verbatim" in message
    assert "đang cung cấp 1.860 dịch vụ" in message  # the article's own words
    assert "'1.680'" in message and "'1.860'" in message  # where they differ


def test_an_exclusion_context_may_be_any_window_around_its_token(project):
    path = project / "data/number_exclusions.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    full = rows[1][4]
    token = rows[1][2]
    left, right = full.split(f"[{token}]")
    rows[1][4] = f"{left[-8:]}[{token}]{right[:5]}"  # a narrower window
    rows[2][4] = rows[2][4].replace(f"[{rows[2][2]}]", f"x[{rows[2][2]}]")  # not the text there
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert problems_at(project, "number_exclusions.csv", 2, "context") == []
    (message,) = problems_at(project, "number_exclusions.csv", 3, "context")
    assert "does not match the text at offset" in message and "[brackets]" in message

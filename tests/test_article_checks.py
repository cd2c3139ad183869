"""`make validate` as the one gate for a new article: number coverage at
file:offset, exclusion contexts, source provinces, targets dated by their
deadline; and the coverage helper as a command-line tool."""

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from test_validation import edit, problems_at, project  # noqa: F401  (project is a fixture)

from helpers.checks import coverage
from helpers.data import loading
from helpers.data.paths import ROOT
from helpers.data.sources import read_article
from helpers.run.validate import validate_all

NEW_ID = "2024-03-01_unknown_tiengiang-test"
NEW_FILE = f"data/raw/articles/{NEW_ID}.txt"
# Made up for the tests: a dateline, a hedged count, a percentage, a rank.
NEW_TEXT = (
    "01/03/2024 | 08:15 GMT+7\n"
    "Đến nay, Tiền Giang có hơn 1.250 dịch vụ công trực tuyến, đạt 45,5%; DTI xếp thứ 12/63.\n"
    "Trong tháng 2/2024, Nghị quyết số 15 giai đoạn 2021-2025 được ban hành.\n"
)


def add_article(root, text=NEW_TEXT, provinces="Tiền Giang"):
    """Register a new raw article in the project copy at `root`, as the README says."""
    (root / NEW_FILE).write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row = {
        "source_id": NEW_ID,
        "file": NEW_FILE,
        "title": "Tiêu đề",
        "outlet": "unknown",
        "published": "2024-03-01",
        "reference_date": "2024-03-01",
        "provinces": provinces,
        "language": "vi",
        "url": "unknown",
        "tier": "article",
        "publisher": "unknown",
        "confidence": "high",
        "sha256": digest,
    }
    with (root / "data/sources.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with (root / "data/sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, restval="", lineterminator="\n").writerow(row)
    with (root / "data/sources.csv").open(encoding="utf-8") as handle:
        return sum(1 for _ in handle)  # the new row's line number


def append_rows(root, file, rows):
    with (root / "data" / file).open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


# -- number coverage -----------------------------------------------------------


def test_each_unaccounted_number_of_a_new_article_is_reported_at_file_offset(project):
    add_article(project)
    found = {(p.row, p.column): p.message for p in validate_all(project) if p.file == NEW_FILE}
    tokens = [(m.start, m.text) for m in coverage.find_numbers(NEW_TEXT)]
    assert set(found) == {(start, "") for start, _ in tokens}
    for start, token in tokens:
        assert f"number {token!r} of {NEW_ID} is not accounted for" in found[(start, "")]
    assert any(
        str(p).startswith(f"{NEW_FILE}:{NEW_TEXT.index('1.250')}: number '1.250'") for p in validate_all(project)
    )


def test_dropping_one_exclusion_leaves_its_number_unaccounted(project):
    path = project / "data/number_exclusions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(csv.reader([lines[1]]))
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    file = f"data/raw/articles/{dropped[0]}.txt"
    found = [str(p) for p in validate_all(project)]
    assert found == [
        f"{file}:{dropped[1]}: number {dropped[2]!r} of {dropped[0]} is not accounted for: "
        f"{dropped[4]!r}; curate it (data/observations.csv or data/milestones.csv) or exclude it "
        "(data/number_exclusions.csv; `python -m helpers.checks.coverage --csv exclusions FILE` "
        "prints the rows)"
    ]


def test_command_line_fails_on_an_unaccounted_number(project):
    add_article(project)
    result = subprocess.run(
        [sys.executable, "-m", "helpers.run.validate", "--root", str(project)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{NEW_FILE}:{NEW_TEXT.index('45,5%')}: number '45,5%'" in result.stderr
    assert result.stdout == ""


# -- exclusion context and source provinces --------------------------------------


def test_exclusion_context_must_match_the_text(project):
    path = project / "data/number_exclusions.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    good = rows[1][4]
    rows[1][4] = good.replace("[", "").replace("]", "")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    found = problems_at(project, "number_exclusions.csv", 2, "context")
    (message,) = found
    assert message.startswith(f"does not match the text at offset {rows[1][1]} of {rows[1][0]}: ")
    assert message.endswith(f"the helper's window is {good!r}")


@pytest.mark.parametrize("provinces", ["Tien Giang", "Hậu Giang;Tien Giang", "all;Hậu Giang", ""])
def test_source_provinces_must_be_spelled_as_in_regions(project, provinces):
    line = edit(project, "sources.csv", "2022-07-27_abo_tiengiang-dx-half-year-review", "provinces", provinces)
    found = problems_at(project, "sources.csv", line, "provinces")
    assert len(found) == 1 and ("not in data/reference/regions.csv" in found[0] or "empty" in found[0]), found
    if "Tien Giang" in provinces:  # the message names the official spelling meant
        assert "'Tien Giang' not in data/reference/regions.csv (did you mean 'Tiền Giang'?)" in found[0]


def test_all_is_allowed_for_a_national_table(project):
    line = edit(project, "sources.csv", "dti-calendar", "provinces", "all")
    assert problems_at(project, "sources.csv", line, "provinces") == []
    assert [str(p) for p in validate_all(project)] == []


# -- targets are dated by their deadline -------------------------------------------

TARGET = "20231010-05"


def test_a_target_may_end_after_its_article(project):
    edit(project, "observations.csv", TARGET, "period_start", "2025-01-01")
    edit(project, "observations.csv", TARGET, "period_end", "2025-12-31")
    assert [str(p) for p in validate_all(project)] == []


def test_a_result_may_not_end_after_its_article(project):
    edit(project, "observations.csv", TARGET, "period_start", "2025-01-01")
    line = edit(project, "observations.csv", TARGET, "period_end", "2025-12-31")
    edit(project, "observations.csv", TARGET, "kind", "result")
    found = problems_at(project, "observations.csv", line, "period_end")
    assert any("after the source's reference date 2023-10-10" in m and "only kind=target" in m for m in found)


def test_a_dti_rank_target_may_name_a_year_not_yet_assessed(project):
    text = "Phấn đấu đến năm 2025 chỉ số DTI của tỉnh thuộc top 10.\n"
    add_article(project, text)
    rows = [
        [
            f"20240301-0{i}",
            "Tiền Giang",
            "dti_rank_overall",
            "10",
            "at_most",
            "2025-01-01",
            "2025-12-31",
            "đến năm 2025",
            "stated",
            kind,
            NEW_ID,
            "chỉ số DTI của tỉnh thuộc top 10",
            "",
        ]
        for i, kind in enumerate(["target", "result"], start=1)
    ]
    append_rows(project, "observations.csv", rows)
    at = text.index("2025")
    append_rows(
        project,
        "number_exclusions.csv",
        [[NEW_ID, str(at), "2025", "period_or_year", coverage.exclusion_context(text, at, "2025")]],
    )
    found = [str(p) for p in validate_all(project)]
    line = sum(1 for _ in (project / "data/observations.csv").open(encoding="utf-8"))
    assert all(p.startswith(f"data/observations.csv:{line}:") for p in found), found  # only the result row
    assert {p.split(":")[2] for p in found} == {"period_end", "period_start"}


# -- the coverage helper as a tool ---------------------------------------------


def run_coverage(*args):
    return subprocess.run(
        [sys.executable, "-m", "helpers.checks.coverage", *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )


def test_coverage_help_and_missing_file():
    shown = run_coverage("--help")
    assert shown.returncode == 0 and "--csv {exclusions,observations}" in shown.stdout
    missing = run_coverage("no/such/article.txt")
    assert missing.returncode == 2 and "no/such/article.txt: no such file" in missing.stderr


def test_csv_exclusion_rows_make_a_new_article_valid(project, tmp_path):
    add_article(project)
    printed = run_coverage("--csv", "exclusions", project / NEW_FILE)
    assert printed.returncode == 0, printed.stderr
    rows = list(csv.reader(io.StringIO(printed.stdout)))
    assert rows[0] == "source_id start text reason context".split()
    suggested = {r[2]: r[3] for r in rows[1:]}
    assert list(suggested) == ["01/03/2024", "08:15", "7", "1.250", "45,5%", "12/63", "2/2024", "15", "2021-2025"]
    assert suggested == {
        "01/03/2024": "publication_metadata",
        "08:15": "publication_metadata",  # the dateline
        "7": "publication_metadata",
        "1.250": "",
        "45,5%": "",
        "12/63": "",
        "2/2024": "period_or_year",
        "15": "document_number",
        "2021-2025": "period_or_year",
    }
    assert all(r[0] == NEW_ID and NEW_TEXT[int(r[1]) :].startswith(r[2]) for r in rows[1:])
    # ready to use: with a reason filled in, the article passes validation unchanged
    append_rows(project, "number_exclusions.csv", [r[:3] + [r[3] or "not_in_scope"] + r[4:] for r in rows[1:]])
    assert [str(p) for p in validate_all(project)] == []


def test_csv_observation_rows_start_from_the_hedge_and_the_sentence(tmp_path):
    article = tmp_path / "2024-03-01_unknown_test.txt"
    article.write_text(NEW_TEXT, encoding="utf-8")
    printed = run_coverage("--csv", "observations", article)
    rows = {r["value"]: r for r in csv.DictReader(io.StringIO(printed.stdout))}
    assert rows["1250"]["qualifier"] == "at_least" and rows["45.5"]["qualifier"] == "exact"
    assert rows["1250"]["obs_id"].startswith("20240301-")
    assert rows["12"]["quote"] == "DTI xếp thứ 12/63."  # a clause: from the ';' to the full stop
    assert rows["1250"]["quote"] == "Đến nay, Tiền Giang có hơn 1.250 dịch vụ công trực tuyến, đạt 45,5%;"


def test_csv_observation_rows_have_the_columns_of_observations_csv(tmp_path):
    # pasted as printed, a row must land in the right columns (period_basis included)
    article = tmp_path / "2024-03-01_unknown_test.txt"
    article.write_text(NEW_TEXT, encoding="utf-8")
    rows = list(csv.reader(io.StringIO(run_coverage("--csv", "observations", article).stdout)))
    with (ROOT / "data/observations.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert rows[0] == header
    assert len(rows) > 1 and all(len(r) == len(header) for r in rows[1:])
    assert {dict(zip(header, r))["period_basis"] for r in rows[1:]} == {"inferred"}


def test_coverage_names_a_malformed_data_row_instead_of_a_traceback(tmp_path):
    # a copy of the project, since the helper reads the data beside its own code
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", tmp_path / "data")
    line = edit(tmp_path, "observations.csv", "20231010-01", "note", "x")
    path = tmp_path / "data/observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + ",extra\n"  # as a stray comma leaves it
    path.write_text("".join(lines), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    shown = subprocess.run(
        [sys.executable, "-m", "helpers.checks.coverage"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert shown.returncode == 2 and "Traceback" not in shown.stderr
    assert f"data/observations.csv:{line}:-: found 14 fields, expected 13" in shown.stderr


def test_csv_mode_lists_only_what_a_registered_article_still_lacks(project):
    # the helper reads the project it belongs to, so use a real article of it
    source = "2022-07-27_abo_tiengiang-dx-half-year-review"
    printed = run_coverage("--csv", "exclusions", ROOT / f"data/raw/articles/{source}.txt")
    assert printed.stdout.splitlines() == ["source_id,start,text,reason,context"]


def test_a_dateline_without_time_zone_is_suggested_as_publication_metadata():
    text = "Thứ Sáu, ngày 26/04/2024 | 10:05\nNgày 26/04/2024, tỉnh tổ chức hội nghị lúc 8:00.\n"
    suggested = [(m.text, coverage.suggest_reason(m, text)) for m in coverage.find_numbers(text)]
    # the date of the page's date line, not the same date in the body text
    assert suggested[:2] == [("26/04/2024", "publication_metadata"), ("10:05", "publication_metadata")]
    assert ("26/04/2024", "") in suggested[2:]


def wrong_suggestions(exclusions, text_of) -> list[tuple[str, int, str, str]]:
    """What holds for every correct article: each excluded token gets a suggested reason
    of data/exclusion_reasons.csv, or none (a dateline or pattern the suggester does not
    know is left to the curator: a weaker suggestion, never an error), and a time of
    day or a token next to GMT, which the suggester knows, is publication metadata."""
    known = set(loading.load("exclusion_reasons")["reason"]) | {""}
    wrong = []
    for sid, rows in exclusions.groupby("source_id"):
        text = text_of(sid)
        found = {m.start: m for m in coverage.find_numbers(text)}
        for start, reason in zip(rows["start"], rows["reason"]):
            m = found[int(start)]
            said = coverage.suggest_reason(m, text)
            knows_it = m.kind == "time" or "GMT" in text[m.end : m.end + 30]
            if said not in known or (knows_it and reason == "publication_metadata" and said != reason):
                wrong.append((sid, int(start), reason, said))
    return wrong


def test_every_dateline_token_of_the_corpus_gets_a_known_or_no_suggestion():
    # derived from the data: whatever datelines the registered articles have
    sources = loading.load("sources").set_index("source_id")
    exclusions = loading.load("number_exclusions")
    assert wrong_suggestions(exclusions, lambda sid: read_article(sources.loc[sid, "file"])) == []


def test_a_dateline_the_suggester_does_not_know_is_left_open_not_an_error():
    # a month-only dateline, as some saved pages carry it
    text = " date 2023-08 Tiền Giang có hơn 1.250 dịch vụ công trực tuyến.\n"
    tokens = coverage.find_numbers(text)
    exclusions = pd.DataFrame(
        [{"source_id": "new", "start": tokens[0].start, "text": tokens[0].text, "reason": "publication_metadata"}]
    )
    assert coverage.suggest_reason(tokens[0], text) in {"", "publication_metadata"}
    assert wrong_suggestions(exclusions, lambda sid: text) == []

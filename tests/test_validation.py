"""Data validation: the curated data passes; each kind of bad row is caught
and reported as file:row:column before anything is run."""

import csv
import shutil
import subprocess
import sys

import pytest

from helpers.data.paths import ROOT
from helpers.run.validate import validate_all


def test_curated_data_is_valid():
    assert [str(p) for p in validate_all()] == []


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def edit(root, file, key, column, value):
    """Set `column` of the row whose first field is `key`; returns that row's line number."""
    path = root / "data" / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for line, row in enumerate(rows[1:], start=2):  # noqa: B007 (line is returned after the loop)
        if row[0] == key:
            row[header.index(column)] = value
            break
    else:
        raise KeyError(key)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return line


def problems_at(root, file, line, column):
    return [p.message for p in validate_all(root) if (p.file, p.row, p.column) == (f"data/{file}", line, column)]


OBS = "observations.csv"
BAD_OBSERVATIONS = [
    # (obs_id, column, bad value, words expected in the message)
    (
        "20220505-12",
        "value",
        "1.86",
        "'1.860' written in Vietnamese is 1860 ('.' groups thousands) and the value typed was 1.86",
    ),
    (
        "20220727-04",
        "value",
        "3798",
        "'37,98%' written in Vietnamese is 37.98 (',' is the decimal mark) and the value typed was 3798",
    ),
    ("20220505-12", "value", "1870", "the value typed was 1870, which is no number of the quote"),
    ("20220505-12", "value", "1,860", "not a plain number"),
    ("20220505-12", "indicator_id", "online_services_all", "not an id in data/indicators.csv"),
    ("20220505-12", "source_id", "2022-05-05_nowhere", "not an id in data/sources.csv"),
    ("20220505-12", "province", "Hau Giang", "(did you mean 'Hậu Giang'?); spell it as there, with diacritics"),
    ("20220505-12", "province", "Atlantis", "is not one of the 63 provinces of data/reference/regions.csv; spell"),
    ("20220505-12", "quote", "Cổng Dịch vụ công của tỉnh đang cung cấp 1.680 dịch vụ", "not found verbatim"),
    ("20220505-12", "qualifier", "approx", "disagrees with the quote"),
    ("20230523-13", "qualifier", "exact", "disagrees with the quote"),  # "gần 68.595"
    ("20220505-12", "qualifier", "roughly", "is not allowed"),
    ("20220505-12", "kind", "plan", "is not allowed"),
    ("20220727-04", "value", "137.98", "out of range for unit percent"),
    ("20220505-22", "value", "64", "out of range for unit rank_of_63"),
    ("20220505-12", "period_start", "2022-13-01", "not a real date"),
    ("20220505-12", "period_start", "05/05/2022", "not an ISO date"),
    ("20220505-12", "period_end", "2022-01-01", "before it starts"),
    ("20220727-09", "period_end", "2022-12-31", "after the source's reference date"),
]


@pytest.mark.parametrize(
    ("obs_id", "column", "value", "message"), BAD_OBSERVATIONS, ids=[f"{c}={v}" for _, c, v, _ in BAD_OBSERVATIONS]
)
def test_bad_observation_is_reported_with_file_row_column(project, obs_id, column, value, message):
    line = edit(project, OBS, obs_id, column, value)
    found = problems_at(project, OBS, line, column)
    assert any(message in m for m in found), found


def test_dti_year_not_yet_announced_is_rejected(project):
    # The 23 May 2023 article cannot cite DTI 2022 (announced 12 July 2023).
    line = edit(project, OBS, "20230523-17", "period_start", "2022-01-01")
    edit(project, OBS, "20230523-17", "period_end", "2022-12-31")
    assert any("announced 2023-07-12" in m for m in problems_at(project, OBS, line, "period_start"))


def test_duplicate_obs_id_is_rejected(project):
    line = edit(project, OBS, "20220505-13", "obs_id", "20220505-12")
    assert any("duplicate id" in m for m in problems_at(project, OBS, line, "obs_id"))


def test_changed_raw_article_is_detected(project):
    article = project / "data/raw/articles/2022-07-27_abo_tiengiang-dx-half-year-review.txt"
    article.chmod(0o644)
    article.write_bytes(article.read_bytes().replace(b"37,98%", b"39,98%"))
    found = [str(p) for p in validate_all(project)]
    assert any(":sha256: raw article changed" in p for p in found)
    # the quote of the 37,98% observation no longer matches the text
    assert any(p.startswith("data/observations.csv:") and ":quote: quote not found" in p for p in found)


def test_bad_milestone_date_and_exclusion_offset(project):
    line = edit(project, "milestones.csv", "m01", "date", "2020-10-09")
    assert any("not written in the quote" in m for m in problems_at(project, "milestones.csv", line, "date"))
    path = project / "data/number_exclusions.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    fields = rows[1].split(",")
    fields[1] = str(int(fields[1]) + 1)
    rows[1] = ",".join(fields)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert any("is not at offset" in m for m in problems_at(project, "number_exclusions.csv", 2, "text"))


def test_wrong_header_and_unknown_unit(project):
    path = project / "data/indicators.csv"
    line = edit(project, "indicators.csv", "dti_rank_overall", "unit", "rank_of_64")
    assert any("not allowed" in m for m in problems_at(project, "indicators.csv", line, "unit"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label_vi", "label_vn", 1), encoding="utf-8")
    assert any("expected columns" in m for m in problems_at(project, "indicators.csv", 1, "-"))


def test_all_problems_come_in_one_pass(project):
    edit(project, OBS, "20220505-12", "value", "1.86")
    edit(project, OBS, "20220505-13", "province", "Atlantis")
    edit(project, "milestones.csv", "m02", "source_id", "nowhere")
    files = {p.file for p in validate_all(project)}
    # the numbers of the two rows no longer curated are reported in their articles too
    assert files == {
        "data/observations.csv",
        "data/milestones.csv",
        "data/raw/articles/2022-05-05_baohaugiang_haugiang-mic-cooperation.txt",
        "data/raw/articles/2023-05-23_unknown_haugiang-dx-late-starter.txt",
    }


def test_command_line_exits_non_zero_with_locations(project):
    line = edit(project, OBS, "20220505-12", "value", "1.86")
    result = subprocess.run(
        [sys.executable, "-m", "helpers.run.validate", "--root", str(project)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"data/observations.csv:{line}:value:" in result.stderr

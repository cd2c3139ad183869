"""A real article added by the README's "Adding an article" steps alone, kept
outside the corpus (tests/fixtures/new_article/): its saved text and the rows
written for it. Applied to a copy of data/, the full validation passes and
every number of the article is accounted for; the corpus itself is unchanged."""

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.checks import coverage
from helpers.data.numbers import find_numbers
from helpers.data.paths import ROOT
from helpers.run.validate import validate_all

FIXTURE = Path(__file__).parent / "fixtures" / "new_article"
TABLES = ["sources", "indicators", "observations", "milestones", "number_exclusions", "rate_definitions", "notes_vi"]


def fixture_rows(table: str) -> list[dict]:
    with (FIXTURE / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SOURCE = fixture_rows("sources")[0]
TEXT = (FIXTURE / Path(SOURCE["file"]).name).read_bytes().decode("utf-8")


def apply_fixture(root: Path) -> None:
    """What the README has the curator do: save the text, append the rows
    (matched to each file's own columns)."""
    (root / SOURCE["file"]).write_bytes((FIXTURE / Path(SOURCE["file"]).name).read_bytes())
    for table in TABLES:
        path = root / "data" / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        with path.open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, header, lineterminator="\n").writerows(fixture_rows(table))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", root / "data")
    apply_fixture(root)
    return root


def test_the_saved_text_is_the_one_registered():
    assert hashlib.sha256((FIXTURE / Path(SOURCE["file"]).name).read_bytes()).hexdigest() == SOURCE["sha256"]
    assert Path(SOURCE["file"]).stem == SOURCE["source_id"]


def test_the_article_stays_outside_the_corpus():
    with (ROOT / "data/sources.csv").open(encoding="utf-8", newline="") as handle:
        assert SOURCE["source_id"] not in {row["source_id"] for row in csv.DictReader(handle)}
    assert not (ROOT / SOURCE["file"]).exists()


def test_the_full_validation_passes_with_the_new_article(project):
    assert [str(p) for p in validate_all(project)] == []


def test_every_number_of_the_new_article_is_accounted_for(project):
    # README step 5: the coverage command of the project copy, counts per article
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    shown = subprocess.run(
        [sys.executable, "-m", "helpers.checks.coverage"], capture_output=True, text=True, cwd=project, env=env
    )
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert shown.stdout.rstrip().endswith("every number is accounted for")
    counts = next(line.split() for line in shown.stdout.splitlines() if line.strip().startswith(SOURCE["source_id"]))
    curated, milestone, excluded, unaccounted, total = map(int, counts[1:])
    tokens = find_numbers(TEXT)
    assert total == len(tokens) and unaccounted == 0
    assert excluded == len(fixture_rows("number_exclusions"))
    # each observation accounts for its own value, found in its quote
    values = {float(row["value"]) for row in fixture_rows("observations")}
    assert curated == sum(1 for m in tokens if m.value in values)
    assert milestone == total - curated - excluded
    if not fixture_rows("milestones"):
        assert milestone == 0


def test_the_helper_suggested_the_reasons_the_curator_kept(tmp_path):
    # README step 3: the CSV mode's suggestions, where it made one, are the reasons kept
    article = tmp_path / Path(SOURCE["file"]).name
    article.write_text(TEXT, encoding="utf-8")
    printed = coverage.csv_rows(article, "exclusions")
    suggested = {(row[1], row[2]): row[3] for row in printed[1:]}
    kept = {(row["start"], row["text"]): row["reason"] for row in fixture_rows("number_exclusions")}
    assert all(suggested[key] in ("", reason) for key, reason in kept.items())
    curated = {float(row["value"]) for row in fixture_rows("observations")}
    assert set(kept) | {(str(m.start), m.text) for m in find_numbers(TEXT) if m.value in curated} == set(suggested)

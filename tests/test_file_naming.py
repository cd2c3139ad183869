"""Article file names: <date>_<outlet>_<topic>.txt with the date as the text
states it (a day, a month only, a year only) and `unknown` for an outlet it
does not state; validation holds the rule and README's examples follow it."""

import hashlib
import re

import pytest
from test_article_checks import append_rows
from test_validation import project  # noqa: F401  (a fixture)

from helpers.checks.article_checks import ARTICLE_NAME
from helpers.data.paths import RAW_ARTICLES, ROOT
from helpers.run.validate import validate_all

TEXT = "Tháng 8/2023\nKết quả chuyển đổi số 6 tháng đầu năm của Tiền Giang.\n"


def register(root, source_id, published, reference_date, outlet):
    path = root / f"data/raw/articles/{source_id}.txt"
    path.write_text(TEXT, encoding="utf-8")
    append_rows(
        root,
        "sources.csv",
        [
            [source_id, f"data/raw/articles/{source_id}.txt", "Tiêu đề", outlet, published, reference_date]
            + ["Tiền Giang", "vi", "unknown", "article", outlet, "high", "", hashlib.sha256(TEXT.encode()).hexdigest()]
            + [""]
        ],
    )
    return [str(p) for p in validate_all(root) if p.file == "data/sources.csv"]


def test_a_month_only_date_and_a_stated_outlet(project):
    assert register(project, "2023-08_vietnamnet_tiengiang-dx-review", "unknown", "2023-08-31", "vietnamnet.vn") == []


@pytest.mark.parametrize(
    ("source_id", "published", "outlet", "message"),
    [
        ("2023-09_vietnamnet_tiengiang-dx-review", "unknown", "vietnamnet.vn", "is not the article's reference date"),
        ("2023-08-02_vietnamnet_tiengiang-dx-review", "2023-08-01", "vietnamnet.vn", "published date 2023-08-01"),
        ("2023-08_unknown_tiengiang-dx-review", "unknown", "vietnamnet.vn", "use 'unknown' exactly when"),
        ("2023-08_vietnamnet_tiengiang-dx-review", "unknown", "unknown", "use 'unknown' exactly when"),
        ("2023-08_VietNamNet_tiền-giang", "unknown", "vietnamnet.vn", "is not <date>_<outlet>_<topic>"),
    ],
)
def test_a_name_that_disagrees_with_its_row_is_refused(project, source_id, published, outlet, message):
    found = register(project, source_id, published, "2023-08-31", outlet)
    assert any(message in m for m in found), found


def readme_names():
    return re.findall(
        r"\b(?:\d{4}(?:-\d{2}){0,2}|unknown)_[A-Za-z0-9-]+_[A-Za-z0-9-]+\.txt", (ROOT / "README.md").read_text()
    )


def test_readme_examples_follow_the_rule_and_name_the_files_present():
    names = readme_names()
    assert all(ARTICLE_NAME.fullmatch(n.removesuffix(".txt")) for n in names), names
    present = {p.name for p in RAW_ARTICLES.iterdir()}
    month_only = [n for n in names if re.match(r"\d{4}-\d{2}_", n)]
    unknown_outlet = [n for n in names if "_unknown_" in n]
    assert month_only and unknown_outlet
    # an example with a full date names a file that is there
    assert [n for n in names if re.match(r"\d{4}-\d{2}-\d{2}_", n) and n not in present] == []

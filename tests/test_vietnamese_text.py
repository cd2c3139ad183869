"""Vietnamese conventions and terms: dates per Nghị định 30/2020/NĐ-CP, the minus
sign and number format in formulas, the glossary (data/glossary.csv) and the
Vietnamese notes (data/notes_vi.csv) that `make validate` keeps complete."""

import csv
import shutil
from datetime import date

import pandas as pd
import pytest

from helpers.analysis import rates
from helpers.analysis.evidence import results
from helpers.data import loading
from helpers.data.numbers import format_number
from helpers.data.paths import ROOT
from helpers.run.validate import validate_all
from helpers.text import glossary, markdown, notes, tables
from helpers.text.catalogue import CATALOGUES, file_of
from helpers.text.formats import date_text, number_text_full, signed

VI = CATALOGUES["vi"]


@pytest.mark.parametrize(
    "day, vi_text",
    [
        (date(2025, 2, 6), "06/02/2025"),  # day below 10 and month 2: both with a leading zero
        (date(2020, 1, 1), "01/01/2020"),
        (date(2022, 3, 2), "02/3/2022"),  # from March on, the month as it is
        (date(2022, 12, 31), "31/12/2022"),
        (date(2023, 11, 20), "20/11/2023"),
    ],
)
def test_dates_follow_decree_30_2020(day, vi_text):
    """Nghị định 30/2020/NĐ-CP, Phụ lục I: a zero before days below 10 and the months 1 and 2."""
    assert date_text(day, "vi") == vi_text


def test_minus_sign_and_full_numbers_in_vietnamese():
    assert format_number(-3.5, "vi", decimals=1) == "\u22123,5"
    assert signed(-4, "vi") == "\u22124" and signed(4, "vi") == "+4"
    assert format_number(-3, "en", decimals=0) == "-3"  # English keeps its own convention
    assert number_text_full(729470.0, "vi") == "729.470"
    assert number_text_full(0.2512345, "vi") == "0,2512345"


def test_rate_formulas_are_written_in_the_readers_number_format():
    found = rates.rates(loading.available_provinces())
    assert len(found), "no rate: nothing to check"
    for notebook in ("02", "03", "04"):
        table = tables.rates_table(notebook, loading.available_provinces(), "vi")
        for formula in table.get(VI["topics.formula"], []):
            numbers = [t for t in formula.replace("(", " ").replace(")", " ").split() if t[0].isdigit()]
            assert all("," not in n or n.split(",")[-1].isdigit() for n in numbers), formula
            assert not any(len(n) > 3 and n.isdigit() for n in numbers), f"ungrouped thousands in {formula!r}"
    english = {r.formula for r in found.itertuples()}
    vietnamese = {tables._formula_text(r, "vi") for r in found.itertuples()}
    big = [r for r in found.itertuples() if r.denominator >= 1000]
    assert big and english.isdisjoint(vietnamese)


# ------------------------------------------------------------------ the glossary


def test_glossary_rules_out_the_variants_the_issue_names():
    text = "mức 4, hoá, tỉ lệ, mã nguồn, notebook 03, Uỷ ban, Cổng DVC quốc gia, vùng đồng bằng sông Cửu Long"
    found = " ".join(glossary.variants(text))
    for variant in ("mức ", "oá", "tỉ", "mã nguồn", "notebook", "Uỷ", "Cổng DVC", "đồng bằng"):
        assert variant in found, variant
    allowed = (
        "mức độ 4, hóa, Hòa Bình, Khánh Hòa, tỷ lệ, quý I, mã định danh nguồn, sổ tính 03, Ủy ban, «mức 4», `notebook`,"
        " vùng Đồng bằng sông Cửu Long, «đồng bằng sông Cửu Long»"
    )
    assert glossary.variants(allowed) == []


def test_catalogues_use_only_the_glossarys_forms():
    found = [f"{file_of(key, 'vi')} {key}: {v}" for key, text in VI.items() for v in glossary.variants(text)]
    found += [
        f"markdown_vi.yaml «{en[:40]}»: {v}"
        for en, text in markdown.translations().items()
        for v in glossary.variants(text)
    ]
    found += [f"README.vi.md: {v}" for v in glossary.variants((ROOT / "README.vi.md").read_text(encoding="utf-8"))]
    found += [
        f"glossary.csv {t.term_en}: {v}"
        for t in glossary.terms()
        for v in glossary.variants(t.term_vi + " " + t.source)
    ]
    assert found == []


def test_papi_sub_dimensions_are_named_as_the_glossary_names_them():
    terms = {t.term_en.split(" (")[0]: t.term_vi for t in glossary.terms()}
    assert VI["papi.sub.internet_access"] == terms["access to and use of the Internet"]
    assert VI["papi.sub.egov_portal_access"] == terms["use of local e-government portals"]
    assert VI["papi.sub.e_responsiveness"] == terms["e-responsiveness of local governments"]


def test_short_forms_are_spelled_out_in_the_first_cell():
    cells = glossary.spell_out(["# 01 · DTI", "DTI, DNNVV"])
    assert cells[1] == "DTI, DNNVV"
    assert cells[0].startswith("# 01 · DTI\n\n*Chữ viết tắt:* ")
    assert glossary.spell_out(["# T\n\nText"])[0].endswith(".\n\nText")
    for term in glossary.terms():
        if term.short_vi:
            assert f"{term.short_vi} – {term.term_vi}" in cells[0]
    assert "DTI – Chỉ số chuyển đổi số cấp tỉnh" in cells[0]
    assert "PAPI – Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh" in cells[0]
    assert glossary.spell_out([]) == []


# ------------------------------------------------------------------ notes in Vietnamese


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_every_note_readers_see_has_a_vietnamese_text():
    given = notes.texts()
    for table, (_, id_column, column) in notes.SHOWN.items():
        data = loading.load(table)
        with_note = data[data[column].astype(str).str.strip() != ""]
        assert len(with_note), f"{table}: no note to check"
        missing = [k for k in with_note[id_column].astype(str) if (table, k, column) not in given]
        assert missing == [], f"{table}: no Vietnamese note for {missing}"


def test_validation_names_a_missing_or_stray_vietnamese_note(project):
    path = project / "data" / "notes_vi.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    dropped = next(r for r in rows if r[0] == "observations")
    rows = [r for r in rows if r != dropped] + [["rate_definitions", "r999", "note", "ghi chú"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    found = [str(p) for p in validate_all(project)]
    line = 1 + list(pd.read_csv(ROOT / "data/observations.csv")["obs_id"]).index(dropped[1]) + 1
    assert any(
        p.startswith(f"data/observations.csv:{line}:note:") and f"`observations,{dropped[1]},note," in p for p in found
    ), found
    assert any(p.startswith(f"data/notes_vi.csv:{len(rows)}:id:") and "r999" in p for p in found), found


def test_vietnamese_tables_show_the_vietnamese_notes_and_no_id_headers():
    provinces = loading.available_provinces()
    table = tables.for_reader(tables.evidence_table(results("02", provinces), "vi"), "vi")
    observations = loading.load("observations").set_index("obs_id")
    shown = set(table[VI["notes.curator"]])
    assert shown and shown <= set(notes.texts()[k] for k in notes.texts() if k[0] == "observations")
    assert shown.isdisjoint(observations["note"])
    assert not {"indicator_id", "source_id", "obs_id"} & set(table.columns)
    sources = table[VI["topics.source"]]
    assert len(sources) and set(sources).isdisjoint(loading.load("sources")["source_id"])  # outlet and date, not ids


def test_vietnamese_frames_show_numbers_the_vietnamese_way_and_keep_them_in_the_frame():
    """The scorecard's frame as a Vietnamese reader sees it: every number cell is the number in
    the Vietnamese format (decimal comma, dot thousands, no ".0", minus sign); the frame in the
    variable keeps its numbers, and the English rendition keeps pandas' numbers."""
    from helpers.analysis import scorecard_rows
    from helpers.text.formats import cell_number_text

    assert [cell_number_text(v, "vi") for v in (0.6342, -7.3, 17.0, 1860.0, 170247.0, 2.798)] == [
        "0,6342",
        "−7,3",
        "17",
        "1.860",
        "170.247",
        "2,7980",
    ]
    rows = scorecard_rows.independent(loading.available_provinces()[:2])[0]
    before = rows.copy()
    shown = tables.for_reader(rows, "vi")
    pd.testing.assert_frame_equal(rows, before)
    numeric = [c for c in rows.columns if pd.api.types.is_float_dtype(rows[c]) and rows[c].notna().any()]
    assert numeric
    for column in numeric:
        header = VI.get(f"frames.col.{column}", column)
        for value, cell in zip(rows[column], shown[header]):
            if pd.notna(value):
                assert cell == cell_number_text(value, "vi"), (column, value, cell)
    english = tables.for_reader(rows, "en")
    assert all(pd.api.types.is_float_dtype(english[c]) for c in numeric if c in english.columns)

"""Rank frames and province maps: the right numbers, no-data never coloured,
chosen provinces outlined, identical bytes on every render."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import PathPatch
from matplotlib.text import Text

from helpers.analysis import papi_scores
from helpers.analysis.map_frames import DTI_MAP_YEARS, FRAME_COLUMNS, dti_rank_frame, rank_frame, regional_shift
from helpers.charts import maps, plotting
from helpers.charts.label_layout import overlapping, place_labels
from helpers.charts.maps import RANK_CMAP, artist_id, province_fills, rank_maps
from helpers.data import loading, paths
from helpers.data.geography import ATTRIBUTION, load_shapes
from helpers.data.paths import FIGURES_ENV
from helpers.notebooks import dti_map, summary_figures
from helpers.text.map_wording import MAP_WORDS, MapText, dti_map_text

matplotlib.use("Agg")
BOTH = ["Hậu Giang", "Tiền Giang"]


@pytest.fixture(autouse=True)
def style():
    plotting.use_style()
    yield
    plt.close("all")


def mekong() -> list[str]:
    regions = loading.load("regions")
    return list(regions.loc[regions["in_mekong_delta"], "province"])


def patches(fig: plt.Figure) -> dict[str, PathPatch]:
    return {a.get_gid(): a for ax in fig.axes for a in ax.get_children() if isinstance(a, PathPatch) and a.get_gid()}


# --- the frame --------------------------------------------------------------


def test_dti_frame_holds_every_official_rank():
    frame = dti_rank_frame()
    assert list(frame.columns) == FRAME_COLUMNS
    assert sorted(frame["panel"].unique()) == list(DTI_MAP_YEARS)
    official = loading.load("dti_scores").query("scope == '63_provinces'")
    official = official[official["assessment_year"].isin(DTI_MAP_YEARS)]
    merged = frame.merge(
        official, left_on=["province", "panel"], right_on=["province", "assessment_year"], validate="one_to_one"
    )
    assert len(merged) == len(frame) == len(official)
    assert (merged["rank_x"] == merged["rank_y"]).all()
    assert (merged["n_ranked"] == merged["n_provinces"]).all()
    regions = set(loading.load("regions")["province"])
    for _, panel in frame.groupby("panel"):
        assert set(panel["province"]) == regions


def test_frame_builder_rejects_bad_input():
    with pytest.raises(ValueError, match=r"no official 63-province DTI table for \[2019\]"):
        dti_rank_frame([2019, 2022])
    table = pd.DataFrame(
        {
            "province": ["A", "B", "A"],
            "year": [2020, 2020, 2020],
            "score": [0.5, 0.4, 0.3],
            "rank": [1, 2, 3],
            "source_id": "s",
        }
    )
    with pytest.raises(ValueError, match="t:4:province: 'A' appears twice in panel 2020"):
        rank_frame(table, panel="year", value="score", rank="rank", name="t")
    table = table.iloc[:2].assign(rank=[1, 3])
    with pytest.raises(ValueError, match="t:3:rank: expected a whole rank from 1 to 2, got 3"):
        rank_frame(table, panel="year", value="score", rank="rank", name="t")
    frame = rank_frame(table.assign(rank=[1, 2]), panel="year", value="score", rank="rank")
    assert frame["n_ranked"].tolist() == [2, 2]  # counted when the table does not say


def test_regional_shift_separates_tien_giang_from_the_delta():
    shift = regional_shift(dti_rank_frame(), BOTH, mekong()).set_index("province")
    tg, hg = shift.loc["Tiền Giang"], shift.loc["Hậu Giang"]
    assert (tg["rank_first"], tg["rank_last"]) == (20, 51)
    assert (tg["region_median_first"], tg["region_median_last"]) == (32.0, 43.0)
    assert tg["verdict"] == "worse_than_region" and tg["versus_region"] == 20
    assert hg["verdict"] == "with_region"  # 17 -> 33: 16 places against the median's 11


# --- the drawing ------------------------------------------------------------


def small_text(panels) -> MapText:
    return MapText(
        title="t", panel_titles={p: str(p) for p in panels}, colour_label="rank", no_data="NO DATA", caption=ATTRIBUTION
    )


def test_a_province_without_a_value_is_hatched_never_coloured():
    frame = dti_rank_frame()
    frame = frame[~((frame["panel"] == 2023) & (frame["province"] == "Cà Mau"))]
    fig, plotted = rank_maps(frame, load_shapes(), BOTH, small_text(DTI_MAP_YEARS), zoom=(104.3, 107.0, 8.4, 11.2))
    drawn = province_fills(fig)
    _, face, hatch = drawn[artist_id(2023, "Cà Mau")]
    assert hatch and face[:3] == (1.0, 1.0, 1.0)
    scale = matplotlib.colormaps[RANK_CMAP](np.linspace(0, 1, 256))[:, :3]
    assert np.abs(scale - face[:3]).sum(axis=1).min() > 0.2
    assert drawn[artist_id(2023, "Cà Mau", zoom=True)][2]
    assert not drawn[artist_id(2022, "Cà Mau")][2]
    row = plotted.set_index(["panel", "province"]).loc[(2023, "Cà Mau")]
    assert row["drawn_as"] == "no_data" and row["colour"] == "" and pd.isna(row["rank"])
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert "NO DATA" in legend


def test_province_paths_are_built_once_per_process():
    shapes, text = load_shapes(), small_text([2022])
    first, second = (province_fills(rank_maps(dti_rank_frame([2022]), shapes, BOTH, text)[0]) for _ in range(2))
    gid = artist_id(2022, "Cà Mau")
    assert first[gid][0] is second[gid][0]


def test_colour_follows_rank_best_darkest():
    fig, plotted = rank_maps(dti_rank_frame([2022]), load_shapes(), BOTH, small_text([2022]))
    drawn = province_fills(fig)
    shown = plotted.dropna(subset=["rank"]).sort_values("rank")
    luminance = [np.dot(drawn[artist_id(2022, p)][1][:3], [0.2126, 0.7152, 0.0722]) for p in shown["province"]]
    assert luminance == sorted(luminance)  # rank 1 darkest, then lighter and lighter
    assert all(not drawn[artist_id(2022, p)][2] for p in shown["province"])


def test_chosen_provinces_are_outlined_in_their_colours_in_every_panel():
    chosen = ["Hậu Giang", "Tiền Giang", "Bạc Liêu"]
    fig, plotted = rank_maps(
        dti_rank_frame(), load_shapes(), chosen, small_text(DTI_MAP_YEARS), zoom=(104.3, 107.0, 8.4, 11.2)
    )
    drawn = patches(fig)
    for province in chosen:
        mine = [
            drawn[artist_id(year, province, "outline", zoom)] for year in DTI_MAP_YEARS for zoom in (False, True)
        ]  # national map and zoom
        colour = matplotlib.colors.to_rgba(plotting.province_colour(province, chosen))
        assert all(a.get_edgecolor() == colour and not a.get_fill() for a in mine)
    assert set(plotted.loc[plotted["outlined"], "province"]) == set(chosen)


def test_dti_map_text_states_the_finding_sources_and_licence():
    frame = dti_rank_frame()
    shift = regional_shift(frame, BOTH, mekong())
    en = dti_map_text(frame, shift, BOTH, "en")
    assert en.title.startswith("Tiền Giang fell further than the Mekong Delta")
    assert "20th → 51st" in en.title and "32nd → 43rd" in en.title
    assert ATTRIBUTION in en.caption and "dti-2024-63-official" in en.caption
    assert en.zoom_labels[(2024, "Tiền Giang")] == "Tiền Giang\n51st"
    vi = dti_map_text(frame, shift, BOTH, "vi")
    assert vi.title.startswith("Hạng DTI 2022–2024: Tiền Giang tụt hạng nhiều hơn vùng ĐBSCL")  # a change, not a level
    assert "hạng 20 → hạng 51" in vi.title and "Ranh giới tỉnh: Open Development Mekong, CC BY-SA 4.0" in vi.caption


def test_an_unknown_province_is_refused_before_drawing(tmp_path, monkeypatch):
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    with pytest.raises(ValueError, match=r"\['Hau Giang'\] not in data/reference/regions.csv"):
        dti_map.draw(["Hau Giang"], "en")
    assert list(tmp_path.iterdir()) == []


def render(tmp: Path, monkeypatch, lang: str = "en", variant: bool = False) -> dict[str, bytes]:
    """The files of one map; `variant`: as a notebook with other parameters writes them (PNG only)."""
    monkeypatch.setenv(FIGURES_ENV, str(tmp))
    monkeypatch.setattr(paths, "_chosen", paths.VARIANTS / "test" / "figures" if variant else None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing Vietnamese glyph warns
        fig, _ = dti_map.draw(BOTH, lang, name="map")
    plt.close(fig)
    return {p.relative_to(tmp).as_posix(): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()}


def test_a_render_equals_the_committed_files(tmp_path, monkeypatch):
    """One render in this process, byte for byte the files `make run` wrote from a
    notebook kernel: no random jitter, dates or ids (and the committed map is current)."""
    name = summary_figures.DTI_MAP
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    monkeypatch.setattr(paths, "_chosen", None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, _ = dti_map.draw(BOTH, "en", name=name)
    plt.close(fig)
    files = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert set(files) == {f"{name}.png", f"data/{name}.csv"}  # one image per figure and language
    assert files == {f: (paths.FIGURES / f).read_bytes() for f in files}
    data = pd.read_csv(tmp_path / "data" / f"{name}.csv")
    assert set(data["province"]) == set(loading.load("regions")["province"])
    assert (data["drawn_as"] == "rank").all()


def test_vietnamese_map_renders_every_glyph(tmp_path, monkeypatch):
    files = render(tmp_path, monkeypatch, "vi", variant=True)
    assert set(files) == {"map.png", "data/map.csv"}  # a variant: PNG only
    assert files["map.png"][:8] == b"\x89PNG\r\n\x1a\n"


def test_zoom_labels_of_the_13_mekong_provinces_do_not_overlap(tmp_path, monkeypatch):
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    provinces = sorted(mekong())
    fig, _ = dti_map.draw(provinces, "en", name="map", years=[2024])
    zoom = fig.axes[1]  # the enlarged Mekong Delta
    labels = [t for t in zoom.texts if t.get_text().split("\n")[0] in provinces]
    assert len(labels) == 13
    assert overlapping(labels) == []
    frame = zoom.get_window_extent()
    for t in labels:  # inside the enlarged panel, not over its neighbours
        box = Text.get_window_extent(t)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, t.get_text()


def test_labels_that_fit_stay_on_their_province():
    fig, ax = plt.subplots(figsize=(3, 3), layout="none")
    ax.set(xlim=(0, 10), ylim=(0, 10))
    far = place_labels(ax, [(2, 2, "A", {}), (8, 8, "B", {})])
    assert [type(t).__name__ for t in far] == ["Text", "Text"]
    near = place_labels(ax, [(5, 5, "Cần Thơ\n5th", {}), (5.1, 5, "Vĩnh Long\n30th", {})])
    assert overlapping(near) == [] and type(near[1]).__name__ == "Annotation"  # moved, with a leader line


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_colour_bar_label_and_legend_stay_clear_of_the_caption(lang):
    """The colour bar's label sat on the caption's first line (maps of notebooks 01, 02)."""
    from helpers.notebooks import papi_map

    for draw in (
        lambda: dti_map.draw(BOTH, lang, save=False),
        lambda: papi_map.draw(papi_scores.papi_frame(), BOTH, lang),
    ):
        with plotting_env():
            fig, _ = draw()
        fig.draw_without_rendering()  # places the axis labels
        renderer = fig.canvas.get_renderer()
        caption = fig._supxlabel.get_window_extent(renderer)
        bar = fig.axes[-1]
        above = [bar.xaxis.label, *bar.get_xticklabels(), bar.get_legend()]
        for artist in above:
            box = artist.get_window_extent(renderer)
            assert box.y0 > caption.y1, f"{lang}: {artist} overlaps the caption"
        plt.close(fig)


def test_maps_in_notebooks_are_shown_at_the_size_of_every_other_chart():
    """maps.show stores the map at the figure's dpi (as plt.show does in notebook 00), not a small copy."""
    import io

    from PIL import Image

    from helpers.charts.inline import inline_png

    fig, _ = dti_map.draw(BOTH, "en", save=False)
    width = Image.open(io.BytesIO(inline_png(fig))).size[0]
    assert width >= 0.95 * fig.get_figwidth() * fig.dpi
    plt.close(fig)


def plotting_env():
    """Draw without writing files."""
    import contextlib
    import os

    @contextlib.contextmanager
    def env():
        before = os.environ.get(paths.WRITE_FIGURES_ENV)
        os.environ[paths.WRITE_FIGURES_ENV] = "0"
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(paths.WRITE_FIGURES_ENV)
            else:
                os.environ[paths.WRITE_FIGURES_ENV] = before

    return env()


def test_vietnamese_map_verdicts_state_a_change_of_rank_not_a_level():
    """ "Tiền Giang tốt hơn vùng ĐBSCL" alone reads as a level claim; the verdicts compare moves."""
    words = MAP_WORDS["vi"]
    for key in ("with_region", "worse_than_region", "better_than_region"):
        assert any(w in words[key] for w in ("tụt hạng", "diễn biến", "thay đổi hạng")), key
    assert words["title"].startswith("Hạng DTI") and words["papi_title"].startswith("Hạng PAPI")


def test_the_map_shown_without_saving_prints_the_data_file_notebook_00_writes(capsys):
    """Notebook 01 shows the DTI map notebook 00 writes: its cell prints that data file, as every figure cell does."""
    from helpers.data.paths import figure_data_path

    fig, plotted = dti_map.draw(BOTH, "en", save=False)
    maps.show(fig, plotted)
    printed = capsys.readouterr().out.strip()
    assert printed.endswith(": " + figure_data_path(summary_figures.DTI_MAP))
    assert printed.endswith("figures/data/00_dti_rank_map.csv")

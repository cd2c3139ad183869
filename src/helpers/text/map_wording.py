"""Words on the province maps, one catalogue per language (no drawing here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers.data.geography import ATTRIBUTION
from helpers.text.catalogue import check_lang

__all__ = ["MapText", "MAP_WORDS", "dti_map_text", "papi_map_text", "rank_map_text"]


@dataclass(frozen=True)
class MapText:
    """Every word on the figure, already in the reader's language."""

    title: str
    panel_titles: Mapping[object, str]  # panel -> heading; also fixes the panel order
    colour_label: str  # what the colour means, e.g. "DTI rank of 63 (1 = best, darkest)"
    no_data: str  # legend entry for provinces without a value
    caption: str  # sources, years, licence attribution
    outline_labels: Mapping[str, str] = field(default_factory=dict)  # outlined province -> legend text
    zoom_titles: Mapping[object, str] = field(default_factory=dict)  # panel -> heading of its zoom
    zoom_labels: Mapping[tuple[object, str], str] = field(default_factory=dict)  # (panel, province) -> label
    places: Sequence[tuple[float, float, str]] = ()  # (lon, lat, text) on each national map, centred above the point


MAP_WORDS = {
    "en": {
        "panel": "DTI {panel}",
        "zoom": "Mekong Delta, {panel}",
        "colour": "DTI rank among {n} provinces (1 = best = darkest)",
        "no_data": "no data",
        "rank": "{rank}{suffix}",
        "shift": "{province} {first} → {last}",
        "median": "Mekong Delta median {first} → {last}",
        "with_region": "{province} moved with the Mekong Delta",
        "worse_than_region": "{province} fell further than the Mekong Delta",
        "better_than_region": "{province} did better than the Mekong Delta",
        "title": "{verdict} in DTI rank, {first_panel}–{last_panel}\n{shifts}; {median}",
        "caption": (
            "Official DTI ranks of {n} provinces, assessment years {years} (dti.gov.vn; "
            "data/reference/dti_scores.csv: {sources}); competition ranking, 1 = best. "
            "Colour shows the rank within each year, not the score: scores of different "
            "years are not comparable. {outlined} outlined; dashed box = Mekong Delta, "
            "enlarged below. Hoàng Sa (Paracel) and Trường Sa (Spratly) islands drawn as "
            "in the source. {attribution} (simplified)."
        ),
        "papi_panel": "PAPI {panel}",
        "papi_zoom": "Mekong Delta, {panel}",
        "papi_colour": "PAPI e-governance rank (1 = best = darkest)",
        "papi_title": "{verdict} in PAPI e-governance rank, {first_panel}–{last_panel}\n{shifts}; {median}",
        "papi_caption": (
            "PAPI e-governance (Quản trị điện tử) ranks, survey years {years}, among the provinces "
            "ranked each year ({ns}); the project's own competition ranking of the PAPI scores "
            "(UNDP Viet Nam, papi.org.vn; data/reference/papi_egov_scores.csv: {sources}). "
            "Provinces without a score that year are drawn as no data. Colour shows the rank "
            "within each year, not the score. {outlined} outlined; dashed box = Mekong Delta, "
            "enlarged below. Hoàng Sa (Paracel) and Trường Sa (Spratly) islands drawn as in the "
            "source. {attribution} (simplified)."
        ),
        "no_shift": "no chosen province is ranked in both years",
        "hoang_sa": "Hoàng Sa\n(Đà Nẵng)",
        "truong_sa": "Trường Sa\n(Khánh Hòa)",
        "attribution": ATTRIBUTION,
    },
    "vi": {
        "panel": "DTI {panel}",
        "zoom": "Đồng bằng sông Cửu Long, {panel}",
        "colour": "Hạng DTI trên {n} tỉnh, thành phố (1 = cao nhất = màu đậm nhất)",
        "no_data": "không có số liệu",
        "rank": "hạng {rank}",
        "shift": "{province} {first} → {last}",
        "median": "trung vị ĐBSCL {first} → {last}",
        # verdicts on the change of rank, never on its level ("tốt hơn vùng" alone reads as a level)
        "with_region": "{province} thay đổi hạng cùng nhịp với vùng ĐBSCL",
        "worse_than_region": "{province} tụt hạng nhiều hơn vùng ĐBSCL",
        "better_than_region": "thứ hạng của {province} diễn biến tốt hơn mức chung của vùng ĐBSCL",
        "title": "Hạng DTI {first_panel}–{last_panel}: {verdict}\n{shifts}; {median}",
        "caption": (
            "Hạng DTI chính thức của {n} tỉnh, thành phố, năm đánh giá {years} (dti.gov.vn; "
            "data/reference/dti_scores.csv: {sources}); xếp hạng đồng hạng, 1 = cao nhất. "
            "Màu thể hiện hạng trong từng năm, không phải điểm: điểm các năm không so sánh "
            "được. Viền màu: {outlined}; khung nét đứt = ĐBSCL, phóng to ở hàng dưới. "
            "Quần đảo Hoàng Sa và Trường Sa vẽ theo dữ liệu gốc. {attribution} "
            "(đã đơn giản hóa)."
        ),
        "papi_panel": "PAPI {panel}",
        "papi_zoom": "Đồng bằng sông Cửu Long, {panel}",
        "papi_colour": "Hạng PAPI quản trị điện tử (1 = cao nhất = màu đậm nhất)",
        "papi_title": "Hạng PAPI quản trị điện tử {first_panel}–{last_panel}: {verdict}\n{shifts}; {median}",
        "papi_caption": (
            "Hạng PAPI nội dung Quản trị điện tử, năm khảo sát {years}, trên số tỉnh được xếp hạng "
            "mỗi năm ({ns}); dự án tự xếp hạng theo điểm PAPI (UNDP Việt Nam, papi.org.vn; "
            "data/reference/papi_egov_scores.csv: {sources}). Tỉnh không có điểm năm đó vẽ là "
            "không có số liệu. Màu thể hiện hạng trong từng năm, không phải điểm. Viền màu: "
            "{outlined}; khung nét đứt = ĐBSCL, phóng to ở hàng dưới. Quần đảo Hoàng Sa và "
            "Trường Sa vẽ theo dữ liệu gốc. {attribution} (đã đơn giản hóa)."
        ),
        "no_shift": "không tỉnh được chọn nào có hạng ở cả hai năm",
        "hoang_sa": "Hoàng Sa\n(Đà Nẵng)",
        "truong_sa": "Trường Sa\n(Khánh Hòa)",
        "attribution": "Ranh giới tỉnh: Open Development Mekong, CC BY-SA 4.0",  # the licence name stays
    },
}


def _w(lang: str, key: str, **values: object) -> str:
    return MAP_WORDS[check_lang(lang)][key].format(**values)


def _rank(value: float, lang: str) -> str:
    """17th / hạng 17; a median may be a half (32.5th)."""
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return _w(lang, "rank", rank=f"{value:g}", suffix=suffix if value == n else "")


def dti_map_text(
    frame: pd.DataFrame,
    shift: pd.DataFrame,
    provinces: Sequence[str],
    lang: str,
    places: Sequence[tuple[float, float, str]] = (),
) -> MapText:
    """Texts for helpers.charts.maps.rank_maps from a DTI rank frame and its
    helpers.analysis.map_frames.regional_shift (the finding the title states).
    `places` holds (lon, lat, catalogue key) of the archipelago labels."""
    return rank_map_text(frame, shift, provinces, lang, places, prefix="")


def papi_map_text(
    frame: pd.DataFrame,
    shift: pd.DataFrame,
    provinces: Sequence[str],
    lang: str,
    places: Sequence[tuple[float, float, str]] = (),
) -> MapText:
    """The same for a PAPI e-governance rank frame (n ranked differs by year)."""
    return rank_map_text(frame, shift, provinces, lang, places, prefix="papi_")


def rank_map_text(
    frame: pd.DataFrame,
    shift: pd.DataFrame,
    provinces: Sequence[str],
    lang: str,
    places: Sequence[tuple[float, float, str]] = (),
    prefix: str = "",
) -> MapText:
    """Texts of a rank map; `prefix` picks the index's words ("" DTI, "papi_" PAPI)."""
    panels = sorted(frame["panel"].unique())
    n = int(frame["n_ranked"].max())
    ns = ", ".join(f"{p}: {int(k)}" for p, k in frame.groupby("panel")["n_ranked"].max().items())
    if shift.empty:
        title = (
            _w(
                lang,
                prefix + "title",
                verdict="",
                first_panel=panels[0],
                last_panel=panels[-1],
                shifts=_w(lang, "no_shift"),
                median="",
            )
            .replace(": \n", "\n")
            .strip()
            .rstrip(";")
        )
    else:
        first = shift.iloc[0]
        # The title leads with the province whose move differs most from the region's.
        lead = shift.loc[shift["versus_region"].abs().idxmax()]
        shifts = "; ".join(
            _w(lang, "shift", province=r.province, first=_rank(r.rank_first, lang), last=_rank(r.rank_last, lang))
            for r in shift.itertuples()
        )
        title = _w(
            lang,
            prefix + "title",
            verdict=_w(lang, lead["verdict"], province=lead["province"]),
            first_panel=first["first_panel"],
            last_panel=first["last_panel"],
            shifts=shifts,
            median=_w(
                lang,
                "median",
                first=_rank(first["region_median_first"], lang),
                last=_rank(first["region_median_last"], lang),
            ),
        )
    ranks = frame.set_index(["panel", "province"])["rank"]
    caption = _w(
        lang,
        prefix + "caption",
        n=n,
        ns=ns,
        years=", ".join(map(str, panels)),
        sources=", ".join(sorted(frame["source_id"].unique())),
        outlined=", ".join(provinces),
        attribution=_w(lang, "attribution"),
    )
    return MapText(
        title=title,
        panel_titles={p: _w(lang, prefix + "panel", panel=p) for p in panels},
        colour_label=_w(lang, prefix + "colour", n=n),
        no_data=_w(lang, "no_data"),
        caption=caption,
        outline_labels={p: p for p in provinces},
        zoom_titles={p: _w(lang, prefix + "zoom", panel=p) for p in panels},
        zoom_labels={
            (panel, p): f"{p}\n{_rank(ranks[panel, p], lang)}"
            for panel in panels
            for p in provinces
            if (panel, p) in ranks.index
        },
        places=[(lon, lat, _w(lang, key)) for lon, lat, key in places],
    )

"""The Vietnamese figures follow Vietnamese conventions and fit: tick labels with
decimal commas and "−", no text over another, no province name split across lines."""

import itertools
import re

import matplotlib.pyplot as plt
import pytest
from test_chart_rules import BOTH, _out, every_figure, laid_out  # noqa: F401  (_out: the chart style, figures not written)

from helpers.charts.plotting import LocalTicks, fit_label, wrap
from helpers.data import loading
from helpers.text import glossary


def tick_texts(fig):
    laid_out(fig)
    for ax in fig.axes:
        for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            if label.get_visible() and label.get_text():
                yield label.get_text()


# A decimal point (0.5, 3.25), a thousands comma (1,000) or a hyphen-minus (-3) on a tick.
ENGLISH_NUMBER = re.compile(r"^[^\d]*(?:\d+\.\d{1,2}|\d{1,3},\d{3}|-\d)[^\d]*$")


def test_vietnamese_tick_labels_use_decimal_commas_and_the_minus_sign():
    ticks = {name: list(tick_texts(fig)) for name, fig, _ in every_figure(BOTH, "vi")}
    english = {name: t for name, texts in ticks.items() for t in texts if ENGLISH_NUMBER.match(t)}
    assert english == {}, f"English number format on Vietnamese ticks: {english}"
    every = [t for texts in ticks.values() for t in texts]
    assert any(re.fullmatch(r"\d+,\d+", t) for t in every), "no decimal tick drawn: nothing checked"
    assert all(not re.fullmatch(r"\d\.\d{3}", t) for t in ticks["00_papi_egov"]), "a year written 2.020"


def test_local_ticks_keep_positions_and_years():
    fig, ax = plt.subplots()
    ax.plot([-1.5, 2.5], [2020, 2023])
    ax.set_yticks([2020, 2021, 2022, 2023])
    ax.xaxis.set_major_formatter(LocalTicks("vi"))
    ax.yaxis.set_major_formatter(LocalTicks("vi"))
    fig.canvas.draw()
    xs = [t.get_text() for t in ax.get_xticklabels()]
    ys = [t.get_text() for t in ax.get_yticklabels()]
    plt.close(fig)
    assert "\u22121,0" in xs and "0,0" in xs and "2,5" in xs
    assert "2020" in ys and "2.020" not in ys


def _within(value, interval) -> bool:
    low, high = sorted(interval)
    return low - 1e-9 <= value <= high + 1e-9


def _boxes(fig):
    """Figure-level texts (title, caption, legends) and, per axes, every text inside it or
    beside it (tick labels, axis labels, annotations such as the gap texts right of
    05_scorecard's panels, its legend), as display boxes."""
    laid_out(fig)
    renderer = fig.canvas.get_renderer()
    top = [t for t in (fig._suptitle, fig._supxlabel, fig._supylabel) if t is not None and t.get_text()]
    top = [(t.get_text()[:40], t.get_window_extent(renderer)) for t in top]
    top += [("legend", lg.get_window_extent(renderer)) for lg in fig.legends]
    per_axes = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts = [ax.xaxis.label, ax.yaxis.label, ax.title, *ax.texts]
        texts += [
            tick.label1
            for axis in (ax.xaxis, ax.yaxis)
            for tick in axis.get_major_ticks()
            if tick.label1.get_visible() and _within(tick.get_loc(), axis.get_view_interval())
        ]
        boxes = [(t.get_text()[:40], t.get_window_extent(renderer)) for t in texts if t.get_text().strip()]
        boxes += [("legend", ax.get_legend().get_window_extent(renderer))] if ax.get_legend() else []
        per_axes.append(boxes)
    return top, per_axes


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_figure_text_runs_into_the_title_caption_or_legend(lang):
    """00_papi_egov once had its y-label inside a three-line title, 05_scorecard its legend over the
    gap texts and under its caption, and its two-line Vietnamese gap texts over each other."""
    clashes = []
    for name, fig, _ in every_figure(BOTH, lang):
        top, per_axes = _boxes(fig)
        pairs = [*itertools.combinations(top, 2)]
        pairs += [pair for boxes in per_axes for pair in itertools.product(top, boxes)]
        pairs += [pair for boxes in per_axes for pair in itertools.combinations(boxes, 2)]
        clashes += [f"{name}: {a!r} over {b!r}" for (a, box_a), (b, box_b) in pairs if box_a.overlaps(box_b)]
    assert clashes == [], "\n".join(clashes)


def test_no_province_name_is_split_across_lines():
    names = [p for p in loading.load("regions")["province"] if " " in p]
    split = re.compile("|".join(re.escape(n).replace(r"\ ", r"\s*\n\s*") for n in names))
    found = []
    for name, fig, _ in every_figure(BOTH, "vi"):
        texts = [t.get_text() for t in fig.findobj(plt.Text)]
        found += [f"{name}: {m.group(0)!r}" for t in texts for m in split.finditer(t) if "\n" in m.group(0)]
    assert found == []


def test_wrap_keeps_capitalised_names_together_and_fit_label_breaks_before_detail():
    title = "9 phép so sánh độc lập: Hậu Giang dẫn trước ở 6, gần như ngang nhau ở 2 và Tiền Giang dẫn trước ở 1"
    assert all(not line.endswith("Tiền") for line in wrap(title, 80))
    assert " ".join(wrap(title, 80)) == title
    assert (
        fit_label("gần như ngang nhau: 3 bậc (0,09 độ lệch chuẩn)", 30)
        == "gần như ngang nhau: 3 bậc\n(0,09 độ lệch chuẩn)"
    )
    assert fit_label("short (x)", 30) == "short (x)"


def test_vietnamese_figure_texts_use_only_the_glossarys_forms():
    found = [
        f"{name}: {variant} in {text.get_text()[:80]!r}"
        for name, fig, _ in every_figure(BOTH, "vi")
        for text in fig.findobj(plt.Text)
        for variant in glossary.variants(text.get_text())
    ]
    assert found == []

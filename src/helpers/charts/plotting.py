"""Project chart style: province colours, captions, rank axes, deterministic files."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib import cbook
from matplotlib.ticker import ScalarFormatter

from helpers.data.numbers import format_number
from helpers.data.paths import (
    ROOT,
    canonical_figures,
    figure_data_path,
    figures_dir,
    renders_inline_images,
    shows_figures,
    writes_figures,
)
from helpers.data.periods import Period
from helpers.text.formats import figure_data_line, wrap

# Okabe–Ito colour-blind-safe palette. The two study provinces keep their colour
# in every figure; any other province gets the next free colour in name order.
PROVINCE_COLOURS = {"Hậu Giang": "#0072B2", "Tiền Giang": "#D55E00"}
_EXTRA_COLOURS = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
# Beyond six other provinces (e.g. all 13 of the Mekong Delta), Paul Tol's muted
# colour-blind-safe colours follow, so that no two chosen provinces share a colour.
_EXTRA_COLOURS += ["#882255", "#44AA99", "#999933", "#332288", "#AA4499", "#117733", "#88CCEE"]
CONTEXT_GREY = "#BBBBBB"
MISSING_STYLE = {"facecolor": "white", "edgecolor": "#777777", "hatch": "///", "linewidth": 0.8}

# DejaVu Sans ships with matplotlib and covers Vietnamese diacritics.
STYLE = {
    "font.family": "DejaVu Sans",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlesize": 12,
    "axes.titlelocation": "left",
    "figure.constrained_layout.use": True,
    "svg.hashsalt": "mekong-dx",  # fixed ids in SVG output
    "svg.fonttype": "path",
}


def use_style() -> None:
    """Chart style, and table display wide enough for quotes and notes."""
    import pandas as pd

    mpl.rcParams.update(STYLE)
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 120)
    if not renders_inline_images():  # strict nbval: text outputs only, no image rendered
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            shell.display_formatter.formatters["image/png"].enabled = False


def province_colour(province: str, all_provinces: list[str] | None = None) -> str:
    if province in PROVINCE_COLOURS:
        return PROVINCE_COLOURS[province]
    others = sorted(p for p in (all_provinces or [province]) if p not in PROVINCE_COLOURS)
    index = others.index(province) if province in others else 0
    return _EXTRA_COLOURS[index % len(_EXTRA_COLOURS)]


# "Not reported": a small grey × inside the axes, clear of the y-axis line and drawn
# above it (at x = 0 it sat on the spine and read as "<"), followed by the words.
MISSING_MARK = {
    "marker": "x",
    "color": "#555555",
    "markersize": 7,
    "markeredgewidth": 1.6,
    "linestyle": "none",
    "zorder": 5,
    "clip_on": False,
}
MISSING_INSET = 0.025  # of the axis' top value: where the × sits, right of the axis line


def mark_not_reported(ax: plt.Axes, y: float, label: str, top: float) -> None:
    """The × and its words ("not reported …") on row `y` of a value axis from 0 to `top`."""
    ax.plot(top * MISSING_INSET, y, **MISSING_MARK)
    ax.text(top * (MISSING_INSET + 0.03), y, label, va="center", fontsize=9, style="italic", color="#555555")


def ticks_through(ax: plt.Axes, top: float) -> None:
    """x ticks from 0 up to the first tick at or past `top` (the largest value): the axis
    line, which ends at the last tick (end_axis_at_ticks), then spans every bar."""
    ticks = [t for t in ax.get_xticks() if t >= 0]
    ax.set_xticks([t for t in ticks if t < top * 0.9999] + [t for t in ticks if t >= top * 0.9999][:1])


def end_axis_at_ticks(fig: plt.Figure) -> None:
    """Each drawn x-axis line (bottom spine) ends at its last tick: room left on the right
    for value labels must not read as scale (a 0–1,000 axis drawn on to 1,450)."""
    for ax in fig.axes:
        spine = ax.spines["bottom"]
        if not (spine.get_visible() and ax.xaxis.get_visible() and ax.axison):
            continue
        lo, hi = sorted(ax.get_xlim())
        ticks = [t for t in ax.get_xticks() if lo - 1e-9 <= t <= hi + 1e-9]
        if len(ticks) >= 2 and ticks[-1] < hi - 1e-9 * max(1.0, abs(hi)):
            ax.set_xticks(ticks)  # fixed: a later draw at another size must not move the last tick
            spine.set_bounds(lo, ticks[-1])


TITLE_SIZE, SUBTITLE_SIZE = 12, 10.5  # points
TITLE_CHARS_PER_INCH = 8.5  # 12 pt bold DejaVu Sans
SUBTITLE_CHARS_PER_INCH = 11.5  # 10.5 pt regular
MIN_LAST_LINE = 20  # characters: a shorter last line is a lone word or two; balance the lines


def balanced_wrap(text: str, chars: int) -> list[str]:
    """`text` wrapped to at most `chars` per line, lines of even length (no lone last word)."""
    lines = wrap(text, chars) or [""]
    while len(lines) > 1 and len(lines[-1]) < MIN_LAST_LINE and chars > MIN_LAST_LINE:
        narrower = wrap(text, chars - 1)
        if len(narrower) > len(lines):
            break
        chars, lines = chars - 1, narrower
    return lines


def title_lines(title: str, fig_width: float) -> tuple[list[str], list[str]]:
    """(title lines, subtitle lines) of `title` on a figure `fig_width` inches wide: at most
    two balanced title lines; a longer finding keeps its head ("X: …" or "…; …") as the
    title and goes on as a subtitle in smaller regular type."""
    chars = int(fig_width * TITLE_CHARS_PER_INCH)
    given = title.split("\n")
    if len(given) <= 2 and all(len(line) <= chars for line in given) and len(given[-1]) >= MIN_LAST_LINE:
        return given, []  # the caller's own lines (e.g. a map's finding, then its numbers) already fit
    if "\n" in title:  # wrapped by its caller (e.g. clear of a legend): keep within that width
        chars = min(chars, max(map(len, title.split("\n"))))
    text = " ".join(title.split())
    lines = balanced_wrap(text, chars)
    if len(lines) <= 2:
        return lines, []
    for mark in (": ", "; ", " — "):
        head, found, rest = text.partition(mark)
        if found and len(balanced_wrap(head + mark.strip(), chars)) <= 2:
            sub_chars = int(chars * SUBTITLE_CHARS_PER_INCH / TITLE_CHARS_PER_INCH)
            return balanced_wrap(head + mark.rstrip(), chars), balanced_wrap(rest[:1].upper() + rest[1:], sub_chars)
    return lines, []


def add_title(fig: plt.Figure, title: str) -> None:
    """The finding, as a figure-wide title aligned with the left edge: at most two bold
    lines, the rest of a long finding as a subtitle under it (title_lines)."""
    head, sub = title_lines(title, fig.get_figwidth())
    # blank lines reserve the subtitle's room: the layout engine makes space for the suptitle only
    text = fig.suptitle("\n".join(head + [""] * len(sub)), x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    if sub:
        drop = len(head) * TITLE_SIZE * 1.2 / 72 / fig.get_figheight()
        fig.text(0.01, text.get_position()[1] - drop, "\n".join(sub), ha="left", va="top", fontsize=SUBTITLE_SIZE)


CAPTION_SIZE = 9  # points; a test holds every caption to at least this


def add_caption(fig: plt.Figure, text: str) -> None:
    """Sources and periods, printed on the figure itself (below the axes),
    wrapped to the figure's width."""
    fig.supxlabel(wrap_caption(text, fig.get_figwidth()), x=0.01, ha="left", fontsize=CAPTION_SIZE, color="#444444")


def wrap_caption(text: str, fig_width: float) -> str:
    """The caption as add_caption prints it on a figure `fig_width` inches wide."""
    width = max(60, int(fig_width * 13))
    return "\n".join(line for para in text.split("\n") for line in wrap(para, width) or [""])


def fit_label(text: str, chars: int) -> str:
    """A label longer than `chars` breaks before its parenthesis (the detail), else
    wraps: Vietnamese labels run longer than English ones and must not overlap."""
    if len(text) <= chars:
        return text
    head, paren, tail = text.partition(" (")
    return f"{head}\n({tail}" if paren else "\n".join(wrap(text, chars))


def rank_axis(ax: plt.Axes, n: int, axis: str = "y") -> None:
    """A rank axis from 1 (best, at the top) to n."""
    if axis == "y":
        ax.set_ylim(n + 0.5, 0.5)
    else:
        ax.set_xlim(0.5, n + 0.5)


class LocalTicks(ScalarFormatter):
    """Matplotlib's default numeric ticks (same positions and decimals), written in
    the reader's number format: 0,5 and 12.000 in Vietnamese, "−" for minus."""

    def __init__(self, lang: str):
        super().__init__(useOffset=False)
        self.lang = lang

    def set_locs(self, locs):
        self.years = len(locs) > 0 and all(1900 <= v <= 2100 for v in locs)
        super().set_locs(locs)

    def __call__(self, x, pos=None):
        text = super().__call__(x, pos)
        if not text.strip("$"):
            return text
        if getattr(self, "years", False):  # a year axis: 2020, never 2.020
            return text.replace(".", ",").replace("-", "\u2212")
        return local_number_text(text, self.lang)


def local_number_text(text: str, lang: str) -> str:
    """A tick text as matplotlib writes it ("1200.5", "−3") in `lang`'s number format."""
    value = float(text.strip("$").replace("\u2212", "-"))
    decimals = len(text.partition(".")[2].rstrip("$"))
    return format_number(value, lang, decimals=decimals)


def local_ticks(fig: plt.Figure, lang: str) -> None:
    """Numeric tick labels of every axis in `lang`'s number format. Axes with a
    formatter of their own (dates, labels) keep it; a numeric axis of years keeps 2020."""
    if lang == "en":
        return
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(LocalTicks(lang))


@cache
def _readme_images() -> frozenset[str]:
    """Names of the figures README.md shows as PNG (`](figures/NAME.png)`)."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    return frozenset(re.findall(r"\]\(figures/([^)/\s]+)\.png\)", text))


def figure_formats(name: str) -> list[str]:
    """The files a figure is saved as, each where it serves a reader: the
    canonical (English, study provinces) figures as SVG, the scalable master,
    plus PNG where README.md shows them; any other language or selection
    (out/<variant>/) as PNG only, the format a notebook reader opens."""
    if not canonical_figures():
        return ["png"]
    return ["png", "svg"] if name in _readme_images() else ["svg"]


def _layout_as_png(fig: plt.Figure) -> None:
    """The layout pass a PNG save makes (at savefig.dpi), without rendering
    pixels: a layout engine starts from the positions the previous pass left, so
    the SVG and the notebook's copy come out as when the PNG is saved too."""
    if fig.get_layout_engine() is None:
        return
    with cbook._setattr_cm(fig, dpi=mpl.rcParams["savefig.dpi"]), cbook._setattr_cm(fig.canvas, _is_saving=True):
        renderer = fig.canvas.get_renderer()
        with renderer._draw_disabled():
            fig.draw(renderer)


def save_figure(fig: plt.Figure, name: str, data=None, lang: str = "en", inline_copy: bool = True) -> list[Path]:
    """Save `name` as figure_formats(name) (PNG, SVG) without date or version
    metadata, and the plotted numbers `data` (a DataFrame) as data/`name`.csv
    beside them. Tick labels first take `lang`'s number format (local_ticks), shown or saved.
    `inline_copy=False`: the notebook shows its own copy (maps: a small one).

    Written to helpers.data.paths.figures_dir(): figures/ by default, a staging
    folder during `python -m helpers.run`, a tmp dir under pytest.
    """
    local_ticks(fig, lang)
    if data is not None:  # shown under the figure by show(), written or not
        data.attrs["figure_data"] = figure_data_line(figure_data_path(name), lang)
    end_axis_at_ticks(fig)
    if not writes_figures():
        return []
    out = figures_dir()
    (out / "data").mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.{kind}" for kind in figure_formats(name)]
    if inline_copy and [p.suffix for p in paths] == [".png"] and _inline_png(fig):
        # PNG only (another language or selection): the file is the notebook's inline copy,
        # rendered once for both (100 dpi, as shown; readable at ~900 px and wider)
        paths[0].write_bytes(fig._dx_inline_png)
        paths = paths[:1]
        return _save_data(paths, out, name, data)
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    with mpl.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"]}):
        if paths[0].suffix != ".png":
            _layout_as_png(fig)
        for path in paths:
            fig.savefig(path, metadata=metadata[path.suffix[1:]])
    return _save_data(paths, out, name, data)


def _save_data(paths: list[Path], out: Path, name: str, data) -> list[Path]:
    if data is not None:
        paths.append(out / "data" / f"{name}.csv")
        # periods as ISO text (helpers.data.periods.Period.__str__), fixed line ends: byte-identical reruns
        data.map(lambda v: str(v) if isinstance(v, Period) else v).to_csv(paths[-1], index=False, lineterminator="\n")
    return paths


def _inline_png(fig: plt.Figure) -> bool:
    """Render `fig` as the inline backend would show it (stored on the figure) when it will
    be shown inline with its image; False otherwise (tests, scripts, strict nbval)."""
    if not (shows_figures() and renders_inline_images()) or "inline" not in mpl.get_backend():
        return False
    from IPython.core.pylabtools import print_figure

    fig._dx_inline_png = print_figure(fig, "png", bbox_inches="tight", base64=False)
    return True


def show(fig, data) -> None:
    """In a notebook: the figure and the path of its data file (set by save_figure),
    or, when none was drawn, the sentence saying why (`data.attrs["why"]`)."""
    from IPython.display import Markdown, display

    if fig is None:
        display(Markdown(data.attrs["why"]))
        return
    if shows_figures() and getattr(fig, "_dx_inline_png", None) is not None:
        # already rendered for its file: the same image and text output as the inline backend's
        from binascii import b2a_base64

        image = b2a_base64(fig._dx_inline_png, newline=False).decode("ascii")
        display({"image/png": image, "text/plain": repr(fig)}, raw=True)
        plt.close(fig)
    elif shows_figures():
        plt.show()
    else:
        plt.close(fig)
    if data is not None and "figure_data" in data.attrs:
        print(data.attrs["figure_data"])

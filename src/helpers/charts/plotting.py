"""Project chart style: province colours, captions, rank axes, deterministic files."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.ticker import ScalarFormatter

from helpers.data.numbers import format_number
from helpers.data.paths import (
    figure_data_path,
    figures_dir,
    redraw_dir,
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
    "svg.hashsalt": "mekong-dx",  # fixed ids in a reader's own SVG copy
}


def use_style() -> None:
    """Chart style, and table display wide enough for quotes and notes; text sizes measured
    and glyphs rasterised once per process (helpers.charts.text_metrics, glyph_cache)."""
    import pandas as pd

    from helpers.charts import glyph_cache, text_metrics

    mpl.rcParams.update(STYLE)
    text_metrics.share()
    glyph_cache.share()
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


def figure_png(fig: plt.Figure) -> bytes:
    """The figure as a PNG, rendered once for both its file and the notebook's copy: as
    the inline backend renders it (figure dpi, 100: a 9-inch figure is 900 px, GitHub's
    width; tight bounding box), without the software-version metadata."""
    import io

    buffer = io.BytesIO()
    fig.canvas.print_figure(
        buffer,
        format="png",
        dpi=fig.dpi,
        bbox_inches="tight",
        facecolor=fig.get_facecolor(),
        edgecolor=fig.get_edgecolor(),
        metadata={"Software": None},
    )
    return buffer.getvalue()


def save_figure(
    fig: plt.Figure, name: str, data=None, lang: str = "en", render=figure_png, redraw: bool = False
) -> list[Path]:
    """Save `name` as `name`.png (one file per figure and language: the image the notebook
    shows, rendered once by `render`) and the plotted numbers `data` (a DataFrame) as
    data/`name`.csv beside it. Tick labels first take `lang`'s number format (local_ticks).
    `redraw`: drawn from a reader's own rows, written to helpers.data.paths.redraw_dir().

    Written to helpers.data.paths.figures_dir(): figures/ by default, a staging
    folder during `python -m helpers.run`, a tmp dir under pytest. For a vector copy
    in JupyterLab: `fig.savefig("name.svg")` after the figure's cell.
    """
    local_ticks(fig, lang)
    if data is not None:  # shown under the figure by show(), written or not
        data.attrs["figure_data"] = figure_data_line(figure_data_path(name, redraw), lang)
    end_axis_at_ticks(fig)
    inline = _shown_inline()
    if not (writes_figures() or inline):
        return []  # strict nbval and chart-rule tests: checked on the figure object, nothing rendered
    image = render(fig)
    if inline:
        fig._dx_inline_png = image
    if not writes_figures():
        return []
    out = redraw_dir() if redraw else figures_dir()
    (out / "data").mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    path.write_bytes(image)
    return _save_data([path], out, name, data)


def _save_data(paths: list[Path], out: Path, name: str, data) -> list[Path]:
    if data is not None:
        paths.append(out / "data" / f"{name}.csv")
        # periods as ISO text (helpers.data.periods.Period.__str__), fixed line ends: byte-identical reruns
        data.map(lambda v: str(v) if isinstance(v, Period) else v).to_csv(paths[-1], index=False, lineterminator="\n")
    return paths


def _shown_inline() -> bool:
    """True when the figure will be shown inline with its image (not in tests, scripts or
    strict nbval)."""
    return shows_figures() and renders_inline_images() and "inline" in mpl.get_backend()


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

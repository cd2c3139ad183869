"""Navigation cells of the published notebooks, computed from the notebooks
themselves so that they never go stale: under the title, the link to the
other-language twin, the previous and next notebooks and a table of contents of
the `##` headings (markdown cells and computed markdown); at the bottom, the
previous and next notebooks again. The runner rewrites them on every run;
tests/test_navigation.py fails when a committed notebook's cells drift."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from helpers.text import markdown
from helpers.text.catalogue import say

TAG = "navigation"
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_INLINE = re.compile(r"[`*]|(?<!\w)_|_(?!\w)")


def is_navigation(cell) -> bool:
    return TAG in cell.get("metadata", {}).get("tags", [])


def heading_text(markdown_heading: str) -> str:
    """What a reader sees of a heading's markdown (its text content)."""
    return _INLINE.sub("", _LINK.sub(r"\1", markdown_heading)).strip()


def anchor(markdown_heading: str) -> str:
    """The id JupyterLab and nbconvert (GitHub) give a heading: its text, spaces as
    hyphens; parentheses escaped so that the markdown link stays one link."""
    text = heading_text(markdown_heading).replace(" ", "-")
    return "#" + text.replace("(", "%28").replace(")", "%29")


def _markdown_texts(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        if is_navigation(cell):
            continue
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                shown = output.get("data", {}).get("text/markdown")
                if shown:
                    texts.append(shown if isinstance(shown, str) else "".join(shown))
    return texts


def headings(nb) -> list[str]:
    """The `##` headings of a notebook, in order (markdown cells and computed markdown)."""
    found, fenced = [], False
    for text in _markdown_texts(nb):
        for line in text.splitlines():
            if line.startswith("```"):
                fenced = not fenced
            elif not fenced and line.startswith("## "):
                found.append(line[3:].strip())
    return found


def title(path: Path, lang: str) -> str:
    """A notebook's title in `lang` (its first heading line), or its file stem."""
    cells = nbformat.read(path, as_version=4).cells
    first = next((c.source for c in cells if c.cell_type == "markdown" and not is_navigation(c)), "")
    if lang == "vi":
        first = markdown.translations().get(first, first)
    line = first.partition("\n")[0]
    return line[2:].strip() if line.startswith("# ") else path.stem


def _neighbours(name: str, notebooks: list[Path], lang: str) -> list[str]:
    names = [p.name for p in notebooks]
    if name not in names:
        return []
    index = names.index(name)
    links = []
    if index > 0:
        before = notebooks[index - 1]
        links.append(say("navigation.previous", lang, title=title(before, lang), path=before.name))
    if index + 1 < len(notebooks):
        after = notebooks[index + 1]
        links.append(say("navigation.next", lang, title=title(after, lang), path=after.name))
    return links


def cells(nb, name: str, lang: str, notebooks: list[Path], twin: bool = True) -> tuple[str, str]:
    """(top, bottom) navigation texts of notebook `name` in `lang`."""
    twin_path = f"../{name}" if lang != "en" else f"vi/{name}"
    top_line = [say("navigation.twin", lang, path=twin_path)] if twin else []
    neighbours = _neighbours(name, notebooks, lang)
    top = [" · ".join(top_line + neighbours)]
    found = headings(nb)
    if found:
        contents = "\n".join(f"- [{heading}]({anchor(heading)})" for heading in found)
        top.append(f"{say('navigation.contents', lang)}\n\n{contents}")
    return "\n\n".join(t for t in top if t), " · ".join(neighbours)


def rewrite(nb, name: str, lang: str, notebooks: list[Path], twin: bool = True):
    """Replace `nb`'s navigation cells (in place): one under the title cell, one at the end.
    A notebook without a title (`# ...` first cell) gets none."""
    nb.cells = [cell for cell in nb.cells if not is_navigation(cell)]
    if not nb.cells or nb.cells[0].cell_type != "markdown" or not nb.cells[0].source.startswith("# "):
        return nb
    top, bottom = cells(nb, name, lang, notebooks, twin)
    new = [nbformat.v4.new_markdown_cell(text, metadata={"tags": [TAG]}) for text in (top, bottom)]
    nb.cells = [nb.cells[0], new[0], *nb.cells[1:]] + ([new[1]] if bottom else [])
    return nb

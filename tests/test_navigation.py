"""Navigation cells of the published notebooks (helpers.text.navigation): computed
from each notebook's own headings, so that they never go stale."""

import copy

import nbformat
import pytest

from helpers.data.paths import NOTEBOOKS
from helpers.run import runner as running
from helpers.text import navigation

ENGLISH = running.canonical_notebooks()
PUBLISHED = [(p, "en") for p in ENGLISH] + [(NOTEBOOKS / "vi" / p.name, "vi") for p in ENGLISH]


@pytest.mark.parametrize(("path", "lang"), PUBLISHED, ids=lambda v: getattr(v, "stem", v))
def test_committed_navigation_matches_the_notebooks_headings(path, lang):
    nb = nbformat.read(path, as_version=4)
    fresh = navigation.rewrite(copy.deepcopy(nb), path.name, lang, ENGLISH)
    assert [c.source for c in nb.cells if navigation.is_navigation(c)] == [
        c.source for c in fresh.cells if navigation.is_navigation(c)
    ], f"{path.relative_to(NOTEBOOKS.parent)}: navigation cells are stale; run `make run`"
    top, bottom = nb.cells[1], nb.cells[-1]
    assert navigation.is_navigation(top) and navigation.is_navigation(bottom)
    twin = f"../{path.name}" if lang == "vi" else f"vi/{path.name}"
    assert top.source.startswith(f"[{'English' if lang == 'vi' else 'Tiếng Việt'}]({twin})")
    assert (path.parent / twin).exists()
    # every heading of the notebook is listed, and every link resolves
    for heading in navigation.headings(nb):
        assert f"]({navigation.anchor(heading)})" in top.source
    index = [p.name for p in ENGLISH].index(path.name)
    for neighbour in ENGLISH[max(index - 1, 0) : index + 2]:
        if neighbour.name != path.name:
            assert f"]({neighbour.name})" in top.source and f"]({neighbour.name})" in bottom.source
            assert (path.parent / neighbour.name).exists()


def test_a_changed_heading_changes_the_contents_and_its_anchor():
    nb = nbformat.read(ENGLISH[1], as_version=4)
    nb = copy.deepcopy(nb)
    nb.cells.append(nbformat.v4.new_markdown_cell("## A `new` section (draft)"))
    top = navigation.rewrite(nb, ENGLISH[1].name, "en", ENGLISH).cells[1].source
    assert "- [A `new` section (draft)](#A-new-section-%28draft%29)" in top


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("2023 → 2024: who rose and who fell", "#2023-→-2024:-who-rose-and-who-fell"),
        ("Tóm tắt: **kết luận**", "#Tóm-tắt:-kết-luận"),
        ("See [PAPI](https://papi.org.vn) scores", "#See-PAPI-scores"),
    ],
)
def test_anchors_follow_jupyterlab_and_nbconvert(heading, expected):
    assert navigation.anchor(heading) == expected

"""The pinned environment: one lock file, mirrored by environment.yml."""

import re
import sys
from importlib.metadata import version

import yaml

from helpers.data.paths import ROOT


def lock_sections() -> dict[str, dict[str, str]]:
    sections, current = {}, None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if m := re.fullmatch(r"# \[(\w+)\]", line.strip()):
            current = sections.setdefault(m.group(1), {})
        elif line and not line.startswith("#"):
            name, pinned = line.split("==")
            current[name.lower().replace("_", "-")] = pinned
    return sections


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return {name.lower().replace("_", "-"): pinned for name, pinned in (p.split("==") for p in pip if "==" in p)}


def test_every_lock_line_is_an_exact_pin():
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.]*", line), line


def test_environment_yml_lists_the_same_direct_pins_as_the_lock():
    assert conda_pins() == lock_sections()["direct"]


def test_environment_yml_asks_for_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    assert sys.version_info[:2] == (3, 11)


def test_design_card_packages_are_direct_dependencies():
    direct = lock_sections()["direct"]
    for name in ("jupyterlab", "pandas", "matplotlib", "seaborn", "papermill", "nbval", "ipykernel"):
        assert name in direct, name


def test_pandas_avoids_the_seaborn_hue_swap_series():
    # seaborn 0.13.2 swaps categorical hue labels with pandas 3.0.x (seaborn #3893/#3922).
    pandas = lock_sections()["direct"]["pandas"]
    assert not pandas.startswith("3.0."), pandas


def test_installed_versions_match_the_lock():
    for name, pinned in {**lock_sections()["direct"], **lock_sections()["transitive"]}.items():
        assert version(name) == pinned, name


def test_readme_shows_the_two_commands_and_existing_figures():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    images = re.findall(r"!\[[^\]]*\]\((figures/[^)]+)\)", readme)
    assert images, "the Findings section embeds the key figures"
    for image in images:
        assert (ROOT / image).is_file(), image


def test_ci_runs_the_readme_test_command():
    lines = [ln for ln in (ROOT / ".ci/run").read_text().splitlines() if ln and not ln.startswith("#")]
    assert lines[-1] == "make test"

"""A province added to the curated data shows up without code changes."""

import matplotlib
import pandas as pd
import pytest

from helpers.analysis import comparison
from helpers.charts import plotting
from helpers.data import loading
from helpers.data.periods import Period
from helpers.notebooks import corpus, figures, tidy

matplotlib.use("Agg")
THIRD = "Cần Thơ"


@pytest.fixture
def with_third_province(monkeypatch):
    original = loading._cached

    def patched(name):
        table = original(name)
        if name == "observations":
            extra = table[table["obs_id"] == "20220505-12"].assign(obs_id="99999999-01", province=THIRD)
            table = pd.concat([table, extra], ignore_index=True)
        return table

    monkeypatch.setattr(loading, "_cached", patched)
    yield
    matplotlib.pyplot.close("all")


def test_a_third_province_is_available_compared_and_plotted(with_third_province, tmp_path, monkeypatch):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    provinces = ["Hậu Giang", "Tiền Giang", THIRD]
    assert loading.check_provinces(provinces) == provinces
    comparable, _ = comparison.pairs(provinces)
    same = comparable[(comparable["province_b"] == THIRD) & (comparable["indicator_id"] == "online_services_total")]
    assert same["value_b"].tolist() == [1860.0] and same["period"].tolist() == [Period.of("2022-05-05", "2022-05-05")]
    plotting.use_style()
    fig, plotted = figures.plot("02_online_services_by_level", tidy.observations("02", provinces), provinces, "en")
    assert plotted[(plotted["province"] == THIRD) & (plotted["indicator_id"] == "online_services_total")][
        "value"
    ].tolist() == [1860.0]
    colours = {plotting.province_colour(p, provinces) for p in provinces}
    assert len(colours) == 3  # one distinct colour per province
    assert THIRD in corpus.availability(provinces).columns

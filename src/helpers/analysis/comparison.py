"""What can be compared, what cannot, and where the sources disagree.

Rules: two numbers are comparable only when indicator, unit and period agree; targets are never compared
with results. Derived numbers: helpers.analysis.derived. Computed once per kernel (loading.from_tables)."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from helpers.data import loading
from helpers.data.periods import Period

DTI_PREFIX = "dti_"


@loading.from_tables
def results(provinces: list[str] | None = None) -> pd.DataFrame:
    """Article observations of kind `result` (targets left out), with labels and a `period` (helpers.data.periods.Period)."""
    obs = loading.observations_with_indicators()
    obs = obs[obs["kind"] == "result"]
    if provinces is not None:
        obs = obs[obs["province"].isin(provinces)]
    obs = obs.assign(period=[Period.of(s, e) for s, e in zip(obs["period_start"], obs["period_end"])], tier="article")
    return obs.reset_index(drop=True)


@loading.from_tables
def dti_evidence(provinces: list[str]) -> pd.DataFrame:
    """Every DTI rank known for `provinces`, one row per claim, tier marked:
    article claims, official tables (overall and Mekong Delta ranks), press facts."""
    art = results(provinces)
    art = art[art["indicator_id"].str.startswith(DTI_PREFIX)]
    art = art.assign(assessment_year=art["period_start"].dt.year)
    official = loading.load("dti_scores").query("scope == '63_provinces'")
    official = official.assign(
        indicator_id="dti_rank_overall",
        value=official["rank"].astype(float),
        qualifier="exact",
        tier="official_table",
        period_label="",
    )
    mekong = loading.load("dti_mekong_ranks")
    mekong = mekong.assign(
        indicator_id="dti_rank_mekong_delta",
        value=mekong["rank_in_mekong_delta"].astype(float),
        qualifier="exact",
        tier="official_table",
        period_label="",
    )
    press = loading.load("dti_press_facts").assign(tier="press_reference", period_label="")
    columns = [
        "province",
        "indicator_id",
        "assessment_year",
        "value",
        "qualifier",
        "tier",
        "source_id",
        "period_label",
        "formula",
    ]
    art, official, mekong = (frame.assign(formula="") for frame in (art, official, mekong))
    frames = [art[columns], official[columns], mekong[columns], press[columns]]
    out = pd.concat(frames, ignore_index=True)
    out = out[out["province"].isin(provinces)]
    return out.sort_values(["province", "indicator_id", "assessment_year", "tier"]).reset_index(drop=True)


def dti_crosscheck(provinces: list[str]) -> pd.DataFrame:
    """Each article claim about DTI against the official table of the same
    assessment year: agrees / disagrees / cannot be checked, with the reason."""
    art = results(provinces)
    art = art[art["indicator_id"].str.startswith(DTI_PREFIX)]
    official = {
        "dti_rank_overall": loading.load("dti_scores")
        .query("scope == '63_provinces'")
        .set_index(["province", "assessment_year"])["rank"],
        "dti_rank_mekong_delta": loading.load("dti_mekong_ranks").set_index(["province", "assessment_year"])[
            "rank_in_mekong_delta"
        ],
    }
    years = sorted(loading.load("dti_scores").query("scope == '63_provinces'")["assessment_year"].unique())
    rows = []
    for r in art.itertuples():
        year = r.period_start.year
        table = official.get(r.indicator_id)
        literal = _label_year(r.period_label)
        if table is None:
            status, official_value = "cannot be checked", None
            reason = "the official tables in data/reference/ hold overall scores only, no pillar or sub-index ranks"
        elif (r.province, year) not in table.index:
            status, official_value = "cannot be checked", None
            reason = f"no official table for assessment year {year} in data/reference/ (tables: {', '.join(map(str, years))})"
        else:
            official_value = float(table.loc[(r.province, year)])
            agrees = _satisfies(official_value, r.value, r.qualifier)
            status = "agrees" if agrees else "disagrees"
            reason = f"official DTI {year} rank is {official_value:g}"
        if literal and literal != year:
            reason += (
                f"; the article labels it {r.period_label!r}, read as assessment year {year} "
                "because that is the last DTI announced before the article"
            )
            if table is not None and (r.province, literal) in table.index:
                reason += f" (the official DTI {literal} value, {float(table.loc[(r.province, literal)]):g}, fits the literal label)"
        rows.append(
            {
                "obs_id": r.obs_id,
                "province": r.province,
                "indicator_id": r.indicator_id,
                "article_says": _with_qualifier(r.value, r.qualifier),
                "period_label": r.period_label,
                "assessment_year": year,
                "official": official_value,
                "status": status,
                "reason": reason,
                "source_id": r.source_id,
            }
        )
    return pd.DataFrame(rows)


def _label_year(label: str) -> int | None:
    digits = [int(w) for w in str(label).replace(":", " ").split() if w.isdigit() and len(w) == 4]
    return digits[0] if digits else None


def _satisfies(actual: float, claimed: float, qualifier: str) -> bool:
    """Whether the actual rank satisfies the claim ("top 10" is at_most 10)."""
    return {
        "exact": actual == claimed,
        "at_most": actual <= claimed,
        "at_least": actual >= claimed,
        "approx": abs(actual - claimed) <= 0.1 * claimed,
    }[qualifier]


def _with_qualifier(value: float, qualifier: str) -> str:
    prefix = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}[qualifier]
    return f"{prefix}{value:g}"


@loading.from_tables
def conflicts(provinces: list[str]) -> pd.DataFrame:
    """Disagreements to surface, never silently resolved:
    - year_label: an article's year label differs from the assessment year recorded;
    - value: two sources give different values for the same province, indicator and period
      (article vs article, article vs official table, article vs press fact).
    `a`, `b` and `explanation` are language-neutral (key, fields) pairs: a message
    key of helpers.text.catalogue and its fields, worded by helpers.notebooks.dti.conflict_text."""
    rows = []
    reference_dates = loading.load("sources").set_index("source_id")["reference_date"]
    for r in dti_crosscheck(provinces).itertuples():
        literal = _label_year(r.period_label)
        # the cross-check reason, from its fields (helpers.notebooks.dti words it)
        why = _said(
            "conflict.crosscheck",
            province=r.province,
            indicator_id=r.indicator_id,
            official=None if pd.isna(r.official) else float(r.official),
            period_label=r.period_label,
            assessment_year=int(r.assessment_year),
        )
        if literal and literal != r.assessment_year:
            rows.append(
                {
                    "type": "year_label",
                    "province": r.province,
                    "indicator_id": r.indicator_id,
                    "period": Period.year(r.assessment_year),
                    "a": _said("conflict.a.labelled", source=r.source_id, says=r.article_says, label=r.period_label),
                    "b": _calendar_reading(literal, r.assessment_year, reference_dates[r.source_id]),
                    "explanation": why,
                }
            )
        if r.status == "disagrees":
            rows.append(
                {
                    "type": "value",
                    "province": r.province,
                    "indicator_id": r.indicator_id,
                    "period": Period.year(r.assessment_year),
                    "a": _said("conflict.a.says", source=r.source_id, says=r.article_says),
                    "b": _said("conflict.b.official", says=f"{r.official:g}"),
                    "explanation": why,
                }
            )
    evidence = dti_evidence(provinces)
    for (province, indicator, year), group in evidence.groupby(["province", "indicator_id", "assessment_year"]):
        values = group.drop_duplicates("value")
        if len(values) > 1:
            said = [
                _said(
                    "conflict.tier_value_implied" if t.formula else "conflict.tier_value",
                    tier=t.tier,
                    source=t.source_id,
                    says=_with_qualifier(t.value, t.qualifier),
                    **({"formula": t.formula} if t.formula else {}),
                )
                for t in values.itertuples()
            ]
            rows.append(
                {
                    "type": "value",
                    "province": province,
                    "indicator_id": indicator,
                    "period": Period.year(year),
                    "a": said[0],
                    "b": _said("conflict.list", items=tuple(said[1:])),
                    "explanation": _said("conflict.why.different_ranks"),
                }
            )
    press = loading.load("dti_press_facts")
    for r in dti_crosscheck(provinces).itertuples():
        same = press[(press["province"] == r.province) & (press["indicator_id"] == r.indicator_id)]
        # the same number placed in another year: one fact, two year readings
        elsewhere = same[
            (same["assessment_year"] != r.assessment_year) & (same["value"] == float(r.article_says.lstrip("≈≥≤")))
        ]
        if len(elsewhere) and (same["assessment_year"] == r.assessment_year).sum() == 0:
            years = tuple(int(y) for y in sorted(elsewhere["assessment_year"].unique()))
            rows.append(
                {
                    "type": "year_assignment",
                    "province": r.province,
                    "indicator_id": r.indicator_id,
                    "period": Period.year(r.assessment_year),
                    "a": _said(
                        "conflict.a.read_as", source=r.source_id, says=r.article_says, year=int(r.assessment_year)
                    ),
                    "b": _said(
                        "conflict.b.press",
                        years=years,
                        values=tuple(_with_qualifier(v, q) for v, q in zip(elsewhere["value"], elsewhere["qualifier"])),
                    ),
                    "explanation": _said("conflict.why.same_fact_other_year"),
                }
            )
    art = results(provinces)
    art = art[~art["indicator_id"].str.startswith(DTI_PREFIX)]
    for (province, indicator, start, end), group in art.groupby(
        ["province", "indicator_id", "period_start", "period_end"]
    ):
        if group["value"].nunique() > 1:
            rows.append(
                {
                    "type": "value",
                    "province": province,
                    "indicator_id": indicator,
                    "period": Period.of(start, end),
                    "a": _said("conflict.ids", ids=(group["source_id"].iloc[0],)),
                    "b": _said("conflict.ids", ids=tuple(group["source_id"].iloc[1:])),
                    "explanation": _said("conflict.why.different_values"),
                }
            )
    out = pd.DataFrame(rows, columns=["type", "province", "indicator_id", "period", "a", "b", "explanation"])
    return out.drop_duplicates().reset_index(drop=True)


def _said(key: str, **fields) -> tuple:
    """A message key and its fields, hashable (conflicts are de-duplicated)."""
    return key, tuple(sorted(fields.items()))


def _calendar_reading(literal: int, recorded: int, reference_date: pd.Timestamp) -> tuple:
    """What the announcement calendar says about an article's year label, read, not assumed."""
    announced = loading.load("dti_calendar").set_index("assessment_year")["announced"]
    when = announced.get(literal)
    if when is None:
        return _said("conflict.calendar.unlisted", literal=literal, recorded=recorded)
    key = "conflict.calendar.after" if pd.isna(reference_date) or when > reference_date else "conflict.calendar.before"
    return _said(
        key,
        literal=literal,
        recorded=recorded,
        when=when.date(),
        article=None if pd.isna(reference_date) else reference_date.date(),
    )


def revisions(provinces: list[str]) -> pd.DataFrame:
    """Same province and indicator reported for different periods (a change over
    time, or a change of definition); the notebooks show both, never one."""
    art = results(provinces)
    art = art[~art["indicator_id"].str.startswith(DTI_PREFIX)]
    groups = art.groupby(["province", "indicator_id"]).filter(lambda g: g["period"].nunique() > 1)
    return (
        groups[["province", "indicator_id", "label_en", "value", "qualifier", "period", "source_id", "note"]]
        .sort_values(["province", "indicator_id", "period"])
        .reset_index(drop=True)
    )


TIER_ORDER = {"official_table": 0, "article": 1, "press_reference": 2}


@loading.from_tables
def best_evidence(provinces: list[str]) -> pd.DataFrame:
    """One value per province, indicator and period: article results, plus every
    DTI rank (official table first, then article, then press), with the other
    tiers' values kept in `also` so that nothing is hidden."""
    art = results(provinces)
    art = art[~art["indicator_id"].str.startswith(DTI_PREFIX)]
    dti = dti_evidence(provinces).assign(period=lambda d: [Period.year(y) for y in d["assessment_year"]])
    columns = ["province", "indicator_id", "value", "qualifier", "period", "tier", "source_id"]
    data = pd.concat([art[columns], dti[columns]], ignore_index=True)
    data["_order"] = data["tier"].map(TIER_ORDER)
    data = data.sort_values(["province", "indicator_id", "period", "_order", "source_id"])
    # Sorted, so each (province, indicator, period) is one run of rows: the first is the best.
    # Plain tuples, not one pandas selection per group: 13 provinces make about a thousand groups.
    rows, also, last = [], [], None
    for r in data[columns].itertuples(index=False):
        key = (r.province, r.indicator_id, r.period)
        if key == last:
            also[-1].append(f"{r.tier} {r.source_id}: {_with_qualifier(r.value, r.qualifier)}")
            continue
        rows.append(r._asdict())
        also.append([])
        last = key
    for row, others in zip(rows, also):
        row["also"] = "; ".join(others)
    indicators = loading.load("indicators")[["indicator_id", "label_en", "label_vi", "unit", "theme"]]
    return pd.DataFrame(rows).merge(indicators, on="indicator_id", how="left")


@loading.from_tables
def pairs(provinces: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(comparable, not_comparable) between each two provinces.

    Comparable: same indicator (hence unit) and same period. Not comparable: an
    indicator both provinces report, but a value whose period the other
    province never reports; `periods_b` holds the other province's periods."""
    data = best_evidence(provinces)
    # indicator -> province -> its rows, in data order: grouped once, not once per pair
    by: dict[str, dict[str, list]] = {}
    for x in data.itertuples():
        by.setdefault(x.indicator_id, {}).setdefault(x.province, []).append(x)
    comparable, not_comparable = [], []
    for a, b in combinations(provinces, 2):
        for indicator in sorted(by):
            left, right = by[indicator].get(a, []), by[indicator].get(b, [])
            if not left or not right:
                continue
            for x in left:
                match = [y for y in right if y.period == x.period]
                base = {
                    "indicator_id": indicator,
                    "label_en": x.label_en,
                    "label_vi": x.label_vi,
                    "unit": x.unit,
                    "period": x.period,
                    "province_a": a,
                    "value_a": x.value,
                    "qualifier_a": x.qualifier,
                    "tier_a": x.tier,
                    "source_a": x.source_id,
                }
                if not match:
                    not_comparable.append({**base, "province_b": b, "periods_b": tuple(y.period for y in right)})
                    continue
                y = match[0]
                caveats = []
                if x.qualifier != y.qualifier:
                    caveats.append(f"qualifiers differ ({x.qualifier} vs {y.qualifier})")
                if x.tier != y.tier:
                    caveats.append(f"evidence tiers differ ({x.tier} vs {y.tier})")
                comparable.append(
                    {
                        **base,
                        "province_b": b,
                        "value_b": y.value,
                        "qualifier_b": y.qualifier,
                        "tier_b": y.tier,
                        "source_b": y.source_id,
                        "caveat": "; ".join(caveats),
                    }
                )
            left_periods = {x.period for x in left}
            for y in right:
                if y.period in left_periods:
                    continue
                not_comparable.append(
                    {
                        "indicator_id": indicator,
                        "label_en": y.label_en,
                        "label_vi": y.label_vi,
                        "unit": y.unit,
                        "period": y.period,
                        "province_a": b,
                        "value_a": y.value,
                        "qualifier_a": y.qualifier,
                        "tier_a": y.tier,
                        "source_a": y.source_id,
                        "province_b": a,
                        "periods_b": tuple(x.period for x in left),
                    }
                )
    return pd.DataFrame(comparable), pd.DataFrame(not_comparable)

"""Notebooks 02–04: which indicators each notebook and chart shows, the key
findings computed from the data, comparability notes and gaps, in English or
Vietnamese.

Everything here reads the curated results (kind == "result"; targets are
listed apart and never plotted). Nothing is specific to one province: a
province with no value for an indicator gets "not reported", never a zero.
"""

from __future__ import annotations

import re
import textwrap
from itertools import combinations

import pandas as pd

from helpers import comparison, loading, plotting
from helpers.labels import indicator_label, period_text, pick, value_text, word
from helpers.numbers import find_numbers, format_number

NOTEBOOKS = ("02", "03", "04")

# Notebook 03: e-commerce and SME uptake. Every other digital_economy indicator
# (IT enterprises, the digital technology park) belongs to notebook 04.
ECOMMERCE = [
    "ecommerce_products_ocop", "ecommerce_products_agricultural", "ecommerce_household_accounts",
    "ecommerce_accounts_eligible", "ecommerce_transactions", "sme_dx_programme_reached",
    "sme_digital_platform_share",
]
THEMES_04 = ("digital_society", "digital_government", "infrastructure", "digital_economy")
THEME_NAMES = {
    "public_services": ("Online public services", "Dịch vụ công trực tuyến"),
    "digital_economy": ("IT sector and digital technology park", "Doanh nghiệp CNTT và Khu Công nghệ số"),
    "digital_society": ("Digital society", "Xã hội số"),
    "digital_government": ("Digital government", "Chính quyền số"),
    "infrastructure": ("Infrastructure", "Hạ tầng"),
}

# One or two figures per notebook: name -> indicators, one panel each, in order.
CHARTS = {
    "02_online_services_by_level": ["online_services_total", "online_services_level2",
                                    "online_services_level3", "online_services_level4"],
    "02_national_portal_integration": ["online_services_national_portal_integrated",
                                       "online_services_national_portal_integration_rate",
                                       "online_applications_processed"],
    "03_ecommerce_products_and_accounts": ["ecommerce_products_ocop", "ecommerce_products_agricultural",
                                           "ecommerce_household_accounts", "ecommerce_accounts_eligible",
                                           "ecommerce_transactions"],
    "03_sme_digital_uptake": ["sme_dx_programme_reached", "sme_digital_platform_share"],
    "04_household_digital_uptake": ["ewallet_household_share", "app_install_household_share", "app_installs",
                                    "digital_address_household_share", "digital_address_households",
                                    "community_digital_tech_teams"],
    "04_government_infrastructure_shares": ["digital_signature_org_share", "agencies_document_system_share",
                                            "documents_digitally_signed_share", "state_agencies_internet_lan_share",
                                            "videoconference_district_share", "videoconference_commune_share"],
}

# Headline indicators of notebook 04 named in its conclusion (the rest are in its tables).
HEADLINE_04 = [
    "ewallet_household_share", "app_install_household_share", "app_installs", "digital_address_household_share",
    "community_digital_tech_teams", "citizen_feedback_received", "smart_city_field_reports",
    "digital_signature_org_share", "documents_digitally_signed_share", "it_staff_total",
    "dx_policy_documents_issued", "state_agencies_internet_lan_share", "videoconference_commune_share",
    "it_enterprises", "digital_tech_park_investors",
]

# A total and the parts it should add up to (checked, not assumed).
PARTS = {
    "online_services_total": ["online_services_level2", "online_services_level3", "online_services_level4"],
    "it_staff_total": ["it_staff_state_agencies", "it_staff_public_service_units"],
}

# Related indicators that measure different things: never combined or compared.
CONTRASTS = [
    ("app_install_household_share", "app_installs",
     "a share of households vs a count of person-installs: one cannot be converted into the other",
     "tỷ lệ hộ gia đình và số lượt người cài đặt: không quy đổi được cho nhau"),
    ("ecommerce_household_accounts", "sme_dx_programme_reached",
     "farm households vs small and medium enterprises: different populations",
     "hộ sản xuất nông nghiệp và doanh nghiệp nhỏ và vừa: hai đối tượng khác nhau"),
    ("sme_dx_programme_reached", "sme_digital_platform_share",
     "SMEs reached by a programme (a count) vs the share of SMEs using digital platforms",
     "số DNNVV tiếp cận một chương trình và tỷ lệ DNNVV sử dụng nền tảng số: hai thước đo khác nhau"),
    ("citizen_feedback_received", "smart_city_field_reports",
     "hotline feedback vs smart-city field reports: different channels (and periods)",
     "phản ánh qua tổng đài và phản ánh hiện trường qua dịch vụ đô thị thông minh: hai kênh khác nhau"),
    ("ewallet_household_share", "digital_address_household_share",
     "both are shares of households, but of different things (payments vs addresses)",
     "đều là tỷ lệ hộ gia đình nhưng đo hai việc khác nhau (thanh toán và địa chỉ số)"),
]

# Derived numbers that stand in for an indicator the article does not state.
DERIVED_INDICATOR = {"integration_rate": "online_services_national_portal_integration_rate"}

SHORT = {  # short names for chart titles
    "online_services_total": ("online services", "dịch vụ công trực tuyến"),
    "online_services_level4": ("at level 4", "ở mức độ 4"),
    "online_services_national_portal_integrated": ("integrated", "đã tích hợp"),
    "ecommerce_products_ocop": ("OCOP", "OCOP"),
    "ecommerce_products_agricultural": ("agricultural", "nông sản"),
    "ecommerce_household_accounts": ("household accounts", "tài khoản hộ"),
    "sme_dx_programme_reached": ("SMEs reached by SMEdx", "DNNVV tiếp cận SMEdx"),
    "sme_digital_platform_share": ("of SMEs on digital platforms", "DNNVV dùng nền tảng số"),
    "app_installs": ("installs", "lượt cài đặt"),
    "citizen_feedback_received": ("hotline 1022 items", "phản ánh qua tổng đài 1022"),
    "smart_city_field_reports": ("smart-city field reports", "phản ánh hiện trường"),
    "ewallet_household_share": ("e-wallet or bank account", "ví điện tử/tài khoản ngân hàng"),
    "app_install_household_share": ("provincial app", "app của tỉnh"),
    "digital_address_household_share": ("digital address", "địa chỉ số"),
}


# ---------------------------------------------------------------- data


def scope(notebook: str) -> list[str]:
    """Indicator ids a notebook covers, in the order of data/indicators.csv."""
    indicators = loading.load("indicators")
    if notebook == "02":
        chosen = indicators["theme"] == "public_services"
    elif notebook == "03":
        chosen = indicators["indicator_id"].isin(ECOMMERCE)
    elif notebook == "04":
        chosen = indicators["theme"].isin(THEMES_04) & ~indicators["indicator_id"].isin(ECOMMERCE)
    else:
        raise ValueError(f"notebook must be one of {', '.join(NOTEBOOKS)}; got {notebook!r}")
    return indicators.loc[chosen, "indicator_id"].tolist()


def chart_indicators(notebook: str) -> dict[str, list[str]]:
    """The charts of a notebook: figure name -> indicators plotted."""
    return {name: ids for name, ids in CHARTS.items() if name.startswith(f"{notebook}_")}


def results(notebook: str, provinces: list[str]) -> pd.DataFrame:
    """Curated results (no targets) of the notebook's indicators for `provinces`,
    in province, indicator and period order."""
    ids = scope(notebook)
    res = comparison.results(provinces)
    res = res[res["indicator_id"].isin(ids)].copy()
    res["_p"] = res["province"].map({p: i for i, p in enumerate(provinces)})
    res["_i"] = res["indicator_id"].map({x: i for i, x in enumerate(ids)})
    return res.sort_values(["_p", "_i", "period_start", "period_end", "obs_id"]).drop(columns=["_p", "_i"]) \
        .reset_index(drop=True)


def targets(notebook: str, provinces: list[str]) -> pd.DataFrame:
    """Targets (kind == "target") of the notebook's indicators: listed, never plotted."""
    obs = loading.observations_with_indicators()
    obs = obs[(obs["kind"] == "target") & obs["indicator_id"].isin(scope(notebook)) & obs["province"].isin(provinces)]
    return obs.reset_index(drop=True)


def _rows(res: pd.DataFrame, province: str, indicator: str) -> pd.DataFrame:
    return res[(res["province"] == province) & (res["indicator_id"] == indicator)]


def _label(indicator: str, lang: str) -> str:
    return indicator_label(loading.load("indicators").set_index("indicator_id").loc[indicator], lang)


def _short(indicator: str, lang: str) -> str:
    en, vi = SHORT.get(indicator, (None, None))
    return pick(lang, en, vi) if en else _label(indicator, lang)


def _value(row, lang: str) -> str:
    return value_text(row.value, row.qualifier, row.unit, lang)


def _value_period(row, lang: str) -> str:
    return f"{_value(row, lang)} ({period_text(row.period, lang)})"


def _sequence(rows: pd.DataFrame, lang: str, periods: bool = True) -> str:
    """Every value of one province and indicator, oldest first: both shown, never one."""
    show = _value_period if periods else _value
    return " → ".join(show(r, lang) for r in rows.itertuples())


def _num(value: float, lang: str, decimals: int = 0) -> str:
    return format_number(value, lang, decimals=decimals)


def _join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + pick(lang, " and ", " và ") + items[-1]


def _months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    return round(((end - start).days + 1) / 30.44)


def _next_break(mentions, i: int, length: int) -> int:
    """Where the clause of number i ends: at the next number that is not a service level."""
    later = [n for n in mentions[i + 1:] if n.value >= 10 or n.kind == "percent"]
    return later[0].start if later else length


def wording(quote: str, value: float) -> str:
    """The article's own words for a number: the number as written and the words
    that follow it, up to the next clause ("1.860 dịch vụ công trực tuyến");
    empty when no words follow it."""
    mentions = find_numbers(quote)
    for i, m in enumerate(mentions):
        if abs(m.value - value) < 1e-9:
            words = []
            for w in quote[m.end:_next_break(mentions, i, len(quote))].split()[:8]:
                if w.lower() in {"trong", "của", "lên", "và", "với", "đã", "đạt", "tại", "trên", "cho", "được"}:
                    break
                if not any(ch.isalpha() or ch.isdigit() for ch in w):
                    break
                words.append(w)
                if w.endswith((".", ";", ")")):
                    break
            words = " ".join(words).rstrip(",;.) ").split()
            return " ".join([m.text, *words]) if words else ""
    return ""


def excerpt(quote: str, value: float, width: int = 200) -> str:
    """The quote, or, when longer than `width`, the part around the number (marked with …)."""
    if len(quote) <= width:
        return quote
    for m in find_numbers(quote):
        if abs(m.value - value) < 1e-9:
            start = max(0, m.start - width // 2)
            end = min(len(quote), start + width)
            start = max(0, end - width)
            cut = quote[start:end]
            if start:
                cut = "…" + cut.split(" ", 1)[-1]
            if end < len(quote):
                cut = cut.rsplit(" ", 1)[0] + "…"
            return cut
    return quote[:width].rsplit(" ", 1)[0] + "…"


def service_levels(quote: str, value: float) -> list[int]:
    """Service levels the article attaches to a count ("648 dịch vụ ... mức độ 3,
    mức độ 4" -> [3, 4]); empty when it names none."""
    mentions = find_numbers(quote)
    for i, m in enumerate(mentions):
        if abs(m.value - value) < 1e-9:
            tail = quote[m.end:_next_break(mentions, i, len(quote))]
            return sorted({int(x) for x in re.findall(r"mức(?: độ)? ([1-4])\b", tail)})
    return []


# ---------------------------------------------------------------- derived numbers


def derived(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """Numbers computed from two curated numbers of the same source, each with its
    formula (numbers in `lang`), the obs_ids used and a caveat."""
    columns = {"province": pick(lang, "Province", "Tỉnh"), "quantity": pick(lang, "Quantity", "Đại lượng"),
               "value": pick(lang, "Value", "Giá trị"), "formula": pick(lang, "Formula", "Công thức"),
               "inputs": pick(lang, "Inputs (obs_id)", "Số liệu gốc (obs_id)"), "caveat": pick(lang, "Caveat", "Lưu ý")}
    rows = _derived(notebook, provinces, lang)
    return pd.DataFrame(rows, columns=list(columns)).rename(columns=columns)


def _derived(notebook: str, provinces: list[str], lang: str) -> list[dict]:
    res = results(notebook, provinces)
    rows = []

    def add(province, quantity, value, formula, inputs, caveat, key="", period=""):
        rows.append({"province": province, "quantity": quantity, "value": value, "formula": formula,
                     "inputs": ", ".join(inputs), "caveat": caveat, "key": key, "period": period})

    if notebook == "02":
        for r in comparison.derived_rates(provinces).itertuples():
            group = res[(res["province"] == r.province) & (res["source_id"] == r.source_id)].set_index("indicator_id")
            integrated = group.loc["online_services_national_portal_integrated", "value"]
            if r.quantity.startswith("national-portal"):
                total = group.loc["online_services_total", "value"]
                add(r.province, pick(lang, "national-portal integration rate", "tỷ lệ tích hợp lên Cổng DVC quốc gia"),
                    f"{_num(r.value, lang, 1)}%", f"100 × {_num(integrated, lang)} / {_num(total, lang)}",
                    r.inputs.split(", "),
                    pick(lang, "the article gives no rate; denominator = every online service offered, all levels",
                         "bài báo không nêu tỷ lệ; mẫu số = toàn bộ dịch vụ công trực tuyến, mọi mức độ"),
                    key="integration_rate")
            else:
                rate = group.loc["online_services_national_portal_integration_rate", "value"]
                add(r.province, pick(lang, "services implied by the stated rate", "số dịch vụ suy ra từ tỷ lệ đã nêu"),
                    f"≈{_num(r.value, lang)}", f"{_num(integrated, lang)} / {_num(rate, lang, 2)}%",
                    r.inputs.split(", "),
                    pick(lang, "the article does not state the denominator; this is only what the rate implies",
                         "bài báo không nêu mẫu số; đây chỉ là con số mà tỷ lệ ngụ ý"),
                    key="implied_denominator")
        for province in provinces:
            for t in _rows(res, province, "online_services_total").itertuples():
                level4 = res[(res["province"] == province) & (res["indicator_id"] == "online_services_level4")
                             & (res["source_id"] == t.source_id) & (res["period"] == t.period)]
                for l4 in level4.itertuples():
                    add(province, pick(lang, f"level-4 share of services ({period_text(t.period, lang)})",
                                       f"tỷ lệ dịch vụ mức độ 4 ({period_text(t.period, lang)})"),
                        f"{_num(100 * l4.value / t.value, lang, 1)}%", f"100 × {_num(l4.value, lang)} / {_num(t.value, lang)}",
                        [l4.obs_id, t.obs_id],
                        pick(lang, "same article, same date", "cùng bài báo, cùng thời điểm"),
                        key="level4_share", period=t.period)
    if notebook == "03":
        for province in provinces:
            for a in _rows(res, province, "ecommerce_household_accounts").itertuples():
                for e in _rows(res, province, "ecommerce_accounts_eligible").itertuples():
                    if e.period == a.period and e.source_id == a.source_id:
                        caveat = pick(lang, "share of accounts, not of households", "tỷ lệ trên số tài khoản, không phải trên số hộ")
                        if a.qualifier != "exact":
                            caveat += pick(lang, f"; the denominator is hedged ({_value(a, lang)})",
                                           f"; mẫu số là số ước ({_value(a, lang)})")
                        add(province, pick(lang, "accounts eligible to trade", "tài khoản đủ điều kiện giao dịch"),
                            f"{_num(100 * e.value / a.value, lang, 1)}%", f"100 × {_num(e.value, lang)} / {_num(a.value, lang)}",
                            [e.obs_id, a.obs_id], caveat, key="eligible_share", period=a.period)
            for o in _rows(res, province, "ecommerce_products_ocop").itertuples():
                for g in _rows(res, province, "ecommerce_products_agricultural").itertuples():
                    if g.period == o.period and g.source_id == o.source_id:
                        add(province, pick(lang, f"products listed ({period_text(o.period, lang)})",
                                           f"sản phẩm đưa lên sàn ({period_text(o.period, lang)})"),
                            _num(o.value + g.value, lang), f"{_num(o.value, lang)} OCOP + {_num(g.value, lang)}",
                            [o.obs_id, g.obs_id],
                            pick(lang, "the article lists OCOP and agricultural products separately",
                                 "bài báo nêu riêng sản phẩm OCOP và nông sản"),
                            key="products_sum", period=o.period)
    if notebook == "04":
        for province in provinces:
            for n in _rows(res, province, "digital_address_households").itertuples():
                for s in _rows(res, province, "digital_address_household_share").itertuples():
                    if s.period == n.period and s.source_id == n.source_id:
                        add(province, pick(lang, "households in the province implied", "tổng số hộ suy ra"),
                            f"≈{_num(round(n.value / (s.value / 100), -3), lang)}",
                            f"{_num(n.value, lang)} / {_num(s.value, lang, 2)}%", [n.obs_id, s.obs_id],
                            pick(lang, "rounded to the thousand: the numerator is hedged",
                                 "làm tròn đến hàng nghìn: tử số là số ước"),
                            key="implied_households", period=n.period)
    return rows


def parts_check(notebook: str, provinces: list[str], lang: str, with_province: bool = True) -> list[str]:
    """Whether a reported total equals the sum of its reported parts (same source and date)."""
    res = results(notebook, provinces)
    lines = []
    for province in provinces:
        for total_id, part_ids in PARTS.items():
            for t in _rows(res, province, total_id).itertuples():
                parts = [res[(res["province"] == province) & (res["indicator_id"] == p) & (res["period"] == t.period)
                             & (res["source_id"] == t.source_id)] for p in part_ids]
                if any(p.empty for p in parts):
                    continue
                parts = [p.iloc[0] for p in parts]
                total = sum(p["value"] for p in parts)
                addition = " + ".join(value_text(p["value"], p["qualifier"], p["unit"], lang) for p in parts)
                hedged = [p for p in parts if p["qualifier"] == "at_least"]
                if total == t.value and not hedged:
                    verdict = pick(lang, "the parts add up exactly", "các thành phần cộng lại khớp")
                elif total == t.value:
                    verdict = pick(lang, "the parts add up to the total only if \"more than\" means exactly",
                                   "các thành phần chỉ khớp tổng nếu \"hơn\" được hiểu là đúng bằng")
                else:
                    verdict = pick(lang, f"the parts add up to {_num(total, lang)}, not to the total",
                                   f"các thành phần cộng lại được {_num(total, lang)}, không khớp tổng")
                lines.append((f"{province}, " if with_province else "") + f"{_label(total_id, lang)} ({period_text(t.period, lang)}): "
                             f"{addition} = {_num(total, lang)} {pick(lang, 'vs', 'so với')} {_value(t, lang)} — {verdict}.")
    return lines


# ---------------------------------------------------------------- tables


def evidence_table(notebook: str, provinces: list[str], lang: str, themes: list[str] | None = None) -> pd.DataFrame:
    """The curated rows behind the notebook, with the article's own words and source.
    The curator's note (English) is shown when lang == "en"."""
    res = results(notebook, provinces)
    if themes is not None:
        res = res[res["theme"].isin(themes)]
    table = pd.DataFrame({
        pick(lang, "Province", "Tỉnh"): res["province"],
        pick(lang, "Indicator", "Chỉ tiêu"): [indicator_label(r, lang) for _, r in res.iterrows()],
        pick(lang, "Value", "Giá trị"): [_value(r, lang) for r in res.itertuples()],
        pick(lang, "Period", "Thời kỳ"): [period_text(p, lang) for p in res["period"]],
        pick(lang, "Quote (Vietnamese, excerpt)", "Trích dẫn (đoạn)"): [excerpt(r.quote, r.value) for r in res.itertuples()],
        pick(lang, "Source", "Nguồn"): res["source_id"],
    })
    if lang == "en":
        table["Curator's note"] = res["note"].to_numpy()
    return table.reset_index(drop=True)


def revisions_table(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """Every value of an indicator a province reported at more than one date
    (helpers.comparison.revisions), with the article's own words: both shown, never one."""
    revised = comparison.revisions(provinces)
    revised = revised[revised["indicator_id"].isin(scope(notebook))]
    res = results(notebook, provinces)
    keys = set(zip(revised["province"], revised["indicator_id"]))
    rows = res[[k in keys for k in zip(res["province"], res["indicator_id"])]]
    return pd.DataFrame({
        pick(lang, "Province", "Tỉnh"): rows["province"],
        pick(lang, "Indicator", "Chỉ tiêu"): [_label(i, lang) for i in rows["indicator_id"]],
        pick(lang, "Value", "Giá trị"): [_value(r, lang) for r in rows.itertuples()],
        pick(lang, "Period", "Thời kỳ"): [period_text(p, lang) for p in rows["period"]],
        pick(lang, "Article's words", "Cách bài báo viết"): [wording(r.quote, r.value) or r.quote for r in rows.itertuples()],
        pick(lang, "Source", "Nguồn"): rows["source_id"],
    }).reset_index(drop=True)


def show(table: pd.DataFrame, lang: str) -> None:
    """Display a table with its text columns in full (quotes, notes, formulas),
    or a one-line note when it is empty (e.g. for a single province)."""
    from IPython.display import Markdown, display

    if not len(table):
        display(Markdown(pick(lang, "*Nothing to show for the selected provinces.*",
                              "*Không có gì để hiển thị cho các tỉnh đã chọn.*")))
        return
    with pd.option_context("display.max_colwidth", None):
        display(table)


def comparability_notes(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """What cannot be read across dates, provinces or indicators, built from the data:
    values reported at several dates (both shown), the same indicator at different
    dates or periods in two provinces, flows over different periods, totals vs
    parts, hedged values, stated rates without denominator, related indicators
    that measure different things, and targets."""
    res = results(notebook, provinces)
    rows = []

    def add(indicator, issue, evidence):
        rows.append((indicator, issue, evidence))

    # 1. the same province and indicator at several dates: both shown
    revised = comparison.revisions(provinces)
    revised = revised[revised["indicator_id"].isin(scope(notebook))]
    for (province, indicator), _ in revised.groupby(["province", "indicator_id"], sort=False):
        rows_pi = _rows(res, province, indicator)
        words = [wording(r.quote, r.value) for r in rows_pi.itertuples()]
        same_words = not all(words) or len({" ".join(w.split()[1:]) for w in words}) == 1
        if not all(words):
            words = [""] * len(words)
        issue = pick(lang, f"{province}: reported at {len(rows_pi)} dates by different articles; both are shown, neither replaces the other",
                     f"{province}: được báo cáo ở {len(rows_pi)} thời điểm trong các bài khác nhau; thể hiện cả hai, không số nào thay số nào")
        if not same_words:
            issue += pick(lang, "; the articles word it differently (quoted)", "; các bài dùng cách gọi khác nhau (trích dẫn)")
        evidence = " → ".join(f"{_value_period(r, lang)} «{w}»" if w else _value_period(r, lang)
                              for r, w in zip(rows_pi.itertuples(), words))
        add(_label(indicator, lang), issue, evidence)
    # a total falling while a part rises between the same two dates
    for province in provinces:
        for total_id, part_ids in PARTS.items():
            total = _rows(res, province, total_id)
            if len(total) < 2:
                continue
            for part_id in part_ids:
                part = _rows(res, province, part_id)
                if list(part["period"]) != list(total["period"]):
                    continue
                dt = total["value"].iloc[-1] - total["value"].iloc[0]
                dp = part["value"].iloc[-1] - part["value"].iloc[0]
                if dt * dp < 0:
                    add(_label(total_id, lang),
                        pick(lang, f"{province}: the total moves {_signed(dt, lang)} while the count {_short(part_id, lang)} moves {_signed(dp, lang)}; the totals may not count the same things, so no trend is read",
                             f"{province}: tổng thay đổi {_signed(dt, lang)} trong khi số {_short(part_id, lang)} thay đổi {_signed(dp, lang)}; hai con số tổng có thể không cùng cách tính, nên không đọc thành xu hướng"),
                        f"{_sequence(total, lang, periods=False)}; {_sequence(part, lang, periods=False)}")
    # 2. the same indicator in two provinces at different dates or periods
    for a, b in combinations(provinces, 2):
        for indicator in scope(notebook):
            ra, rb = _rows(res, a, indicator), _rows(res, b, indicator)
            if ra.empty or rb.empty or set(ra["period"]) & set(rb["period"]):
                continue
            flows = [r for r in [*ra.itertuples(), *rb.itertuples()] if r.period_start != r.period_end]
            if flows:
                lengths = _join([f"{p}: {_months(r.period_start, r.period_end)} " + pick(lang, "months", "tháng")
                                 for p, r in [(r.province, r) for r in flows]], lang)
                issue = pick(lang, f"flows over different periods ({lengths}): not compared",
                             f"số liệu phát sinh trong các thời kỳ khác nhau ({lengths}): không so sánh")
            else:
                issue = pick(lang, "stocks at different dates: not compared", "số liệu tại các thời điểm khác nhau: không so sánh")
            if indicator == "online_services_national_portal_integrated":
                levels = []
                for r in [*ra.itertuples(), *rb.itertuples()]:
                    found = service_levels(r.quote, r.value)
                    levels.append(f"{r.province}: " + (pick(lang, "levels ", "mức độ ") + ", ".join(map(str, found))
                                                       if found else pick(lang, "levels not stated", "không nêu mức độ")))
                issue += pick(lang, "; services counted differ (", "; phạm vi dịch vụ khác nhau (") + "; ".join(levels) + ")"
            if any(r.qualifier != "exact" for r in [*ra.itertuples(), *rb.itertuples()]):
                issue += pick(lang, "; a hedged value (≥ lower bound, ≈ approximate) is not an exact count",
                              "; số có rào đón (≥ cận dưới, ≈ xấp xỉ) không phải số đếm chính xác")
            add(_label(indicator, lang), issue,
                f"{a}: {_sequence(ra, lang)}; {b}: {_sequence(rb, lang)}")
    # 3. flows of one province over different periods (rates between them are meaningless)
    for province in provinces:
        mine = res[(res["province"] == province) & (res["period_start"] != res["period_end"])]
        for _, flows in mine.groupby(["theme", "unit"], sort=False):
            if flows["period"].nunique() < 2:
                continue
            add(pick(lang, "Flows", "Số liệu phát sinh"),
                pick(lang, f"{province}: flows cover different periods; one is not divided by another",
                     f"{province}: các số liệu phát sinh thuộc những thời kỳ khác nhau; không chia số này cho số kia"),
                "; ".join(f"{_label(r.indicator_id, lang)}: {_value_period(r, lang)}" for r in flows.itertuples()))
    # 4. totals vs parts
    for line in parts_check(notebook, provinces, lang):
        add(pick(lang, "Total vs parts", "Tổng và thành phần"), pick(lang, "checked", "đã kiểm tra"), line)
    # 5. a rate whose denominator the article does not state
    for r in comparison.derived_rates(provinces).itertuples():
        if notebook == "02" and not r.quantity.startswith("national-portal"):
            rate = _rows(res, r.province, "online_services_national_portal_integration_rate").iloc[0]
            add(_label("online_services_national_portal_integration_rate", lang),
                pick(lang, f"{r.province}: the denominator is not stated; the rate implies ≈{_num(r.value, lang)} services",
                     f"{r.province}: bài báo không nêu mẫu số; tỷ lệ này ngụ ý ≈{_num(r.value, lang)} dịch vụ"),
                f"{_value_period(rate, lang)} «{excerpt(rate.quote, rate.value, 110)}»")
    # 6. hedged values
    for province in provinces:
        mine = res[res["province"] == province]
        for qualifier, en, vi in [("at_least", "lower bounds (\"more than\")", "cận dưới (\"hơn\", \"trên\")"),
                                  ("approx", "approximate values (\"about\", \"nearly\")", "số xấp xỉ (\"khoảng\", \"gần\")")]:
            hedged = mine[mine["qualifier"] == qualifier]
            if len(hedged):
                add(pick(lang, "Hedged values", "Số có rào đón"), f"{province}: " + pick(lang, en, vi),
                    "; ".join(f"{_label(r.indicator_id, lang)}: {_value(r, lang)}" for r in hedged.itertuples()))
    # 7. related indicators that measure different things
    for first, second, en, vi in CONTRASTS:
        a, b = res[res["indicator_id"] == first], res[res["indicator_id"] == second]
        if len(a) and len(b):
            add(f"{_label(first, lang)} / {_label(second, lang)}", pick(lang, en, vi),
                "; ".join(f"{r.province}: {_short(r.indicator_id, lang)} {_value_period(r, lang)}"
                          for r in [*a.itertuples(), *b.itertuples()]))
    # 8. a product count without a separate OCOP count for the same period
    for province in provinces:
        ocop = _rows(res, province, "ecommerce_products_ocop")
        for g in _rows(res, province, "ecommerce_products_agricultural").itertuples():
            if g.period not in set(ocop["period"]):
                add(_label("ecommerce_products_agricultural", lang),
                    pick(lang, f"{province}: no separate OCOP count for this period; whether OCOP products are included is not stated",
                         f"{province}: không có số sản phẩm OCOP riêng cho thời kỳ này; không rõ đã gồm sản phẩm OCOP hay chưa"),
                    f"{_value_period(g, lang)} «{wording(g.quote, g.value)}»")
    # 9. targets
    for t in targets(notebook, provinces).itertuples():
        add(indicator_label(loading.load("indicators").set_index("indicator_id").loc[t.indicator_id], lang),
            pick(lang, f"{t.province}: a target, not a result; listed here, never plotted",
                 f"{t.province}: là mục tiêu, không phải kết quả; chỉ liệt kê, không vẽ"),
            f"{word('target', lang)} {value_text(t.value, t.qualifier, t.unit, lang)} "
            f"({period_text(comparison._period(t.period_start, t.period_end), lang)})")
    columns = [pick(lang, "Indicator", "Chỉ tiêu"), pick(lang, "Issue", "Vấn đề"), pick(lang, "Evidence", "Số liệu")]
    return pd.DataFrame(rows, columns=columns)


def _signed(value: float, lang: str) -> str:
    return ("+" if value > 0 else "−") + _num(abs(value), lang)


def not_in_corpus(notebook: str, provinces: list[str], lang: str) -> str:
    """Markdown: for each province, the notebook's indicators the corpus gives no result for."""
    res = results(notebook, provinces)
    ids = scope(notebook)
    lines = []
    for province in provinces:
        have = set(res.loc[res["province"] == province, "indicator_id"])
        missing = [i for i in ids if i not in have]
        head = pick(lang, f"**{province}** — {len(missing)} of {len(ids)} indicators have no result in the corpus",
                    f"**{province}** — {len(missing)} trên {len(ids)} chỉ tiêu không có kết quả trong các bài báo")
        if notebook == "02" and not have & {"online_services_total", *PARTS["online_services_total"]}:
            head += pick(lang, ", including any count of online services, all levels or by level",
                         ", kể cả số dịch vụ công trực tuyến (tổng hoặc theo mức độ)")
        if not missing:
            lines.append(f"- {head}.")
            continue
        computed = {DERIVED_INDICATOR[d["key"]] for d in _derived(notebook, [province], lang) if d["key"] in DERIVED_INDICATOR}
        lines.append(f"- {head}: " + "; ".join(
            _label(i, lang) + (pick(lang, " (not stated; computed from two curated numbers, see the derived table)",
                                    " (không nêu; tính từ hai số liệu, xem bảng số liệu tính toán)") if i in computed else "")
            for i in missing) + ".")
        for t in targets(notebook, [province]).itertuples():
            lines.append(pick(lang, f"  - {_label(t.indicator_id, lang)}: only a target ({value_text(t.value, t.qualifier, t.unit, lang)}), no result.",
                              f"  - {_label(t.indicator_id, lang)}: chỉ có mục tiêu ({value_text(t.value, t.qualifier, t.unit, lang)}), không có kết quả."))
    return "\n".join(lines)


# ---------------------------------------------------------------- findings


def _comparison_lines(notebook: str, provinces: list[str], lang: str) -> list[str]:
    if len(provinces) < 2:
        return [pick(lang, "Only one province is selected: there is nothing to compare.",
                     "Chỉ chọn một tỉnh: không có gì để so sánh.")]
    res = results(notebook, provinces)
    lines = []
    for a, b in combinations(provinces, 2):
        same, different = [], []
        for indicator in scope(notebook):
            ra, rb = _rows(res, a, indicator), _rows(res, b, indicator)
            if ra.empty or rb.empty:
                continue
            shared = sorted(set(ra["period"]) & set(rb["period"]))
            for period in shared:
                x, y = ra[ra["period"] == period].iloc[0], rb[rb["period"] == period].iloc[0]
                same.append(f"{_label(indicator, lang)} ({period_text(period, lang)}): {a} {_value(x, lang)}, {b} {_value(y, lang)}")
            if not shared:
                different.append(_label(indicator, lang))
        if same:
            lines.append(pick(lang, "Same indicator and same date or period: ", "Cùng chỉ tiêu, cùng thời điểm/thời kỳ: ") + "; ".join(same) + ".")
        else:
            lines.append(pick(lang, f"No indicator here is reported by both {a} and {b} for the same date or period, so no direct comparison is made.",
                              f"Không chỉ tiêu nào ở đây được cả {a} và {b} báo cáo cho cùng thời điểm hoặc thời kỳ, nên không so sánh trực tiếp."))
        if different:
            lines.append(pick(lang, "Reported by both, but at different dates or over different periods (see the caveats): ",
                              "Cả hai tỉnh cùng báo cáo nhưng khác thời điểm/thời kỳ (xem phần lưu ý): ") + "; ".join(different) + ".")
    return lines


def _coverage_line(notebook: str, provinces: list[str], lang: str) -> str:
    res = results(notebook, provinces)
    n = len(scope(notebook))
    parts = [f"{p} {res.loc[res['province'] == p, 'indicator_id'].nunique()}/{n}" for p in provinces]
    return pick(lang, "Indicators of this notebook with at least one result: ", "Số chỉ tiêu của phần này có ít nhất một kết quả: ") \
        + ", ".join(parts) + "."


def _generic(res: pd.DataFrame, province: str, ids: list[str], lang: str) -> list[str]:
    return [f"{_label(i, lang)}: {_sequence(_rows(res, province, i), lang)}" for i in ids if len(_rows(res, province, i))]


def _findings_02(provinces: list[str], lang: str) -> list[tuple[str, list[str]]]:
    res = results("02", provinces)
    computed = _derived("02", provinces, lang)
    bullets = []
    for p in provinces:
        items = []
        mine = [d for d in computed if d["province"] == p]
        total, level4 = _rows(res, p, "online_services_total"), _rows(res, p, "online_services_level4")
        if total.empty and not any(len(_rows(res, p, i)) for i in PARTS["online_services_total"]):
            items.append(pick(lang, "No count of online public services, all levels or by level, in the corpus.",
                              "Các bài báo không có số dịch vụ công trực tuyến, tổng hay theo mức độ."))
        if len(total):
            items.append(f"{_label('online_services_total', lang)}: {_sequence(total, lang)}.")
        if len(level4):
            text = f"{_label('online_services_level4', lang)}: {_sequence(level4, lang, periods=False)}"
            shares = [d for d in mine if d["key"] == "level4_share"]
            if shares:
                text += pick(lang, ", i.e. ", ", tức ") + " → ".join(d["value"] for d in shares) + \
                    pick(lang, " of all services (", " tổng số dịch vụ (") + "; ".join(d["formula"] for d in shares) + ")"
            items.append(text + ".")
        for t in total.itertuples():
            parts = [res[(res["province"] == p) & (res["indicator_id"] == i) & (res["period"] == t.period)]
                     for i in PARTS["online_services_total"]]
            if all(len(x) for x in parts):
                items.append(pick(lang, f"By level ({period_text(t.period, lang)}): ", f"Theo mức độ ({period_text(t.period, lang)}): ")
                             + ", ".join(f"{pick(lang, 'level', 'mức độ')} {lvl}: {_value(x.iloc[0], lang)}"
                                         for lvl, x in zip((2, 3, 4), parts)) + ".")
        for r in _rows(res, p, "online_services_national_portal_integrated").itertuples():
            levels = service_levels(r.quote, r.value)
            scope_text = (pick(lang, "levels ", "mức độ ") + ", ".join(map(str, levels))) if levels else \
                pick(lang, "levels not stated", "không nêu mức độ")
            text = f"{_label('online_services_national_portal_integrated', lang)}: {_value_period(r, lang)}, {scope_text}"
            stated = _rows(res, p, "online_services_national_portal_integration_rate")
            implied = [d for d in mine if d["key"] == "implied_denominator"]
            rate = [d for d in mine if d["key"] == "integration_rate"]
            if len(stated):
                text += pick(lang, f"; stated rate {_value(stated.iloc[0], lang)}", f"; tỷ lệ nêu trong bài {_value(stated.iloc[0], lang)}")
                if implied:
                    text += pick(lang, f", denominator not stated (it implies {implied[0]['value']} services = {implied[0]['formula']})",
                                 f", không nêu mẫu số (tỷ lệ này ngụ ý {implied[0]['value']} dịch vụ = {implied[0]['formula']})")
            elif rate:
                text += pick(lang, f"; no rate stated: computed {rate[0]['value']} = {rate[0]['formula']}, denominator = all services offered that day",
                             f"; bài không nêu tỷ lệ: tính được {rate[0]['value']} = {rate[0]['formula']}, mẫu số = toàn bộ dịch vụ cùng ngày")
            items.append(text + ".")
        shown = {"online_services_total", "online_services_national_portal_integrated",
                 "online_services_national_portal_integration_rate", *PARTS["online_services_total"]}
        items += [f"{x}." for x in _generic(res, p, [i for i in scope("02") if i not in shown], lang)]
        bullets.append((p, items))
    return bullets


def _findings_03(provinces: list[str], lang: str) -> list[tuple[str, list[str]]]:
    res = results("03", provinces)
    computed = _derived("03", provinces, lang)
    bullets = []
    for p in provinces:
        items = []
        mine = [d for d in computed if d["province"] == p]
        ocop, agri = _rows(res, p, "ecommerce_products_ocop"), _rows(res, p, "ecommerce_products_agricultural")
        for d in (d for d in mine if d["key"] == "products_sum"):
            items.append(pick(lang, f"Products listed on Postmart/Vỏ Sò ({period_text(d['period'], lang)}): {d['formula']} agricultural = {d['value']}.",
                              f"Sản phẩm đưa lên Postmart/Vỏ Sò ({period_text(d['period'], lang)}): {d['formula']} nông sản = {d['value']}."))
        for g in agri.itertuples():
            if g.period not in set(ocop["period"]):
                items.append(f"{_label('ecommerce_products_agricultural', lang)}: {_value_period(g, lang)}" +
                             pick(lang, "; no separate OCOP count for that period.", "; không có số sản phẩm OCOP riêng cho thời kỳ này."))
        for o in ocop.itertuples():
            if o.period not in set(agri["period"]):
                items.append(f"{_label('ecommerce_products_ocop', lang)}: {_value_period(o, lang)}.")
        accounts = _generic(res, p, ["ecommerce_household_accounts", "ecommerce_accounts_eligible"], lang)
        if accounts:
            text = "; ".join(accounts)
            for d in (d for d in mine if d["key"] == "eligible_share"):
                text += pick(lang, f" — {d['value']} of the accounts are eligible ({d['formula']})",
                             f" — {d['value']} số tài khoản đủ điều kiện ({d['formula']})")
            items.append(text + ".")
        items += [f"{x}." for x in _generic(res, p, ["ecommerce_transactions", "sme_dx_programme_reached",
                                                      "sme_digital_platform_share"], lang)]
        if not items:
            items.append(pick(lang, "No e-commerce or SME indicator in the corpus.",
                              "Các bài báo không có chỉ tiêu nào về thương mại điện tử hay DNNVV."))
        bullets.append((p, items))
    return bullets


def _findings_04(provinces: list[str], lang: str) -> list[tuple[str, list[str]]]:
    res = results("04", provinces)
    computed = _derived("04", provinces, lang)
    indicators = loading.load("indicators").set_index("indicator_id")
    bullets = []
    for p in provinces:
        items = []
        for theme in THEMES_04:
            ids = [i for i in HEADLINE_04 if indicators.loc[i, "theme"] == theme]
            found = _generic(res, p, ids, lang)
            rest = res[(res["province"] == p) & (res["theme"] == theme) & ~res["indicator_id"].isin(ids)]
            if found or len(rest):
                text = f"*{pick(lang, *THEME_NAMES[theme])}* — " + "; ".join(found)
                if len(rest):
                    n = rest["indicator_id"].nunique()
                    text += ("; " if found else "") + pick(lang, f"{n} more indicator{'s' if n > 1 else ''} in the tables",
                                                           f"thêm {n} chỉ tiêu trong các bảng")
                items.append(text + ".")
        for d in (d for d in computed if d["province"] == p):
            items.append(pick(lang, f"Computed: {d['quantity']} {d['value']} = {d['formula']} ({d['caveat']}).",
                              f"Tính toán: {d['quantity']} {d['value']} = {d['formula']} ({d['caveat']})."))
        items += parts_check("04", [p], lang, with_province=False)
        if not items:
            items.append(pick(lang, "No indicator of this notebook in the corpus.",
                              "Các bài báo không có chỉ tiêu nào của phần này."))
        bullets.append((p, items))
    return bullets


def findings(notebook: str, provinces: list[str], lang: str) -> str:
    """The key findings as Markdown, every number computed from the curated data."""
    make = {"02": _findings_02, "03": _findings_03, "04": _findings_04}[notebook]
    lines = []
    for province, items in make(provinces, lang):
        lines.append(f"- **{province}**")
        lines += [f"  - {item}" for item in items]
    lines += [f"- {line}" for line in _comparison_lines(notebook, provinces, lang)]
    lines.append(f"- {_coverage_line(notebook, provinces, lang)}")
    return "\n".join(lines)


# ---------------------------------------------------------------- charts


def _latest(res: pd.DataFrame, province: str, indicator: str):
    rows = _rows(res, province, indicator)
    return None if rows.empty else rows.iloc[-1]


def chart_title(name: str, provinces: list[str], lang: str) -> str:
    """The finding a chart shows, in one or two lines, numbers computed."""
    if name not in CHARTS:
        raise ValueError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")
    res = results(name[:2], provinces)
    parts = []
    nothing = pick(lang, "not reported in the corpus", "không có trong các bài báo")
    if name == "02_online_services_by_level":
        for p in provinces:
            total, l4 = _rows(res, p, "online_services_total"), _rows(res, p, "online_services_level4")
            found = []
            if len(total):
                found.append(pick(lang, f"{_sequence(total, lang, periods=False)} in total",
                                  f"tổng {_sequence(total, lang, periods=False)}"))
            if len(l4):
                found.append(pick(lang, f"{_sequence(l4, lang, periods=False)} at level 4",
                                  f"mức độ 4: {_sequence(l4, lang, periods=False)}"))
            parts.append(f"{p} " + ", ".join(found) if found else
                         pick(lang, f"{p}: no count in the corpus", f"{p}: không có số liệu trong các bài báo"))
        head = pick(lang, "Online public services", "Dịch vụ công trực tuyến")
    elif name == "02_national_portal_integration":
        for p in provinces:
            r = _latest(res, p, "online_services_national_portal_integrated")
            parts.append(f"{p} {_value_period(r, lang)}" if r is not None else f"{p}: {nothing}")
        head = pick(lang, "Integrated into the national portal", "Tích hợp lên Cổng DVC quốc gia")
        dates = {_latest(res, p, "online_services_national_portal_integrated").period for p in provinces
                 if _latest(res, p, "online_services_national_portal_integrated") is not None}
        if len(dates) > 1:
            parts[-1] += pick(lang, " — different dates, not compared", " — khác thời điểm, không so sánh")
    elif name == "03_ecommerce_products_and_accounts":
        for p in provinces:
            ocop, agri = _rows(res, p, "ecommerce_products_ocop"), _rows(res, p, "ecommerce_products_agricultural")
            shared = sorted(set(ocop["period"]) & set(agri["period"]))
            if shared:
                o, g = ocop[ocop["period"] == shared[-1]].iloc[0], agri[agri["period"] == shared[-1]].iloc[0]
                text = (f"{p} {_num(o.value + g.value, lang)} ({_value(o, lang)} OCOP + {_value(g, lang)} "
                        f"{_short('ecommerce_products_agricultural', lang)}, {period_text(o.period, lang)})")
            elif len(agri):
                g = agri.iloc[-1]
                text = f"{p} {_value(g, lang)} {_short('ecommerce_products_agricultural', lang)} ({period_text(g.period, lang)})"
            elif len(ocop):
                o = ocop.iloc[-1]
                text = f"{p} {_value(o, lang)} OCOP ({period_text(o.period, lang)})"
            else:
                text = f"{p}: {nothing}"
            parts.append(text)
        head = pick(lang, "Products on Postmart/Vỏ Sò", "Sản phẩm trên Postmart/Vỏ Sò")
    elif name == "03_sme_digital_uptake":
        for p in provinces:
            found = [f"{_value(r, lang)} {_short(i, lang)}" for i in CHARTS[name]
                     if (r := _latest(res, p, i)) is not None]
            parts.append(f"{p} " + ", ".join(found) if found else f"{p}: {nothing}")
        head = pick(lang, "SMEs going digital", "Doanh nghiệp nhỏ và vừa chuyển đổi số")
        if sum(1 for p in provinces if any(_latest(res, p, i) is not None for i in CHARTS[name])) > 1:
            parts[-1] += pick(lang, " — different measures", " — thước đo khác nhau")
    elif name == "04_household_digital_uptake":
        shares = [i for i in CHARTS[name] if i.endswith("_household_share")]
        for p in provinces:
            found = [f"{_value(r, lang)} {_short(i, lang)}" for i in shares if (r := _latest(res, p, i)) is not None]
            parts.append(f"{p} " + ", ".join(found) if found else f"{p}: {nothing}")
        head = pick(lang, "Share of households", "Tỷ lệ hộ gia đình")
    elif name == "04_government_infrastructure_shares":
        ids = CHARTS[name]
        for p in provinces:
            found = [r for i in ids if (r := _latest(res, p, i)) is not None]
            if found:
                low = min(found, key=lambda r: r.value)
                parts.append(pick(lang, f"{p} reports {len(found)} of {len(ids)}, lowest {_value(low, lang)}",
                                  f"{p} có {len(found)}/{len(ids)} chỉ tiêu, thấp nhất {_value(low, lang)}"))
            else:
                parts.append(pick(lang, f"{p} reports none", f"{p} không có chỉ tiêu nào"))
        head = pick(lang, "Government and infrastructure shares", "Các tỷ lệ về chính quyền số và hạ tầng")
    else:
        raise ValueError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")
    return _wrap_title(f"{head}: ", parts)


def _wrap_title(head: str, parts: list[str], width: int = 88) -> str:
    """Break a title between provinces where possible, within `width` characters a line."""
    lines = [head.rstrip()] if len(head) + len(parts[0]) > width else [head + parts.pop(0)] if parts else [head]
    for part in parts:
        candidate = f"{lines[-1]}; {part}" if not lines[-1].endswith(":") else f"{lines[-1]} {part}"
        if len(candidate) <= width:
            lines[-1] = candidate
        else:
            if not lines[-1].endswith(":"):
                lines[-1] += ";"
            lines += textwrap.wrap(part, width)
    return "\n".join(lines)


def caption_extra(name: str, provinces: list[str], lang: str) -> str:
    """Extra caption text: the derived rate a chart leaves out, with its formula."""
    if name != "02_national_portal_integration":
        return ""
    notes = [f"{d['province']}: {d['quantity']} {d['value']} = {d['formula']}" for d in _derived("02", provinces, lang)
             if d["key"] in {"integration_rate", "implied_denominator"}]
    return (pick(lang, "Not plotted (computed, see table): ", "Không vẽ (tính toán, xem bảng): ") + "; ".join(notes) + ".") \
        if notes else ""


def plot(name: str, provinces: list[str], lang: str):
    """Draw and save chart `name` (helpers.plotting.indicator_panels): returns (fig, plotted)."""
    evidence = comparison.best_evidence(provinces)
    fig, plotted = plotting.indicator_panels(evidence, CHARTS[name], provinces, lang, chart_title(name, provinces, lang),
                                             name, caption_extra(name, provinces, lang))
    if plotted["value"].isna().all():  # no source to name: say so instead of an empty source list
        plotting.add_caption(fig, pick(lang, "No value in the corpus for the selected provinces; hatched = not reported in the corpus.",
                                       "Các bài báo không có giá trị nào cho các tỉnh đã chọn; ô gạch chéo = không có trong các bài báo."))
        plotting.save_figure(fig, name)
    return fig, plotted

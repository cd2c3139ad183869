"""Periods as values: a (start, end) pair of dates, never a display string.

A stock "as of" a date has start == end; a DTI assessment year is the whole
calendar year. `str(period)` is the language-neutral ISO 8601 form used in
figure data (`2022-05-05`, `2022-01-01/2022-06-30`, `2022`); wording for
readers lives in helpers.text.catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date

    @classmethod
    def of(cls, start, end) -> Period:
        return cls(pd.Timestamp(start).date(), pd.Timestamp(end).date())

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(int(year), 1, 1), date(int(year), 12, 31))

    @property
    def is_stock(self) -> bool:
        return self.start == self.end

    @property
    def months(self) -> int:
        """Length in whole months (a flow from 1 Jan to 30 Jun is 6)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def whole_year(self) -> int | None:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year:
            return self.start.year
        return None

    @property
    def quarter(self) -> int | None:
        """1–4 when the period is exactly one calendar quarter."""
        if (
            self.start.year == self.end.year
            and self.start.day == 1
            and self.start.month % 3 == 1
            and self.end.month == self.start.month + 2
            and (self.end + pd.Timedelta(days=1)).day == 1
        ):
            return (self.start.month - 1) // 3 + 1
        return None

    @property
    def first_months(self) -> int | None:
        """n when the period is the first n months of a year (n < 12), e.g. 6 for 1 Jan–30 Jun."""
        if (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end + pd.Timedelta(days=1)).day == 1
            and self.end.month < 12
        ):
            return self.end.month
        return None

    def __str__(self) -> str:
        if self.is_stock:
            return self.start.isoformat()
        if self.whole_year:
            return str(self.whole_year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

"""What the reference builders share: the error they raise, competition ranking and
deterministic CSV writing (so that no builder imports another)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path


class ReferenceBuildError(ValueError):
    """The shared reference material does not say what the builder expects."""


def competition_rank(scores: Sequence[float]) -> list[int]:
    """Rank by score, descending; equal scores share the best rank (1, 2, 2, 4)."""
    return [1 + sum(other > score for other in scores) for score in scores]


def write_csv(path: Path, header: list[str], rows: Iterable[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)

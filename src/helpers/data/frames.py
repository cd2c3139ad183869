"""A frame as a notebook loads it, marked so that a chart can tell a reader's filtered or
edited copy from it: the copy is a re-draw and never overwrites the published figure."""

from __future__ import annotations

import pandas as pd

KEY = "dx_whole"  # pandas attrs key: the fingerprint of the frame as loaded


def fingerprint(frame: pd.DataFrame) -> int:
    """A hash of every cell, the index and the column names (cells as text: periods hash too)."""
    cells = frame.astype(str)
    return int(pd.util.hash_pandas_object(cells, index=True).sum()) ^ hash(tuple(map(str, frame.columns)))


def mark_whole(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame`, marked as the whole frame a notebook loads (pandas copies the mark onto
    filtered copies; `is_whole` then finds them changed)."""
    frame.attrs[KEY] = fingerprint(frame)
    return frame


def is_whole(frame: pd.DataFrame) -> bool:
    """True for the frame as marked by `mark_whole`, False for any subset or edit of it."""
    return frame.attrs.get(KEY) == fingerprint(frame)


def whole(loader):
    """A loader's frame, marked whole (mark_whole): the frames the notebooks load and show."""
    import functools

    @functools.wraps(loader)
    def wrapper(*args, **kwargs):
        return mark_whole(loader(*args, **kwargs))

    return wrapper

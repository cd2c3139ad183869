"""Charts draw the frames and texts they are given and return the figure.

No loading, no findings, no wording: every word on a chart (title, caption,
labels) arrives as an argument, and saving is the caller's step
(helpers.plotting.save_figure). Each module returns the figure only."""

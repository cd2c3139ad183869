"""English messages, around each notebook's analysis:
contents, previous/next and language links, messages about the parameters."""

MESSAGES = {
    "parameters.variant_folder": "Figures for these parameters go to {folder}/",
    "parameters.province_normalised": "{typed!r} differs from the official {province!r} only in its Unicode normalisation (accents typed as separate characters): read as {province!r}",
    "parameters.province_alias": "{typed!r} read as {province!r} ({file})",
    "navigation.twin": "[Tiếng Việt]({path})",
    "navigation.previous": "← Previous: [{title}]({path})",
    "navigation.next": "Next: [{title}]({path}) →",
    "navigation.contents": "**Contents**",
}

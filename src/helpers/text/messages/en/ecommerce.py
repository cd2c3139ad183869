"""English messages, notebook 03, e-commerce uptake:
which province reports which measure."""

MESSAGES = {
    "ecom.some_common": "{n} e-commerce measure(s) are reported for {provinces} with the same definition and period; see the comparable pairs below.",
    "ecom.no_common": "**No same-definition e-commerce measure exists for {provinces}.** Of the {n} e-commerce indicators curated, none is reported for every chosen province for the same period (reported for every chosen province, any period: {k}).",
    "ecom.who_reports": " Who reports what:",
    "ecom.reported_by": "- {indicator}: {provinces}",
    "ecom.no_accounts_vs_use": "- No chosen province reports both household e-commerce accounts and transactions.",
    "ecom.col.how": "how the rank is known",
    "ecom.implied": "implied (*), not stated: {formula}",
    "ecom.stated": "stated",
    "ecom.accounts_and_use": "- {province}: {accounts} household e-commerce accounts ({accounts_period}) and {use} transactions ({use_period}) ({source}).",
}

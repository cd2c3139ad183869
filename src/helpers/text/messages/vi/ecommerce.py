"""Vietnamese messages, notebook 03, e-commerce uptake:
which province reports which measure."""

MESSAGES = {
    "ecom.some_common": "Có {n} chỉ tiêu thương mại điện tử được báo cáo cho {provinces} cùng định nghĩa và cùng thời kỳ; xem các cặp so sánh được bên dưới.",
    "ecom.no_common": "**Không có chỉ tiêu thương mại điện tử nào cùng định nghĩa và cùng thời kỳ cho {provinces}.** Trong {n} chỉ tiêu thương mại điện tử đã thu thập, không chỉ tiêu nào có số liệu cùng thời kỳ cho mọi tỉnh được chọn (có số liệu cho mọi tỉnh, bất kỳ thời kỳ: {k}).",
    "ecom.who_reports": " Tỉnh nào báo cáo gì:",
    "ecom.reported_by": "- {indicator}: {provinces}",
    "ecom.no_accounts_vs_use": "- Không tỉnh được chọn nào báo cáo cả tài khoản thương mại điện tử của hộ và số giao dịch.",
    "ecom.col.how": "cách biết hạng",
    "ecom.implied": "suy ra (*), không nêu trực tiếp: {formula}",
    "ecom.stated": "nêu trực tiếp",
    "ecom.accounts_and_use": "- {province}: {accounts} tài khoản thương mại điện tử của hộ ({accounts_period}) và {use} giao dịch ({use_period}) ({source}).",
}

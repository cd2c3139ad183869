"""Vietnamese messages, around each notebook's analysis:
contents, previous/next and language links, messages about the parameters."""

MESSAGES = {
    "parameters.variant_folder": "Hình cho các tham số này được lưu vào {folder}/",
    "parameters.province_normalised": "{typed!r} chỉ khác tên chính thức {province!r} ở dạng chuẩn hóa Unicode (dấu được gõ thành ký tự riêng): được hiểu là {province!r}",
    "parameters.province_alias": "{typed!r} được hiểu là {province!r} (theo {file})",
    "navigation.twin": "[English]({path})",
    "navigation.previous": "← Sổ tính trước: [{title}]({path})",
    "navigation.next": "Sổ tính tiếp theo: [{title}]({path}) →",
    "navigation.contents": "**Mục lục**",
}

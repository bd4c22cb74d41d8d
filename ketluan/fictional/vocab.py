"""Names, phrases and limits the fictional generator draws from (all plainly fictional)."""

from __future__ import annotations

from ketluan.model import AgencyGroup as G
from ketluan.model import Status
from ketluan.text.vietnamese import slugify

PROVINCE = "Tỉnh Mẫu"
FIRST_YEAR = 2026
COMMUNE_CAP = 3321
MIN_TASKS = 8  # II, IV.1, IV.2 and the heading tasks of II.1, II.2, II.3 and III, plus one
MIN_DOCUMENTS = 6  # the same-symbol pair, two unnumbered documents, a QH15 one, one more
HEADER = (
    "# DỮ LIỆU HƯ CẤU (Tỉnh Mẫu): fictional test data made by ketluan.fictional;"
    " never mix it into data/directives.yml\n"
)

# The agencies every quarter refers to: (role, name, group, short, collective).
CORE: tuple[tuple[str, str, G, str | None, bool], ...] = (
    ("executive", "Ban Chấp hành Đảng bộ Tỉnh Mẫu", G.LEADERSHIP, "Ban Chấp hành", False),
    ("standing", "Ban Thường vụ Tỉnh ủy Mẫu", G.LEADERSHIP, "Ban Thường vụ", False),
    ("permanent", "Thường trực Tỉnh ủy Mẫu", G.LEADERSHIP, None, False),
    ("advisory", "Các cơ quan tham mưu, giúp việc Tỉnh ủy Mẫu", G.ADVISORY, None, True),
    ("office", "Văn phòng Tỉnh ủy Mẫu", G.ADVISORY, "VPTU Mẫu", False),
    ("affiliated", "Các đảng ủy trực thuộc Tỉnh ủy Mẫu", G.AFFILIATED, None, True),
    ("government", "Đảng ủy Ủy ban nhân dân Tỉnh Mẫu", G.AFFILIATED, "Đảng ủy UBND Mẫu", False),
    ("steering", "Ban Chỉ đạo chuyển đổi số Tỉnh Mẫu", G.STEERING, None, False),
    ("departments", "Các sở, ban, ngành Tỉnh Mẫu", G.GOVERNMENT, None, True),
    ("communes", "Đảng ủy các xã, phường Tỉnh Mẫu", G.COMMUNE, None, True),
    ("all", "Các cơ quan, đơn vị Tỉnh Mẫu", G.GENERAL, None, True),
)
ROLE = {role: slugify(name) for role, name, *_ in CORE}
FILLERS = (
    ("Ban Mẫu số {n} Tỉnh ủy Mẫu", G.ADVISORY),
    ("Đảng ủy Khối Mẫu {place} {n}", G.AFFILIATED),
    ("Ban Chỉ đạo Mẫu số {n}", G.STEERING),
    ("Sở Mẫu số {n} Tỉnh Mẫu", G.GOVERNMENT),
    ("Ban Khoa học & Công nghệ Mẫu {n}", G.GOVERNMENT),
)
PLACES = ("Sơn", "Hòa", "Đông", "Ân Thi", "Ấp Bắc", "Ô Diên", "Ứng Hòa", "Yên", "Bình", "Ước Lễ")
TOPICS = (
    "công tác giải ngân vốn đầu tư công",
    "chất lượng dịch vụ công trực tuyến",
    "chuyển đổi số trong các cơ quan đảng",
    "công tác giải phóng mặt bằng các dự án trọng điểm",
    "môi trường đầu tư, kinh doanh",
    "việc xử lý nhà, đất dôi dư sau sắp xếp",
    "công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "công tác xử lý rác thải sinh hoạt",
    "công tác chăm sóc sức khỏe Nhân dân",
    "công tác đào tạo, bồi dưỡng cán bộ cấp xã",
    "công tác bảo đảm trật tự, an toàn xã hội",
    "công tác tiếp công dân, giải quyết khiếu nại",
)
# Where a task's work lies: with its topic, what makes one task's work its own (two
# tasks of one agency on the same work, unless one carries the other on, are rare).
WORKSITES: tuple[str, ...] = tuple(
    f"{kind} Mẫu {name}"
    for kind in ("ở khu vực", "tại cụm công nghiệp", "tại các xã vùng")
    for name in ("Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Ven Sông")
)
VERBS = ("tập trung chỉ đạo", "tiếp tục đẩy mạnh", "nâng cao hiệu quả", "rà soát, đánh giá")
METRICS = ("tỷ lệ hồ sơ trực tuyến", "tỷ lệ giải ngân kế hoạch vốn", "tỷ lệ xã đạt chuẩn số")
RECURRENCES = (
    "ít nhất 1 lần/quý",
    "mỗi năm 1 lần",
    "hằng tháng",
    "từng tuần, từng tháng",
    "định kỳ",
)
ESCAPES = (  # characters a page must escape; never template syntax
    "; thời gian xử lý hồ sơ < 3 ngày làm việc",
    "; bảo đảm công khai & minh bạch",
    "; áp dụng mô hình “Một cửa | Một lần”",
    "; các chỉ tiêu có dấu (*) là chỉ tiêu bắt buộc",
)
LIMITATIONS = (
    "Công tác giải ngân vốn đầu tư công còn chậm",
    "mức độ ứng dụng chuyển đổi số chưa cao",
    "khối lượng văn bản ban hành còn nhiều",
    "Ô nhiễm môi trường nhiều nơi chưa được khắc phục",
    "Tình trạng vi phạm trật tự xây dựng còn xảy ra",
    "an ninh nông thôn ở một số xã còn phức tạp",
)
PARTY_CODES = ("NQ", "KL", "CT", "TB", "KH", "CTr", "ĐA", "QĐ", "QĐi", "HD", "QC")
SIGNERS = ("Nguyễn Văn Mẫu", "Trần Thị Mẫu", "Lê Đức Mẫu", "Phạm Ánh Mẫu")
DUE = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.DROPPED, Status.PAUSED)
OPEN = (Status.NOT_DUE, Status.IN_PROGRESS, Status.DUE_SOON)
CLOSED = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.DROPPED)

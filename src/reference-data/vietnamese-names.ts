/**
 * Word material for the deterministic demo generator: people's names, enterprise names and
 * street names that look Vietnamese to a Vietnamese reader, so that demo screens and exports
 * can be reviewed by agency staff without real personal data ever being needed.
 *
 * Nothing here identifies a real person or enterprise; generated combinations may coincide with
 * real ones by chance, which is why demo data must stay marked as such.
 * All strings are NFC with the spelling used in official documents (e.g. "Hòa", "Thủy").
 */

import type { VsicSectionCode } from "./vsic-sections.js";

export interface WeightedName {
  name: string;
  /** Relative weight (roughly per cent of the population); the generator normalises. */
  weight: number;
}

/**
 * Family names with approximate population shares, from the commonly cited estimates of the
 * distribution of Vietnamese surnames (Nguyễn ~38 %, Trần ~11 %, Lê ~9.5 %, Phạm ~7 %, ...).
 * Hoàng/Huỳnh and Vũ/Võ are the northern/southern spellings of the same names and share one
 * estimate between them. The tail of less common names is spread so the total is about 100.
 */
export const SURNAMES: readonly WeightedName[] = [
  { name: "Nguyễn", weight: 38.4 },
  { name: "Trần", weight: 11.0 },
  { name: "Lê", weight: 9.5 },
  { name: "Phạm", weight: 7.1 },
  { name: "Hoàng", weight: 3.0 },
  { name: "Huỳnh", weight: 2.1 },
  { name: "Phan", weight: 4.5 },
  { name: "Vũ", weight: 2.0 },
  { name: "Võ", weight: 1.9 },
  { name: "Đặng", weight: 2.1 },
  { name: "Bùi", weight: 2.0 },
  { name: "Đỗ", weight: 1.4 },
  { name: "Hồ", weight: 1.3 },
  { name: "Ngô", weight: 1.3 },
  { name: "Dương", weight: 1.0 },
  { name: "Lý", weight: 0.5 },
  { name: "Đinh", weight: 0.9 },
  { name: "Trương", weight: 0.9 },
  { name: "Lâm", weight: 0.6 },
  { name: "Mai", weight: 0.6 },
  { name: "Trịnh", weight: 0.6 },
  { name: "Đoàn", weight: 0.6 },
  { name: "Cao", weight: 0.5 },
  { name: "Lương", weight: 0.5 },
  { name: "Hà", weight: 0.5 },
  { name: "Lưu", weight: 0.4 },
  { name: "Tạ", weight: 0.3 },
  { name: "Tô", weight: 0.3 },
  { name: "Chu", weight: 0.3 },
  { name: "Châu", weight: 0.3 },
  { name: "La", weight: 0.2 },
  { name: "Kiều", weight: 0.2 },
  { name: "Thái", weight: 0.2 },
  { name: "Quách", weight: 0.2 },
  { name: "Văn", weight: 0.2 },
  { name: "Tăng", weight: 0.2 },
  { name: "Triệu", weight: 0.2 },
  { name: "Khúc", weight: 0.1 },
];

/** Male middle names (tên đệm); "Văn" is by far the most frequent, so it comes first. */
export const MIDDLE_NAMES_MALE: readonly string[] = [
  "Văn",
  "Hữu",
  "Đức",
  "Minh",
  "Quốc",
  "Công",
  "Thanh",
  "Xuân",
  "Hoàng",
  "Ngọc",
  "Trung",
  "Quang",
  "Đình",
  "Gia",
  "Tuấn",
  "Thành",
  "Mạnh",
  "Anh",
  "Bảo",
  "Trọng",
];

/** Female middle names (tên đệm); "Thị" is by far the most frequent, so it comes first. */
export const MIDDLE_NAMES_FEMALE: readonly string[] = [
  "Thị",
  "Ngọc",
  "Thu",
  "Thanh",
  "Hồng",
  "Phương",
  "Thùy",
  "Minh",
  "Kim",
  "Mỹ",
  "Bích",
  "Khánh",
  "Hoài",
  "Diệu",
  "Lan",
  "Quỳnh",
  "Bảo",
  "Hải",
  "Tuyết",
  "Xuân",
];

export const GIVEN_NAMES_MALE: readonly string[] = [
  "Anh", "Bảo", "Bình", "Cường", "Công", "Dũng", "Duy", "Đạt", "Đức", "Giang",
  "Hải", "Hào", "Hiếu", "Hiệp", "Hoàng", "Hùng", "Hưng", "Huy", "Khang", "Khánh",
  "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Luân", "Mạnh", "Minh", "Nam", "Nghĩa",
  "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng",
  "Thành", "Thiện", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt",
  "Vinh", "Vũ",
];

export const GIVEN_NAMES_FEMALE: readonly string[] = [
  "An", "Anh", "Châu", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh",
  "Hằng", "Hậu", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên",
  "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh",
  "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thanh", "Thu", "Thủy", "Trang", "Trâm",
  "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
];

export interface LegalForm {
  /** Hub-internal key. */
  code: "LLC1" | "LLC2" | "JSC" | "PRIVATE" | "PARTNERSHIP";
  /** Words that open the enterprise's name, as required by the Law on Enterprises 2020, Art. 37. */
  prefix: string;
  /** Approximate share of operating enterprises (demo only; the shares sum to 1). */
  share: number;
  description: string;
}

/**
 * Legal forms under the Law on Enterprises 59/2020/QH14. Shares are an approximation for demo
 * data, shaped on business-registration statistics in which limited-liability companies are
 * about seven in ten enterprises and joint-stock companies most of the rest; private
 * enterprises are a few per cent and partnerships a handful. Both kinds of limited-liability
 * company use the same prefix; the single-member one is often also written "Công ty TNHH MTV"
 * (một thành viên), which the generator may add. Branches ("Chi nhánh") are handled elsewhere.
 */
export const LEGAL_FORMS: readonly LegalForm[] = [
  { code: "LLC1", prefix: "Công ty TNHH", share: 0.42, description: "Single-member limited liability company" },
  { code: "LLC2", prefix: "Công ty TNHH", share: 0.3, description: "Limited liability company with two or more members" },
  { code: "JSC", prefix: "Công ty Cổ phần", share: 0.23, description: "Joint-stock company" },
  { code: "PRIVATE", prefix: "Doanh nghiệp tư nhân", share: 0.045, description: "Private (sole-proprietor) enterprise" },
  { code: "PARTNERSHIP", prefix: "Công ty Hợp danh", share: 0.005, description: "Partnership" },
];

/**
 * Business-line words that Vietnamese enterprises put between the legal form and the brand
 * ("Công ty TNHH May mặc Phú Thịnh"), per VSIC section, so that a demo enterprise's name agrees
 * with its registered line of business. Sections O, T and U get no demo enterprises
 * (see DEMO_SECTOR_WEIGHTS) but have words so that the record is total.
 */
export const BUSINESS_WORDS_BY_SECTION: Readonly<Record<VsicSectionCode, readonly string[]>> = {
  A: ["Nông nghiệp", "Nông sản", "Thủy sản", "Lâm sản", "Chăn nuôi", "Giống cây trồng", "Nuôi trồng Thủy sản"],
  B: ["Khoáng sản", "Khai thác Khoáng sản", "Khai thác Đá", "Vật liệu Xây dựng", "Cát Sỏi"],
  C: [
    "May mặc", "May", "Cơ khí", "Điện tử", "Thực phẩm", "Gỗ", "Dệt", "Da giày", "Nhựa", "Bao bì",
    "In", "Chế biến Thực phẩm", "Thép", "Hóa chất", "Dược phẩm", "Nội thất", "Sản xuất Thương mại",
  ],
  D: ["Điện", "Năng lượng", "Năng lượng Tái tạo", "Điện mặt trời", "Thủy điện", "Điện gió"],
  E: ["Môi trường", "Xử lý Chất thải", "Cấp nước", "Cấp thoát nước", "Môi trường Đô thị", "Tái chế"],
  F: [
    "Xây dựng", "Xây lắp", "Đầu tư Xây dựng", "Xây dựng Công trình", "Kiến trúc Xây dựng",
    "Hạ tầng", "Cơ điện", "Xây dựng Thương mại",
  ],
  G: [
    "Thương mại", "Xuất nhập khẩu", "Thương mại Dịch vụ", "Thương mại và Dịch vụ", "Phân phối",
    "Kinh doanh", "Ô tô", "Vật tư", "Thương mại Xuất nhập khẩu",
  ],
  H: ["Vận tải", "Logistics", "Giao nhận", "Giao nhận Vận tải", "Vận tải Biển", "Kho vận", "Vận tải Hành khách"],
  I: ["Nhà hàng", "Khách sạn", "Du lịch Khách sạn", "Ẩm thực", "Dịch vụ Ăn uống", "Lưu trú"],
  J: [
    "Công nghệ", "Phần mềm", "Truyền thông", "Công nghệ Thông tin", "Giải pháp Công nghệ",
    "Viễn thông", "Quảng cáo Truyền thông",
  ],
  K: ["Tài chính", "Đầu tư Tài chính", "Bảo hiểm", "Quản lý Quỹ", "Chứng khoán", "Tư vấn Tài chính"],
  L: ["Bất động sản", "Địa ốc", "Đầu tư Bất động sản", "Nhà đất", "Phát triển Nhà", "Quản lý Bất động sản"],
  M: [
    "Tư vấn", "Tư vấn Thiết kế", "Kế toán", "Kiểm toán", "Luật", "Khảo sát Thiết kế",
    "Nghiên cứu", "Tư vấn Đầu tư",
  ],
  N: [
    "Dịch vụ", "Bảo vệ", "Vệ sinh Công nghiệp", "Du lịch Lữ hành", "Cung ứng Nhân lực",
    "Cho thuê Thiết bị", "Tổ chức Sự kiện",
  ],
  O: ["Dịch vụ Công", "Dịch vụ Công ích", "Quản lý Dự án", "Phát triển Quỹ đất"],
  P: ["Giáo dục", "Đào tạo", "Giáo dục Đào tạo", "Anh ngữ", "Đào tạo Nghề", "Trường học"],
  Q: ["Y tế", "Phòng khám", "Nha khoa", "Chăm sóc Sức khỏe", "Bệnh viện", "Dưỡng lão"],
  R: ["Giải trí", "Vui chơi Giải trí", "Thể thao", "Nghệ thuật", "Sự kiện Giải trí", "Điện ảnh"],
  S: ["Dịch vụ Tổng hợp", "Sửa chữa", "Giặt là", "Làm đẹp", "Spa", "Dịch vụ Cá nhân"],
  T: ["Giúp việc Gia đình", "Dịch vụ Gia đình", "Chăm sóc Tại gia", "Quản gia"],
  U: ["Hợp tác Quốc tế", "Phát triển Cộng đồng", "Hỗ trợ Phát triển", "Dịch vụ Quốc tế"],
};

/**
 * Auspicious brand words of the kind that make up most Vietnamese enterprise names (prosperity,
 * success, places, nature). Generic on purpose; the names of large well-known groups are left
 * out so that demo enterprises are not mistaken for them.
 */
export const BRAND_WORDS: readonly string[] = [
  "An Phát", "Hòa Bình", "Thành Công", "Phú Thịnh", "Việt Tiến", "Minh Long", "Đại Dương", "Sao Mai",
  "Hưng Thịnh", "Tân Tiến", "Hoàng Gia", "An Khang", "Phát Đạt", "Thịnh Phát", "Trường Thịnh", "Minh Anh",
  "Bảo An", "Thiên Long", "Kim Long", "Đông Á", "Á Châu", "Nam Việt", "Bắc Việt", "Trường An",
  "Phúc Lộc", "Vạn Phát", "Hồng Phát", "Tiến Phát", "Đức Thành", "Quang Minh", "Thái Bình Dương", "Hải Âu",
  "Hoàng Long", "Phương Nam", "Phương Đông", "Sông Hồng", "Cửu Long", "Trường Sơn", "Tây Nguyên", "Ánh Dương",
  "Bình Minh", "Hợp Nhất", "Toàn Cầu", "Đại Phát", "Đại Thành", "Nhật Minh", "Thuận Phát", "Hưng Long",
  "Tân Phát", "Gia Phát", "Gia Huy", "Khánh An", "Vĩnh Phát", "Thành Đạt", "Thiên Phú", "Lộc Phát",
  "Phú Cường", "Hoa Sen", "Ngọc Lan", "Hải Đăng", "Mê Kông", "Việt Hưng", "Việt Phát", "Hùng Cường",
  "Thăng Long", "Hồng Hà", "Phú Gia", "Kim Ngân", "Tân Hoàng", "Minh Phát",
];

/**
 * Common street names: people and events that almost every Vietnamese town names a street
 * after, so that a generated "số 12 đường Lê Lợi" is plausible in any province.
 */
export const STREET_NAMES: readonly string[] = [
  "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt",
  "Lê Duẩn", "Nguyễn Huệ", "Hùng Vương", "Trần Phú", "Nguyễn Du", "Lê Lai",
  "Phan Chu Trinh", "Phan Bội Châu", "Nguyễn Thị Minh Khai", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Thị Sáu",
  "Nguyễn Văn Cừ", "Lê Thánh Tông", "Ngô Quyền", "Bà Triệu", "Trần Quang Khải", "Lý Thái Tổ",
  "Nguyễn Văn Linh", "Võ Văn Kiệt", "Tôn Đức Thắng", "Nguyễn Đình Chiểu", "Hoàng Văn Thụ", "Nguyễn Chí Thanh",
  "Lê Hồng Phong", "Trường Chinh", "Phạm Văn Đồng", "Trần Nhân Tông", "Lạc Long Quân", "Âu Cơ",
  "Nguyễn Thái Học", "Hoàng Hoa Thám", "Đinh Tiên Hoàng", "Trần Quốc Toản", "Chu Văn An", "Nguyễn Khuyến",
  "Tô Hiến Thành", "Yết Kiêu", "Mạc Đĩnh Chi", "Nguyễn Bỉnh Khiêm", "Phan Đình Phùng", "Lê Quý Đôn",
  "Trần Bình Trọng", "Nguyễn Công Trứ", "Huỳnh Thúc Kháng", "Nguyễn Văn Trỗi", "Bạch Đằng", "Lý Tự Trọng",
  "Trần Cao Vân", "Phạm Ngũ Lão", "Nguyễn Tất Thành", "Độc Lập", "Thống Nhất", "30 Tháng 4",
  "3 Tháng 2", "Lê Văn Sỹ", "Nguyễn Hữu Thọ", "Hà Huy Tập",
];

/**
 * Provinces and centrally-run cities of Viet Nam, before and after the 2025 merger.
 *
 * The hub has to read series reported under the 63 former provinces (e.g. the 2022
 * enterprise counts, Resolution 69/NQ-CP targets, Bắc Kạn's 2017 decision) and roll them up
 * into the 34 provinces in force since 1 July 2025, so both lists live here and are joined by
 * `successorCode`.
 *
 * Source of truth: /work/shared/domain.md (Resolution 202/2025/QH15 for the mergers, codes by
 * Decision 19/2025/QĐ-TTg). The 34 codes were cross-checked against the statistics office's
 * letter 915/CTK-CSCL (as transcribed in github.com/dvhcvn/20250701 input/docs/915_CTK-CSCL.csv)
 * and sunshine-tech/VietnamProvinces dev/seed-data/2025-07/Cap-tinh-2025.csv; all three agree.
 */

export interface Province {
  /** Two-digit code; a merged province keeps the code of the former province hosting its seat. */
  code: string;
  /**
   * Short name in Vietnamese, NFC. Hồ Chí Minh City keeps "Thành phố" because the bare
   * "Hồ Chí Minh" is a person's name; the official names of the other cities ("Thành phố Hà Nội")
   * are not used here so that names read the same as in statistics tables.
   */
  name: string;
  /** Diacritics removed and đ→d, for search keys and logs that cannot carry Vietnamese. */
  nameAscii: string;
  /** "city" = centrally-run city (thành phố trực thuộc trung ương). */
  kind: "province" | "city";
}

export interface FormerProvince {
  /** Code in force before 1 July 2025. Codes are never reused, so it cannot clash with a live code. */
  code: string;
  /**
   * Written exactly as the `province_63` column of
   * /work/shared/data/enterprises_by_province_2022.csv (NFC), because the demo generator joins
   * on it; hence "Thừa Thiên - Huế", "Bà Rịa - Vũng Tàu" and "TP. Hồ Chí Minh".
   */
  name: string;
  /** Code of the province in PROVINCES that it was merged into (itself if unchanged). */
  successorCode: string;
}

export const PROVINCE_MERGER_EFFECTIVE_DATE = "2025-07-01";

/** National Assembly resolution that reduced 63 provinces to 34. */
export const PROVINCE_MERGER_LEGAL_BASIS = "Resolution 202/2025/QH15";

/** Decision that assigns the codes used below. */
export const PROVINCE_CODES_LEGAL_BASIS = "Decision 19/2025/QĐ-TTg";

const PROVINCE_LIST = [
  { code: "01", name: "Hà Nội", nameAscii: "Ha Noi", kind: "city" },
  { code: "04", name: "Cao Bằng", nameAscii: "Cao Bang", kind: "province" },
  { code: "08", name: "Tuyên Quang", nameAscii: "Tuyen Quang", kind: "province" },
  { code: "11", name: "Điện Biên", nameAscii: "Dien Bien", kind: "province" },
  { code: "12", name: "Lai Châu", nameAscii: "Lai Chau", kind: "province" },
  { code: "14", name: "Sơn La", nameAscii: "Son La", kind: "province" },
  { code: "15", name: "Lào Cai", nameAscii: "Lao Cai", kind: "province" },
  { code: "19", name: "Thái Nguyên", nameAscii: "Thai Nguyen", kind: "province" },
  { code: "20", name: "Lạng Sơn", nameAscii: "Lang Son", kind: "province" },
  { code: "22", name: "Quảng Ninh", nameAscii: "Quang Ninh", kind: "province" },
  { code: "24", name: "Bắc Ninh", nameAscii: "Bac Ninh", kind: "province" },
  { code: "25", name: "Phú Thọ", nameAscii: "Phu Tho", kind: "province" },
  { code: "31", name: "Hải Phòng", nameAscii: "Hai Phong", kind: "city" },
  { code: "33", name: "Hưng Yên", nameAscii: "Hung Yen", kind: "province" },
  { code: "37", name: "Ninh Bình", nameAscii: "Ninh Binh", kind: "province" },
  { code: "38", name: "Thanh Hóa", nameAscii: "Thanh Hoa", kind: "province" },
  { code: "40", name: "Nghệ An", nameAscii: "Nghe An", kind: "province" },
  { code: "42", name: "Hà Tĩnh", nameAscii: "Ha Tinh", kind: "province" },
  { code: "44", name: "Quảng Trị", nameAscii: "Quang Tri", kind: "province" },
  { code: "46", name: "Huế", nameAscii: "Hue", kind: "city" },
  { code: "48", name: "Đà Nẵng", nameAscii: "Da Nang", kind: "city" },
  { code: "51", name: "Quảng Ngãi", nameAscii: "Quang Ngai", kind: "province" },
  { code: "52", name: "Gia Lai", nameAscii: "Gia Lai", kind: "province" },
  { code: "56", name: "Khánh Hòa", nameAscii: "Khanh Hoa", kind: "province" },
  { code: "66", name: "Đắk Lắk", nameAscii: "Dak Lak", kind: "province" },
  { code: "68", name: "Lâm Đồng", nameAscii: "Lam Dong", kind: "province" },
  { code: "75", name: "Đồng Nai", nameAscii: "Dong Nai", kind: "province" },
  { code: "79", name: "Thành phố Hồ Chí Minh", nameAscii: "Thanh pho Ho Chi Minh", kind: "city" },
  { code: "80", name: "Tây Ninh", nameAscii: "Tay Ninh", kind: "province" },
  { code: "82", name: "Đồng Tháp", nameAscii: "Dong Thap", kind: "province" },
  { code: "86", name: "Vĩnh Long", nameAscii: "Vinh Long", kind: "province" },
  { code: "91", name: "An Giang", nameAscii: "An Giang", kind: "province" },
  { code: "92", name: "Cần Thơ", nameAscii: "Can Tho", kind: "city" },
  { code: "96", name: "Cà Mau", nameAscii: "Ca Mau", kind: "province" },
] as const satisfies readonly Province[];

/** Two-digit code of a province in force since {@link PROVINCE_MERGER_EFFECTIVE_DATE}. */
export type ProvinceCode = (typeof PROVINCE_LIST)[number]["code"];

/** The 34 provinces in force since 1 July 2025, in code order (the statistics office's order). */
export const PROVINCES: readonly Province[] = PROVINCE_LIST;

// `satisfies` makes the compiler reject a successorCode that is not one of the 34 codes.
const FORMER_PROVINCE_LIST = [
  { code: "01", name: "Hà Nội", successorCode: "01" }, // → Hà Nội
  { code: "02", name: "Hà Giang", successorCode: "08" }, // → Tuyên Quang
  { code: "04", name: "Cao Bằng", successorCode: "04" }, // → Cao Bằng
  { code: "06", name: "Bắc Kạn", successorCode: "19" }, // → Thái Nguyên
  { code: "08", name: "Tuyên Quang", successorCode: "08" }, // → Tuyên Quang
  { code: "10", name: "Lào Cai", successorCode: "15" }, // → Lào Cai
  { code: "11", name: "Điện Biên", successorCode: "11" }, // → Điện Biên
  { code: "12", name: "Lai Châu", successorCode: "12" }, // → Lai Châu
  { code: "14", name: "Sơn La", successorCode: "14" }, // → Sơn La
  { code: "15", name: "Yên Bái", successorCode: "15" }, // → Lào Cai
  { code: "17", name: "Hòa Bình", successorCode: "25" }, // → Phú Thọ
  { code: "19", name: "Thái Nguyên", successorCode: "19" }, // → Thái Nguyên
  { code: "20", name: "Lạng Sơn", successorCode: "20" }, // → Lạng Sơn
  { code: "22", name: "Quảng Ninh", successorCode: "22" }, // → Quảng Ninh
  { code: "24", name: "Bắc Giang", successorCode: "24" }, // → Bắc Ninh
  { code: "25", name: "Phú Thọ", successorCode: "25" }, // → Phú Thọ
  { code: "26", name: "Vĩnh Phúc", successorCode: "25" }, // → Phú Thọ
  { code: "27", name: "Bắc Ninh", successorCode: "24" }, // → Bắc Ninh
  { code: "30", name: "Hải Dương", successorCode: "31" }, // → Hải Phòng
  { code: "31", name: "Hải Phòng", successorCode: "31" }, // → Hải Phòng
  { code: "33", name: "Hưng Yên", successorCode: "33" }, // → Hưng Yên
  { code: "34", name: "Thái Bình", successorCode: "33" }, // → Hưng Yên
  { code: "35", name: "Hà Nam", successorCode: "37" }, // → Ninh Bình
  { code: "36", name: "Nam Định", successorCode: "37" }, // → Ninh Bình
  { code: "37", name: "Ninh Bình", successorCode: "37" }, // → Ninh Bình
  { code: "38", name: "Thanh Hóa", successorCode: "38" }, // → Thanh Hóa
  { code: "40", name: "Nghệ An", successorCode: "40" }, // → Nghệ An
  { code: "42", name: "Hà Tĩnh", successorCode: "42" }, // → Hà Tĩnh
  { code: "44", name: "Quảng Bình", successorCode: "44" }, // → Quảng Trị
  { code: "45", name: "Quảng Trị", successorCode: "44" }, // → Quảng Trị
  { code: "46", name: "Thừa Thiên - Huế", successorCode: "46" }, // → Huế
  { code: "48", name: "Đà Nẵng", successorCode: "48" }, // → Đà Nẵng
  { code: "49", name: "Quảng Nam", successorCode: "48" }, // → Đà Nẵng
  { code: "51", name: "Quảng Ngãi", successorCode: "51" }, // → Quảng Ngãi
  { code: "52", name: "Bình Định", successorCode: "52" }, // → Gia Lai
  { code: "54", name: "Phú Yên", successorCode: "66" }, // → Đắk Lắk
  { code: "56", name: "Khánh Hòa", successorCode: "56" }, // → Khánh Hòa
  { code: "58", name: "Ninh Thuận", successorCode: "56" }, // → Khánh Hòa
  { code: "60", name: "Bình Thuận", successorCode: "68" }, // → Lâm Đồng
  { code: "62", name: "Kon Tum", successorCode: "51" }, // → Quảng Ngãi
  { code: "64", name: "Gia Lai", successorCode: "52" }, // → Gia Lai
  { code: "66", name: "Đắk Lắk", successorCode: "66" }, // → Đắk Lắk
  { code: "67", name: "Đắk Nông", successorCode: "68" }, // → Lâm Đồng
  { code: "68", name: "Lâm Đồng", successorCode: "68" }, // → Lâm Đồng
  { code: "70", name: "Bình Phước", successorCode: "75" }, // → Đồng Nai
  { code: "72", name: "Tây Ninh", successorCode: "80" }, // → Tây Ninh
  { code: "74", name: "Bình Dương", successorCode: "79" }, // → Thành phố Hồ Chí Minh
  { code: "75", name: "Đồng Nai", successorCode: "75" }, // → Đồng Nai
  { code: "77", name: "Bà Rịa - Vũng Tàu", successorCode: "79" }, // → Thành phố Hồ Chí Minh
  { code: "79", name: "TP. Hồ Chí Minh", successorCode: "79" }, // → Thành phố Hồ Chí Minh
  { code: "80", name: "Long An", successorCode: "80" }, // → Tây Ninh
  { code: "82", name: "Tiền Giang", successorCode: "82" }, // → Đồng Tháp
  { code: "83", name: "Bến Tre", successorCode: "86" }, // → Vĩnh Long
  { code: "84", name: "Trà Vinh", successorCode: "86" }, // → Vĩnh Long
  { code: "86", name: "Vĩnh Long", successorCode: "86" }, // → Vĩnh Long
  { code: "87", name: "Đồng Tháp", successorCode: "82" }, // → Đồng Tháp
  { code: "89", name: "An Giang", successorCode: "91" }, // → An Giang
  { code: "91", name: "Kiên Giang", successorCode: "91" }, // → An Giang
  { code: "92", name: "Cần Thơ", successorCode: "92" }, // → Cần Thơ
  { code: "93", name: "Hậu Giang", successorCode: "92" }, // → Cần Thơ
  { code: "94", name: "Sóc Trăng", successorCode: "92" }, // → Cần Thơ
  { code: "95", name: "Bạc Liêu", successorCode: "96" }, // → Cà Mau
  { code: "96", name: "Cà Mau", successorCode: "96" }, // → Cà Mau
] as const satisfies readonly (FormerProvince & { successorCode: ProvinceCode })[];

/** The 63 provinces in force until 30 June 2025, in old-code order. */
export const FORMER_PROVINCES: readonly FormerProvince[] = FORMER_PROVINCE_LIST;

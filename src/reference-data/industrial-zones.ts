/**
 * Real, well-known industrial parks (khu công nghiệp, KCN) and export-processing zones, for
 * demo enterprises: the founding documents make industrial-zone management boards one of the
 * bodies that must know which enterprises operate and how many workers they employ.
 *
 * Parks and their locations are public knowledge (park operators, provincial management boards);
 * each is mapped to the province it lies in since 1 July 2025, so a park in former Bình Dương or
 * Bà Rịa - Vũng Tàu is under 79 (Thành phố Hồ Chí Minh), one in former Bắc Giang under 24
 * (Bắc Ninh), one in former Vĩnh Phúc under 25 (Phú Thọ), and so on (see provinces.ts).
 *
 * The `code` values ("KCN" + province code + "-" + sequence) are the hub's own keys, NOT an
 * official classification: there is no national code list for industrial parks that the hub
 * could use. Keep them stable once demo data has been generated.
 */

import type { ProvinceCode } from "./provinces.js";

export interface DemoIndustrialZone {
  /** Hub-internal key, e.g. "KCN79-01". Not an official code. */
  code: string;
  name: string;
  /** Code of the province in force since 1 July 2025. */
  provinceCode: string;
}

// `satisfies` makes the compiler reject a provinceCode that is not one of the 34 codes.
const DEMO_INDUSTRIAL_ZONE_LIST = [
  // 01 Hà Nội
  { code: "KCN01-01", name: "Khu công nghiệp Thăng Long", provinceCode: "01" }, // Đông Anh
  { code: "KCN01-02", name: "Khu công nghiệp Nội Bài", provinceCode: "01" }, // Sóc Sơn
  { code: "KCN01-03", name: "Khu công nghiệp Quang Minh", provinceCode: "01" }, // Mê Linh
  // 15 Lào Cai
  { code: "KCN15-01", name: "Khu công nghiệp Tằng Loỏng", provinceCode: "15" }, // former Lào Cai
  // 19 Thái Nguyên
  { code: "KCN19-01", name: "Khu công nghiệp Sông Công I", provinceCode: "19" },
  { code: "KCN19-02", name: "Khu công nghiệp Điềm Thụy", provinceCode: "19" }, // Phú Bình
  { code: "KCN19-03", name: "Khu công nghiệp Yên Bình", provinceCode: "19" }, // Phổ Yên
  // 22 Quảng Ninh
  { code: "KCN22-01", name: "Khu công nghiệp Cái Lân", provinceCode: "22" }, // Hạ Long
  // 24 Bắc Ninh
  { code: "KCN24-01", name: "Khu công nghiệp Yên Phong", provinceCode: "24" }, // former Bắc Ninh
  { code: "KCN24-02", name: "Khu công nghiệp Quế Võ", provinceCode: "24" }, // former Bắc Ninh
  { code: "KCN24-03", name: "Khu công nghiệp VSIP Bắc Ninh", provinceCode: "24" }, // former Bắc Ninh
  { code: "KCN24-04", name: "Khu công nghiệp Quang Châu", provinceCode: "24" }, // former Bắc Giang
  { code: "KCN24-05", name: "Khu công nghiệp Đình Trám", provinceCode: "24" }, // former Bắc Giang
  // 25 Phú Thọ
  { code: "KCN25-01", name: "Khu công nghiệp Bá Thiện", provinceCode: "25" }, // former Vĩnh Phúc
  { code: "KCN25-02", name: "Khu công nghiệp Khai Quang", provinceCode: "25" }, // former Vĩnh Phúc
  { code: "KCN25-03", name: "Khu công nghiệp Thụy Vân", provinceCode: "25" }, // Việt Trì
  // 31 Hải Phòng
  { code: "KCN31-01", name: "Khu công nghiệp Nomura - Hải Phòng", provinceCode: "31" },
  { code: "KCN31-02", name: "Khu công nghiệp Đình Vũ", provinceCode: "31" },
  { code: "KCN31-03", name: "Khu công nghiệp Tràng Duệ", provinceCode: "31" },
  { code: "KCN31-04", name: "Khu công nghiệp Đại An", provinceCode: "31" }, // former Hải Dương
  // 33 Hưng Yên
  { code: "KCN33-01", name: "Khu công nghiệp Phố Nối A", provinceCode: "33" },
  { code: "KCN33-02", name: "Khu công nghiệp Thăng Long II", provinceCode: "33" },
  // 37 Ninh Bình
  { code: "KCN37-01", name: "Khu công nghiệp Đồng Văn II", provinceCode: "37" }, // former Hà Nam
  { code: "KCN37-02", name: "Khu công nghiệp Hòa Xá", provinceCode: "37" }, // former Nam Định
  { code: "KCN37-03", name: "Khu công nghiệp Khánh Phú", provinceCode: "37" }, // former Ninh Bình
  // 40 Nghệ An
  { code: "KCN40-01", name: "Khu công nghiệp VSIP Nghệ An", provinceCode: "40" },
  { code: "KCN40-02", name: "Khu công nghiệp Bắc Vinh", provinceCode: "40" },
  // 46 Huế
  { code: "KCN46-01", name: "Khu công nghiệp Phú Bài", provinceCode: "46" },
  // 48 Đà Nẵng
  { code: "KCN48-01", name: "Khu công nghiệp Hòa Khánh", provinceCode: "48" },
  { code: "KCN48-02", name: "Khu công nghiệp Điện Nam - Điện Ngọc", provinceCode: "48" }, // former Quảng Nam
  // 51 Quảng Ngãi
  { code: "KCN51-01", name: "Khu công nghiệp VSIP Quảng Ngãi", provinceCode: "51" },
  // 52 Gia Lai
  { code: "KCN52-01", name: "Khu công nghiệp Phú Tài", provinceCode: "52" }, // former Bình Định
  // 56 Khánh Hòa
  { code: "KCN56-01", name: "Khu công nghiệp Suối Dầu", provinceCode: "56" },
  // 75 Đồng Nai
  { code: "KCN75-01", name: "Khu công nghiệp Amata", provinceCode: "75" }, // Biên Hòa
  { code: "KCN75-02", name: "Khu công nghiệp Biên Hòa II", provinceCode: "75" },
  { code: "KCN75-03", name: "Khu công nghiệp Nhơn Trạch I", provinceCode: "75" },
  { code: "KCN75-04", name: "Khu công nghiệp Minh Hưng - Hàn Quốc", provinceCode: "75" }, // former Bình Phước
  // 79 Thành phố Hồ Chí Minh
  { code: "KCN79-01", name: "Khu công nghiệp Việt Nam - Singapore (VSIP I)", provinceCode: "79" }, // former Bình Dương
  { code: "KCN79-02", name: "Khu chế xuất Tân Thuận", provinceCode: "79" },
  { code: "KCN79-03", name: "Khu công nghiệp Hiệp Phước", provinceCode: "79" },
  { code: "KCN79-04", name: "Khu công nghiệp Tân Tạo", provinceCode: "79" },
  { code: "KCN79-05", name: "Khu công nghiệp Sóng Thần I", provinceCode: "79" }, // former Bình Dương
  { code: "KCN79-06", name: "Khu công nghiệp Mỹ Phước", provinceCode: "79" }, // former Bình Dương
  { code: "KCN79-07", name: "Khu công nghiệp Phú Mỹ I", provinceCode: "79" }, // former Bà Rịa - Vũng Tàu
  // 80 Tây Ninh
  { code: "KCN80-01", name: "Khu công nghiệp Long Hậu", provinceCode: "80" }, // former Long An
  { code: "KCN80-02", name: "Khu công nghiệp Xuyên Á", provinceCode: "80" }, // former Long An
  { code: "KCN80-03", name: "Khu công nghiệp Trảng Bàng", provinceCode: "80" }, // former Tây Ninh
  // 82 Đồng Tháp
  { code: "KCN82-01", name: "Khu công nghiệp Tân Hương", provinceCode: "82" }, // former Tiền Giang
  // 86 Vĩnh Long
  { code: "KCN86-01", name: "Khu công nghiệp Giao Long", provinceCode: "86" }, // former Bến Tre
  // 92 Cần Thơ
  { code: "KCN92-01", name: "Khu công nghiệp Trà Nóc", provinceCode: "92" },
] as const satisfies readonly (DemoIndustrialZone & { provinceCode: ProvinceCode })[];

export const DEMO_INDUSTRIAL_ZONES: readonly DemoIndustrialZone[] = DEMO_INDUSTRIAL_ZONE_LIST;

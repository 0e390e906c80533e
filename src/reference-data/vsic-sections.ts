/**
 * Sections (level 1) of the Vietnam Standard Industrial Classification, VSIC 2018.
 *
 * Business registration records an enterprise's main line of business as a VSIC code, and the
 * hub aggregates coverage and arrears by section, so the section letter is the join key.
 * Vietnamese names: Decision 27/2018/QĐ-TTg, Appendix I (level-1 titles, written there in
 * capitals; sentence case here). English names: the ISIC Rev.4 section titles, which VSIC 2018
 * follows section for section (A–U), used so that English-language reports line up with
 * international tables.
 */

export interface VsicSection {
  /** Section letter A–U. */
  code: string;
  name: string;
  nameEn: string;
}

export const VSIC_SECTIONS = [
  { code: "A", name: "Nông nghiệp, lâm nghiệp và thủy sản", nameEn: "Agriculture, forestry and fishing" },
  { code: "B", name: "Khai khoáng", nameEn: "Mining and quarrying" },
  { code: "C", name: "Công nghiệp chế biến, chế tạo", nameEn: "Manufacturing" },
  {
    code: "D",
    name: "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
    nameEn: "Electricity, gas, steam and air conditioning supply",
  },
  {
    code: "E",
    name: "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
    nameEn: "Water supply; sewerage, waste management and remediation activities",
  },
  { code: "F", name: "Xây dựng", nameEn: "Construction" },
  {
    code: "G",
    name: "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác",
    nameEn: "Wholesale and retail trade; repair of motor vehicles and motorcycles",
  },
  { code: "H", name: "Vận tải kho bãi", nameEn: "Transportation and storage" },
  { code: "I", name: "Dịch vụ lưu trú và ăn uống", nameEn: "Accommodation and food service activities" },
  { code: "J", name: "Thông tin và truyền thông", nameEn: "Information and communication" },
  { code: "K", name: "Hoạt động tài chính, ngân hàng và bảo hiểm", nameEn: "Financial and insurance activities" },
  { code: "L", name: "Hoạt động kinh doanh bất động sản", nameEn: "Real estate activities" },
  {
    code: "M",
    name: "Hoạt động chuyên môn, khoa học và công nghệ",
    nameEn: "Professional, scientific and technical activities",
  },
  { code: "N", name: "Hoạt động hành chính và dịch vụ hỗ trợ", nameEn: "Administrative and support service activities" },
  {
    code: "O",
    name: "Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh quốc phòng; bảo đảm xã hội bắt buộc",
    nameEn: "Public administration and defence; compulsory social security",
  },
  { code: "P", name: "Giáo dục và đào tạo", nameEn: "Education" },
  { code: "Q", name: "Y tế và hoạt động trợ giúp xã hội", nameEn: "Human health and social work activities" },
  { code: "R", name: "Nghệ thuật, vui chơi và giải trí", nameEn: "Arts, entertainment and recreation" },
  { code: "S", name: "Hoạt động dịch vụ khác", nameEn: "Other service activities" },
  {
    code: "T",
    name: "Hoạt động làm thuê các công việc trong các hộ gia đình, sản xuất sản phẩm vật chất và dịch vụ tự tiêu dùng của hộ gia đình",
    nameEn: "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
  },
  {
    code: "U",
    name: "Hoạt động của các tổ chức và cơ quan quốc tế",
    nameEn: "Activities of extraterritorial organizations and bodies",
  },
] as const satisfies readonly VsicSection[];

/** Section letter, A–U. */
export type VsicSectionCode = (typeof VSIC_SECTIONS)[number]["code"];

/**
 * Approximate share of operating enterprises by VSIC section, for the demo data generator only.
 *
 * An approximation, not a statistic: shaped on the statistics office's enterprise surveys
 * (wholesale and retail by far the largest at roughly 35–40 %, then construction, manufacturing,
 * professional services, transport, accommodation and food, real estate, support services,
 * information and communication) and rounded so that the weights sum to 1. Sections O, T and U
 * hold public bodies, households and international organisations rather than registered
 * enterprises, so they get no demo enterprises.
 */
export const DEMO_SECTOR_WEIGHTS: Readonly<Record<VsicSectionCode, number>> = {
  A: 0.013,
  B: 0.003,
  C: 0.13,
  D: 0.003,
  E: 0.006,
  F: 0.14,
  G: 0.37,
  H: 0.06,
  I: 0.05,
  J: 0.03,
  K: 0.007,
  L: 0.04,
  M: 0.075,
  N: 0.04,
  O: 0,
  P: 0.012,
  Q: 0.006,
  R: 0.005,
  S: 0.01,
  T: 0,
  U: 0,
};

/**
 * A handful of real communes, wards and special zones per province, for demo addresses and
 * for enterprises' registered seats.
 *
 * Codes and names are the real post-1-July-2025 ones (two-level local government, 3,321 units):
 * taken from the statistics office's letter 1027/CTK-CSCL of 25 June 2025 (Appendix I, list and
 * codes of commune-level units), as transcribed in github.com/dvhcvn/20250701
 * input/docs/1027_CTK-CSCL.md. domain.md cites Decision 19/2025/QĐ-TTg for the codes; its own
 * text was not at hand, so a code here has not been checked against the decision itself.
 * The draft list in sunshine-tech/VietnamProvinces dev/seed-data/2025-07/Cap-xa.csv (from the
 * government's draft decision) was NOT used: several codes changed between draft and final
 * (e.g. Phường Cửa Nam is 00073 in the draft, 00082 in 1027/CTK-CSCL).
 *
 * A merged commune usually kept the code of one of its pre-2025 predecessors, which is why codes
 * are not contiguous within a province and why a new province can hold codes from the old
 * numbering range of another (e.g. Phường Bắc Kạn 01843 in Thái Nguyên).
 *
 * Names are the full official names, type word included ("Phường Bến Thành"), as they are
 * written in addresses; two names carry " - " where the source wraps a line.
 * Picked for recognisability (provincial seats, former provincial capitals now merged,
 * industrial towns, special zones), not at random.
 */

import type { ProvinceCode } from "./provinces.js";

export interface DemoCommune {
  /** Five-digit commune-level code, unique nationwide. */
  code: string;
  name: string;
  /** Code of the province in force since 1 July 2025 (see provinces.ts). */
  provinceCode: string;
  /** xã = rural commune, phường = urban ward, đặc khu = special zone (island). */
  kind: "xa" | "phuong" | "dac-khu";
}

// `satisfies` makes the compiler reject a provinceCode that is not one of the 34 codes.
const DEMO_COMMUNE_LIST = [
  // 01 Hà Nội
  { code: "00070", name: "Phường Hoàn Kiếm", provinceCode: "01", kind: "phuong" },
  { code: "00082", name: "Phường Cửa Nam", provinceCode: "01", kind: "phuong" },
  { code: "00004", name: "Phường Ba Đình", provinceCode: "01", kind: "phuong" },
  { code: "00166", name: "Phường Cầu Giấy", provinceCode: "01", kind: "phuong" },
  { code: "09556", name: "Phường Hà Đông", provinceCode: "01", kind: "phuong" },
  { code: "00454", name: "Xã Đông Anh", provinceCode: "01", kind: "xa" },
  { code: "00565", name: "Xã Gia Lâm", provinceCode: "01", kind: "xa" },
  { code: "00376", name: "Xã Sóc Sơn", provinceCode: "01", kind: "xa" },
  // 04 Cao Bằng
  { code: "01273", name: "Phường Thục Phán", provinceCode: "04", kind: "phuong" },
  { code: "01279", name: "Phường Nùng Trí Cao", provinceCode: "04", kind: "phuong" },
  { code: "01288", name: "Phường Tân Giang", provinceCode: "04", kind: "phuong" },
  { code: "01321", name: "Xã Bảo Lạc", provinceCode: "04", kind: "xa" },
  { code: "01477", name: "Xã Trùng Khánh", provinceCode: "04", kind: "xa" },
  // 08 Tuyên Quang
  { code: "02509", name: "Phường Mỹ Lâm", provinceCode: "08", kind: "phuong" },
  { code: "02215", name: "Phường Minh Xuân", provinceCode: "08", kind: "phuong" },
  { code: "00694", name: "Phường Hà Giang 1", provinceCode: "08", kind: "phuong" },
  { code: "00721", name: "Xã Đồng Văn", provinceCode: "08", kind: "xa" },
  { code: "02221", name: "Xã Nà Hang", provinceCode: "08", kind: "xa" },
  // 11 Điện Biên
  { code: "03127", name: "Phường Điện Biên Phủ", provinceCode: "11", kind: "phuong" },
  { code: "03334", name: "Phường Mường Thanh", provinceCode: "11", kind: "phuong" },
  { code: "03151", name: "Phường Mường Lay", provinceCode: "11", kind: "phuong" },
  { code: "03253", name: "Xã Tuần Giáo", provinceCode: "11", kind: "xa" },
  { code: "03256", name: "Xã Mường Ảng", provinceCode: "11", kind: "xa" },
  // 12 Lai Châu
  { code: "03408", name: "Phường Tân Phong", provinceCode: "12", kind: "phuong" },
  { code: "03388", name: "Phường Đoàn Kết", provinceCode: "12", kind: "phuong" },
  { code: "03595", name: "Xã Than Uyên", provinceCode: "12", kind: "xa" },
  { code: "03598", name: "Xã Tân Uyên", provinceCode: "12", kind: "xa" },
  { code: "03549", name: "Xã Phong Thổ", provinceCode: "12", kind: "xa" },
  // 14 Sơn La
  { code: "03646", name: "Phường Tô Hiệu", provinceCode: "14", kind: "phuong" },
  { code: "03664", name: "Phường Chiềng An", provinceCode: "14", kind: "phuong" },
  { code: "03980", name: "Phường Mộc Châu", provinceCode: "14", kind: "phuong" },
  { code: "04105", name: "Xã Mai Sơn", provinceCode: "14", kind: "xa" },
  { code: "04075", name: "Xã Yên Châu", provinceCode: "14", kind: "xa" },
  // 15 Lào Cai
  { code: "02647", name: "Phường Lào Cai", provinceCode: "15", kind: "phuong" },
  { code: "02671", name: "Phường Cam Đường", provinceCode: "15", kind: "phuong" },
  { code: "03006", name: "Phường Sa Pa", provinceCode: "15", kind: "phuong" },
  { code: "04252", name: "Phường Yên Bái", provinceCode: "15", kind: "phuong" },
  { code: "02905", name: "Xã Bảo Thắng", provinceCode: "15", kind: "xa" },
  { code: "04456", name: "Xã Mù Cang Chải", provinceCode: "15", kind: "xa" },
  // 19 Thái Nguyên
  { code: "05443", name: "Phường Phan Đình Phùng", provinceCode: "19", kind: "phuong" },
  { code: "05518", name: "Phường Sông Công", provinceCode: "19", kind: "phuong" },
  { code: "05860", name: "Phường Phổ Yên", provinceCode: "19", kind: "phuong" },
  { code: "01843", name: "Phường Bắc Kạn", provinceCode: "19", kind: "phuong" },
  { code: "05941", name: "Xã Điềm Thụy", provinceCode: "19", kind: "xa" },
  { code: "05830", name: "Xã Đại Từ", provinceCode: "19", kind: "xa" },
  // 20 Lạng Sơn
  { code: "05983", name: "Phường Lương Văn Tri", provinceCode: "20", kind: "phuong" },
  { code: "05977", name: "Phường Đông Kinh", provinceCode: "20", kind: "phuong" },
  { code: "06184", name: "Xã Đồng Đăng", provinceCode: "20", kind: "xa" },
  { code: "06385", name: "Xã Hữu Lũng", provinceCode: "20", kind: "xa" },
  { code: "06529", name: "Xã Lộc Bình", provinceCode: "20", kind: "xa" },
  // 22 Quảng Ninh
  { code: "06688", name: "Phường Hạ Long", provinceCode: "22", kind: "phuong" },
  { code: "06673", name: "Phường Bãi Cháy", provinceCode: "22", kind: "phuong" },
  { code: "06793", name: "Phường Cẩm Phả", provinceCode: "22", kind: "phuong" },
  { code: "06811", name: "Phường Uông Bí", provinceCode: "22", kind: "phuong" },
  { code: "06712", name: "Phường Móng Cái 1", provinceCode: "22", kind: "phuong" },
  { code: "06994", name: "Đặc khu Vân Đồn", provinceCode: "22", kind: "dac-khu" },
  { code: "07192", name: "Đặc khu Cô Tô", provinceCode: "22", kind: "dac-khu" },
  // 24 Bắc Ninh
  { code: "09187", name: "Phường Kinh Bắc", provinceCode: "24", kind: "phuong" },
  { code: "09367", name: "Phường Từ Sơn", provinceCode: "24", kind: "phuong" },
  { code: "07210", name: "Phường Bắc Giang", provinceCode: "24", kind: "phuong" },
  { code: "07795", name: "Phường Nếnh", provinceCode: "24", kind: "phuong" },
  { code: "09247", name: "Phường Quế Võ", provinceCode: "24", kind: "phuong" },
  { code: "09193", name: "Xã Yên Phong", provinceCode: "24", kind: "xa" },
  { code: "07840", name: "Xã Hiệp Hòa", provinceCode: "24", kind: "xa" },
  // 25 Phú Thọ
  { code: "07900", name: "Phường Việt Trì", provinceCode: "25", kind: "phuong" },
  { code: "08707", name: "Phường Vĩnh Yên", provinceCode: "25", kind: "phuong" },
  { code: "08740", name: "Phường Phúc Yên", provinceCode: "25", kind: "phuong" },
  { code: "04795", name: "Phường Hòa Bình", provinceCode: "25", kind: "phuong" },
  { code: "08950", name: "Xã Bình Xuyên", provinceCode: "25", kind: "xa" },
  { code: "07969", name: "Xã Đoan Hùng", provinceCode: "25", kind: "xa" },
  // 31 Hải Phòng
  { code: "11311", name: "Phường Hồng Bàng", provinceCode: "31", kind: "phuong" },
  { code: "11329", name: "Phường Ngô Quyền", provinceCode: "31", kind: "phuong" },
  { code: "11383", name: "Phường Lê Chân", provinceCode: "31", kind: "phuong" },
  { code: "11413", name: "Phường Hải An", provinceCode: "31", kind: "phuong" },
  { code: "10525", name: "Phường Hải Dương", provinceCode: "31", kind: "phuong" },
  { code: "11629", name: "Xã An Lão", provinceCode: "31", kind: "xa" },
  { code: "11914", name: "Đặc khu Cát Hải", provinceCode: "31", kind: "dac-khu" },
  // 33 Hưng Yên
  { code: "11953", name: "Phường Phố Hiến", provinceCode: "33", kind: "phuong" },
  { code: "12103", name: "Phường Mỹ Hào", provinceCode: "33", kind: "phuong" },
  { code: "13225", name: "Phường Thái Bình", provinceCode: "33", kind: "phuong" },
  { code: "12073", name: "Xã Yên Mỹ", provinceCode: "33", kind: "xa" },
  { code: "12004", name: "Xã Như Quỳnh", provinceCode: "33", kind: "xa" },
  { code: "12019", name: "Xã Văn Giang", provinceCode: "33", kind: "xa" },
  // 37 Ninh Bình
  { code: "14329", name: "Phường Hoa Lư", provinceCode: "37", kind: "phuong" },
  { code: "14362", name: "Phường Tam Điệp", provinceCode: "37", kind: "phuong" },
  { code: "13285", name: "Phường Phủ Lý", provinceCode: "37", kind: "phuong" },
  { code: "13669", name: "Phường Nam Định", provinceCode: "37", kind: "phuong" },
  { code: "13348", name: "Phường Đồng Văn", provinceCode: "37", kind: "phuong" },
  { code: "14620", name: "Xã Phát Diệm", provinceCode: "37", kind: "xa" },
  { code: "14215", name: "Xã Hải Hậu", provinceCode: "37", kind: "xa" },
  // 38 Thanh Hóa
  { code: "14797", name: "Phường Hạc Thành", provinceCode: "38", kind: "phuong" },
  { code: "14758", name: "Phường Hàm Rồng", provinceCode: "38", kind: "phuong" },
  { code: "16531", name: "Phường Sầm Sơn", provinceCode: "38", kind: "phuong" },
  { code: "14812", name: "Phường Bỉm Sơn", provinceCode: "38", kind: "phuong" },
  { code: "16654", name: "Phường Nghi Sơn", provinceCode: "38", kind: "phuong" },
  { code: "15499", name: "Xã Thọ Xuân", provinceCode: "38", kind: "xa" },
  // 40 Nghệ An
  { code: "16681", name: "Phường Thành Vinh", provinceCode: "40", kind: "phuong" },
  { code: "16690", name: "Phường Trường Vinh", provinceCode: "40", kind: "phuong" },
  { code: "16732", name: "Phường Cửa Lò", provinceCode: "40", kind: "phuong" },
  { code: "17110", name: "Phường Hoàng Mai", provinceCode: "40", kind: "phuong" },
  { code: "16939", name: "Phường Thái Hòa", provinceCode: "40", kind: "phuong" },
  { code: "17464", name: "Xã Diễn Châu", provinceCode: "40", kind: "xa" },
  { code: "18001", name: "Xã Hưng Nguyên", provinceCode: "40", kind: "xa" },
  // 42 Hà Tĩnh
  { code: "18073", name: "Phường Thành Sen", provinceCode: "42", kind: "phuong" },
  { code: "18100", name: "Phường Trần Phú", provinceCode: "42", kind: "phuong" },
  { code: "18823", name: "Phường Vũng Áng", provinceCode: "42", kind: "phuong" },
  { code: "18115", name: "Phường Bắc Hồng Lĩnh", provinceCode: "42", kind: "phuong" },
  { code: "18673", name: "Xã Cẩm Xuyên", provinceCode: "42", kind: "xa" },
  { code: "18133", name: "Xã Hương Sơn", provinceCode: "42", kind: "xa" },
  // 44 Quảng Trị
  { code: "18880", name: "Phường Đồng Hới", provinceCode: "44", kind: "phuong" },
  { code: "19009", name: "Phường Ba Đồn", provinceCode: "44", kind: "phuong" },
  { code: "19333", name: "Phường Đông Hà", provinceCode: "44", kind: "phuong" },
  { code: "19360", name: "Phường Quảng Trị", provinceCode: "44", kind: "phuong" },
  { code: "19432", name: "Xã Lao Bảo", provinceCode: "44", kind: "xa" },
  { code: "19138", name: "Xã Phong Nha", provinceCode: "44", kind: "xa" },
  { code: "19742", name: "Đặc khu Cồn Cỏ", provinceCode: "44", kind: "dac-khu" },
  // 46 Huế
  { code: "19789", name: "Phường Thuận Hóa", provinceCode: "46", kind: "phuong" },
  { code: "19753", name: "Phường Phú Xuân", provinceCode: "46", kind: "phuong" },
  { code: "19960", name: "Phường Phú Bài", provinceCode: "46", kind: "phuong" },
  { code: "19900", name: "Phường Thuận An", provinceCode: "46", kind: "phuong" },
  { code: "20137", name: "Xã Chân Mây - Lăng Cô", provinceCode: "46", kind: "xa" },
  { code: "19867", name: "Xã Quảng Điền", provinceCode: "46", kind: "xa" },
  // 48 Đà Nẵng
  { code: "20242", name: "Phường Hải Châu", provinceCode: "48", kind: "phuong" },
  { code: "20209", name: "Phường Thanh Khê", provinceCode: "48", kind: "phuong" },
  { code: "20200", name: "Phường Hòa Khánh", provinceCode: "48", kind: "phuong" },
  { code: "20263", name: "Phường Sơn Trà", provinceCode: "48", kind: "phuong" },
  { code: "20341", name: "Phường Tam Kỳ", provinceCode: "48", kind: "phuong" },
  { code: "20410", name: "Phường Hội An", provinceCode: "48", kind: "phuong" },
  { code: "20965", name: "Xã Núi Thành", provinceCode: "48", kind: "xa" },
  { code: "20333", name: "Đặc khu Hoàng Sa", provinceCode: "48", kind: "dac-khu" },
  // 51 Quảng Ngãi
  { code: "21025", name: "Phường Cẩm Thành", provinceCode: "51", kind: "phuong" },
  { code: "21028", name: "Phường Nghĩa Lộ", provinceCode: "51", kind: "phuong" },
  { code: "21172", name: "Phường Trương Quang Trọng", provinceCode: "51", kind: "phuong" },
  { code: "21439", name: "Phường Đức Phổ", provinceCode: "51", kind: "phuong" },
  { code: "21061", name: "Xã Vạn Tường", provinceCode: "51", kind: "xa" },
  { code: "23293", name: "Phường Kon Tum", provinceCode: "51", kind: "phuong" },
  { code: "21548", name: "Đặc khu Lý Sơn", provinceCode: "51", kind: "dac-khu" },
  // 52 Gia Lai
  { code: "21583", name: "Phường Quy Nhơn", provinceCode: "52", kind: "phuong" },
  { code: "21910", name: "Phường An Nhơn", provinceCode: "52", kind: "phuong" },
  { code: "23575", name: "Phường Pleiku", provinceCode: "52", kind: "phuong" },
  { code: "23617", name: "Phường An Khê", provinceCode: "52", kind: "phuong" },
  { code: "21853", name: "Xã Phù Cát", provinceCode: "52", kind: "xa" },
  { code: "23941", name: "Xã Chư Sê", provinceCode: "52", kind: "xa" },
  // 56 Khánh Hòa
  { code: "22366", name: "Phường Nha Trang", provinceCode: "56", kind: "phuong" },
  { code: "22420", name: "Phường Cam Ranh", provinceCode: "56", kind: "phuong" },
  { code: "22528", name: "Phường Ninh Hòa", provinceCode: "56", kind: "phuong" },
  { code: "22759", name: "Phường Phan Rang", provinceCode: "56", kind: "phuong" },
  { code: "22651", name: "Xã Diên Khánh", provinceCode: "56", kind: "xa" },
  { code: "22736", name: "Đặc khu Trường Sa", provinceCode: "56", kind: "dac-khu" },
  // 66 Đắk Lắk
  { code: "24133", name: "Phường Buôn Ma Thuột", provinceCode: "66", kind: "phuong" },
  { code: "24305", name: "Phường Buôn Hồ", provinceCode: "66", kind: "phuong" },
  { code: "22015", name: "Phường Tuy Hòa", provinceCode: "66", kind: "phuong" },
  { code: "22051", name: "Phường Sông Cầu", provinceCode: "66", kind: "phuong" },
  { code: "24490", name: "Xã Krông Pắc", provinceCode: "66", kind: "xa" },
  { code: "24373", name: "Xã Ea Kar", provinceCode: "66", kind: "xa" },
  // 68 Lâm Đồng
  { code: "24781", name: "Phường Xuân Hương - Đà Lạt", provinceCode: "68", kind: "phuong" },
  { code: "24823", name: "Phường 1 Bảo Lộc", provinceCode: "68", kind: "phuong" },
  { code: "22945", name: "Phường Phan Thiết", provinceCode: "68", kind: "phuong" },
  { code: "22918", name: "Phường Mũi Né", provinceCode: "68", kind: "phuong" },
  { code: "24611", name: "Phường Bắc Gia Nghĩa", provinceCode: "68", kind: "phuong" },
  { code: "24958", name: "Xã Đức Trọng", provinceCode: "68", kind: "xa" },
  { code: "23272", name: "Đặc khu Phú Quý", provinceCode: "68", kind: "dac-khu" },
  // 75 Đồng Nai
  { code: "26068", name: "Phường Biên Hòa", provinceCode: "75", kind: "phuong" },
  { code: "26041", name: "Phường Trấn Biên", provinceCode: "75", kind: "phuong" },
  { code: "26020", name: "Phường Long Bình", provinceCode: "75", kind: "phuong" },
  { code: "26080", name: "Phường Long Khánh", provinceCode: "75", kind: "phuong" },
  { code: "25210", name: "Phường Đồng Xoài", provinceCode: "75", kind: "phuong" },
  { code: "25432", name: "Phường Chơn Thành", provinceCode: "75", kind: "phuong" },
  { code: "26485", name: "Xã Nhơn Trạch", provinceCode: "75", kind: "xa" },
  { code: "26368", name: "Xã Long Thành", provinceCode: "75", kind: "xa" },
  // 79 Thành phố Hồ Chí Minh
  { code: "26740", name: "Phường Sài Gòn", provinceCode: "79", kind: "phuong" },
  { code: "26743", name: "Phường Bến Thành", provinceCode: "79", kind: "phuong" },
  { code: "27478", name: "Phường Tân Thuận", provinceCode: "79", kind: "phuong" },
  { code: "26824", name: "Phường Thủ Đức", provinceCode: "79", kind: "phuong" },
  { code: "25747", name: "Phường Thủ Dầu Một", provinceCode: "79", kind: "phuong" },
  { code: "26506", name: "Phường Vũng Tàu", provinceCode: "79", kind: "phuong" },
  { code: "26704", name: "Phường Phú Mỹ", provinceCode: "79", kind: "phuong" },
  { code: "26732", name: "Đặc khu Côn Đảo", provinceCode: "79", kind: "dac-khu" },
  // 80 Tây Ninh
  { code: "27694", name: "Phường Long An", provinceCode: "80", kind: "phuong" },
  { code: "27712", name: "Phường Tân An", provinceCode: "80", kind: "phuong" },
  { code: "25459", name: "Phường Tân Ninh", provinceCode: "80", kind: "phuong" },
  { code: "25708", name: "Phường Trảng Bàng", provinceCode: "80", kind: "phuong" },
  { code: "25645", name: "Phường Hòa Thành", provinceCode: "80", kind: "phuong" },
  { code: "27991", name: "Xã Bến Lức", provinceCode: "80", kind: "xa" },
  { code: "28159", name: "Xã Cần Giuộc", provinceCode: "80", kind: "xa" },
  { code: "27937", name: "Xã Đức Hòa", provinceCode: "80", kind: "xa" },
  // 82 Đồng Tháp
  { code: "28261", name: "Phường Mỹ Tho", provinceCode: "82", kind: "phuong" },
  { code: "28306", name: "Phường Gò Công", provinceCode: "82", kind: "phuong" },
  { code: "28439", name: "Phường Cai Lậy", provinceCode: "82", kind: "phuong" },
  { code: "29869", name: "Phường Cao Lãnh", provinceCode: "82", kind: "phuong" },
  { code: "29905", name: "Phường Sa Đéc", provinceCode: "82", kind: "phuong" },
  { code: "29955", name: "Phường Hồng Ngự", provinceCode: "82", kind: "phuong" },
  { code: "28360", name: "Xã Cái Bè", provinceCode: "82", kind: "xa" },
  // 86 Vĩnh Long
  { code: "29551", name: "Phường Long Châu", provinceCode: "86", kind: "phuong" },
  { code: "29590", name: "Phường Thanh Đức", provinceCode: "86", kind: "phuong" },
  { code: "29242", name: "Phường Trà Vinh", provinceCode: "86", kind: "phuong" },
  { code: "28789", name: "Phường Bến Tre", provinceCode: "86", kind: "phuong" },
  { code: "29771", name: "Phường Bình Minh", provinceCode: "86", kind: "phuong" },
  { code: "29512", name: "Phường Duyên Hải", provinceCode: "86", kind: "phuong" },
  { code: "29110", name: "Xã Ba Tri", provinceCode: "86", kind: "xa" },
  // 91 An Giang
  { code: "30307", name: "Phường Long Xuyên", provinceCode: "91", kind: "phuong" },
  { code: "30316", name: "Phường Châu Đốc", provinceCode: "91", kind: "phuong" },
  { code: "30742", name: "Phường Rạch Giá", provinceCode: "91", kind: "phuong" },
  { code: "30769", name: "Phường Hà Tiên", provinceCode: "91", kind: "phuong" },
  { code: "30787", name: "Xã Kiên Lương", provinceCode: "91", kind: "xa" },
  { code: "30628", name: "Xã Chợ Mới", provinceCode: "91", kind: "xa" },
  { code: "31078", name: "Đặc khu Phú Quốc", provinceCode: "91", kind: "dac-khu" },
  // 92 Cần Thơ
  { code: "31135", name: "Phường Ninh Kiều", provinceCode: "92", kind: "phuong" },
  { code: "31120", name: "Phường Cái Khế", provinceCode: "92", kind: "phuong" },
  { code: "31186", name: "Phường Cái Răng", provinceCode: "92", kind: "phuong" },
  { code: "31207", name: "Phường Thốt Nốt", provinceCode: "92", kind: "phuong" },
  { code: "31321", name: "Phường Vị Thanh", provinceCode: "92", kind: "phuong" },
  { code: "31507", name: "Phường Sóc Trăng", provinceCode: "92", kind: "phuong" },
  { code: "31299", name: "Xã Phong Điền", provinceCode: "92", kind: "xa" },
  // 96 Cà Mau
  { code: "32002", name: "Phường An Xuyên", provinceCode: "96", kind: "phuong" },
  { code: "32025", name: "Phường Tân Thành", provinceCode: "96", kind: "phuong" },
  { code: "31825", name: "Phường Bạc Liêu", provinceCode: "96", kind: "phuong" },
  { code: "31942", name: "Phường Giá Rai", provinceCode: "96", kind: "phuong" },
  { code: "32191", name: "Xã Năm Căn", provinceCode: "96", kind: "xa" },
  { code: "32248", name: "Xã Đất Mũi", provinceCode: "96", kind: "xa" },
] as const satisfies readonly (DemoCommune & { provinceCode: ProvinceCode })[];

export const DEMO_COMMUNES: readonly DemoCommune[] = DEMO_COMMUNE_LIST;

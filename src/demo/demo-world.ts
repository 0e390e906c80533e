import { completeTaxCode, monthsEndingAt } from "../identifiers";
import { DEMO_COMMUNES, type DemoCommune } from "../reference-data/communes";
import { ENTERPRISES_OPERATING_2022 } from "../reference-data/enterprise-counts-2022";
import { DEMO_INDUSTRIAL_ZONES, type DemoIndustrialZone } from "../reference-data/industrial-zones";
import { FORMER_PROVINCES, PROVINCES, type Province } from "../reference-data/provinces";
import {
  BRAND_WORDS,
  BUSINESS_WORDS_BY_SECTION,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
  LEGAL_FORMS,
  MIDDLE_NAMES_FEMALE,
  MIDDLE_NAMES_MALE,
  STREET_NAMES,
  SURNAMES,
} from "../reference-data/vietnamese-names";
import { DEMO_SECTOR_WEIGHTS, VSIC_SECTIONS, type VsicSectionCode } from "../reference-data/vsic-sections";
import { COVERAGE_JITTER, provinceCoverage, VOLUNTARY_SHARE_OF_PARTICIPANTS } from "./demo-shares";
import { Random, WeightedPicker } from "./random";
import {
  ARREARS_PAID_BACK,
  ARREARS_REMINDED,
  UNDER_DECLARED_ENROLMENT,
  UNDER_DECLARING_UNITS,
  UNITS_FALLING_INTO_ARREARS,
  WAGE_BELOW_BASE_UNITS,
  BRANCH_SHARE,
  BRANCH_IN_PARENT_PROVINCE,
  BRANCH_WORKFORCE_OF_PARENT,
  ENROLMENT_CHANCE_BY_SIZE,
  FEMALE_REPRESENTATIVES,
  IN_ZONE,
  LARGE_EMPLOYERS,
  OWNER_RUN,
  SECTOR_SIZE_FACTOR,
  SIZE_FACTOR,
  STATUSES,
} from "./demo-shares";
import { groupBy } from "../graphql/loaders";

/** The periods the demo covers: a year of monthly enrolment, four quarters of tax and statistics. */
export const DEMO_PERIODS = {
  enrolmentMonths: monthsEndingAt("2026-10", 12),
  taxQuarters: ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"],
  statisticsQuarters: ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"],
  statisticsYear: "2025",
} as const;

/** Tax-code prefixes of the tax departments whose prefix is not the province code (shared/domain.md: Hồ Chí Minh City's start with 03). */
const TAX_PREFIX: Record<string, string> = { "01": "01", "79": "03", "31": "02", "48": "04" };

export type DemoStatus = (typeof STATUSES)[number]["status"];

/** One generated enterprise with everything every owner will report about it. */
export interface EnterpriseProfile {
  index: number;
  taxCode: string;
  parentTaxCode: string | null;
  name: string;
  legalForm: string;
  status: DemoStatus;
  registeredOn: string;
  provinceCode: string;
  communeCode: string;
  sectorCode: VsicSectionCode;
  industrialZoneCode: string | null;
  address: string;
  legalRepName: string;
  legalRepIdNumber: string;
  /** Workers actually employed in the latest quarter; what tax sees, and BHXH should. */
  employees: number;
  /** Average monthly wage in VND. */
  monthlyWage: number;
  bhxh: BhxhProfile | null;
}

export interface BhxhProfile {
  unitCode: string;
  registeredOn: string;
  /** Share of workers enrolled: 1 for compliant units, less for under-enrolment. */
  enrolledShare: number;
  /** Month index (0–11) arrears begin, or null for a unit that pays on time. */
  arrearsFrom: number | null;
  /** Months after which a unit in arrears pays everything back, or null if it never does. */
  paysBackAfter: number | null;
  /** Whether BHXH sends the unit a written reminder once two months of arrears are overdue. */
  reminded: boolean;
  /** Whether the unit declares a worker's salary below the legal base salary (evasion, Điều 39). */
  declaresBelowBase: boolean;
}

/** Deterministic generator: the same seed and size give the same data, enterprise by enterprise. */
export class DemoWorld {
  readonly provinceShares: Map<string, number>;
  private readonly provincePicker: WeightedPicker<Province>;
  private readonly sectorPicker = new WeightedPicker(
    VSIC_SECTIONS.map((s) => s.code as VsicSectionCode),
    (c) => DEMO_SECTOR_WEIGHTS[c],
  );
  private readonly formPicker = new WeightedPicker(LEGAL_FORMS, (f) => f.share);
  private readonly statusPicker = new WeightedPicker(STATUSES, (s) => s.weight);
  private readonly surnamePicker = new WeightedPicker(SURNAMES, (s) => s.weight);
  private readonly communesByProvince = groupBy(DEMO_COMMUNES, (c: DemoCommune) => c.provinceCode);
  private readonly zonesByProvince = groupBy(DEMO_INDUSTRIAL_ZONES, (z: DemoIndustrialZone) => z.provinceCode);
  private readonly provinceByCode = new Map(PROVINCES.map((p) => [p.code, p]));
  private readonly branchFlags = new Map<number, boolean>();
  private insuredLatest: Map<string, number> | undefined;
  /** Today's provinces, in code order: what per-province demo rows are generated for. */
  readonly provinceCodes: readonly string[] = PROVINCES.map((p) => p.code);

  constructor(
    readonly seed: number,
    readonly enterprises: number,
  ) {
    // Enterprises per former province in 2022, rolled up into today's provinces.
    const successorOf = new Map(FORMER_PROVINCES.map((f) => [f.name, f.successorCode]));
    this.provinceShares = new Map();
    for (const [name, count] of ENTERPRISES_OPERATING_2022) {
      const code = successorOf.get(name);
      if (!code) throw new Error(`enterprise counts name a former province the reference data lacks: ${name}`);
      this.provinceShares.set(code, (this.provinceShares.get(code) ?? 0) + count);
    }
    this.provincePicker = new WeightedPicker(PROVINCES, (p) => this.provinceShares.get(p.code) ?? 0);
  }

  /**
   * Coverage the province's statistics are scaled to, compulsory insured only over the working-age
   * labour force: its share of the coverage src/demo/demo-shares.ts gives it, the rest being
   * voluntary participants (voluntaryInLatestMonth).
   */
  coverageTarget(provinceCode: string): number {
    const random = new Random(this.seed, 0x5eed, Number(provinceCode));
    const total = Math.max(0.05, provinceCoverage(provinceCode) + random.between(-COVERAGE_JITTER, COVERAGE_JITTER));
    return total * (1 - VOLUNTARY_SHARE_OF_PARTICIPANTS);
  }

  /** Voluntary participants of the province in the latest month: the voluntary share of its participants (demo-shares.ts). */
  voluntaryInLatestMonth(provinceCode: string): number {
    return Math.round((this.insuredInLatestMonth(provinceCode) * VOLUNTARY_SHARE_OF_PARTICIPANTS) / (1 - VOLUNTARY_SHARE_OF_PARTICIPANTS));
  }

  /** Everything about enterprise `index` (0-based). */
  profile(index: number): EnterpriseProfile {
    if (this.isBranch(index)) return this.branchProfile(index);
    const random = new Random(this.seed, index);
    const province = this.provincePicker.pick(random);
    const sectorCode = this.sectorPicker.pick(random);
    const form = this.formPicker.pick(random);
    const status = this.statusPicker.pick(random).status;
    const commune = random.pick(this.communesByProvince.get(province.code) ?? []);
    const zones = this.zonesByProvince.get(province.code);
    const inZone = zones !== undefined && random.chance(sectorCode === "C" ? IN_ZONE.manufacturing : IN_ZONE.other);
    const brand = random.pick(BRAND_WORDS);
    const business = random.pick(BUSINESS_WORDS_BY_SECTION[sectorCode]);
    const name =
      form.code === "PRIVATE"
        ? `${form.prefix} ${business} ${brand}`
        : `${form.prefix}${form.code === "LLC1" && random.chance(0.3) ? " MTV" : ""} ${business} ${brand}`;
    const employees = this.sampleEmployees(random, province.code, sectorCode);
    const registeredOn = this.sampleRegistrationDate(random);
    const taxCode = this.taxCodeFor(index, province.code);
    return {
      index,
      taxCode,
      parentTaxCode: null,
      name: disambiguate(name, random),
      legalForm: form.code,
      status,
      registeredOn,
      provinceCode: province.code,
      communeCode: commune.code,
      sectorCode,
      industrialZoneCode: inZone ? random.pick(zones).code : null,
      address: `Số ${random.int(1, 350)} ${random.pick(STREET_NAMES)}, ${commune.name}, ${province.name}`,
      ...this.legalRepresentative(random),
      employees,
      monthlyWage: this.sampleWage(random, province.code),
      bhxh: this.bhxhProfile(random, index, province.code, status, employees, registeredOn),
    };
  }

  /**
   * Workers the enterprise has enrolled in compulsory insurance in each month of
   * DEMO_PERIODS.enrolmentMonths: null before its BHXH unit registered, and no months at all
   * without a unit. BHXH reports these; the statistics office's figures are scaled to their sum.
   */
  compulsoryInsured(p: EnterpriseProfile): (number | null)[] {
    const unit = p.bhxh;
    if (!unit) return [];
    const random = new Random(this.seed, p.index, 0xb0);
    const months = DEMO_PERIODS.enrolmentMonths;
    const insured: (number | null)[] = [];
    for (let m = 0; m < months.length; m++) {
      if (`${months[m]}-28` < unit.registeredOn) {
        insured.push(null);
        continue;
      }
      const workers = Math.max(1, Math.round(p.employees * (0.95 + (0.05 * m) / 11 + 0.01 * random.normal())));
      insured.push(Math.max(1, Math.round(workers * unit.enrolledShare)));
    }
    return insured;
  }

  /** Workers enrolled in compulsory insurance in the province in the latest month, over the whole world (one pass, made once). */
  insuredInLatestMonth(provinceCode: string): number {
    if (!this.insuredLatest) {
      const sums = new Map<string, number>();
      for (let i = 0; i < this.enterprises; i++) {
        const profile = this.profile(i);
        const latest = this.compulsoryInsured(profile).at(-1);
        if (latest != null) sums.set(profile.provinceCode, (sums.get(profile.provinceCode) ?? 0) + latest);
      }
      this.insuredLatest = sums;
    }
    return this.insuredLatest.get(provinceCode) ?? 0;
  }

  /** 3% of entries are branches of the nearest preceding head office, with the 13-character tax code. */
  private isBranch(index: number): boolean {
    if (index === 0) return false;
    let flag = this.branchFlags.get(index);
    if (flag === undefined) {
      flag = new Random(this.seed, index, 0xb4a).chance(BRANCH_SHARE);
      if (this.branchFlags.size > 4096) this.branchFlags.clear();
      this.branchFlags.set(index, flag);
    }
    return flag;
  }

  private branchProfile(index: number): EnterpriseProfile {
    let parentIndex = index - 1;
    while (this.isBranch(parentIndex)) parentIndex -= 1;
    const parent = this.profile(parentIndex);
    const random = new Random(this.seed, index, 0xb4a2);
    const province = random.chance(BRANCH_IN_PARENT_PROVINCE) ? this.provinceByCode.get(parent.provinceCode)! : this.provincePicker.pick(random);
    const commune = random.pick(this.communesByProvince.get(province.code) ?? []);
    const employees = Math.max(1, Math.round(parent.employees * random.between(BRANCH_WORKFORCE_OF_PARENT.min, BRANCH_WORKFORCE_OF_PARENT.max)));
    return {
      ...parent,
      index,
      taxCode: `${parent.taxCode}-${String(index - parentIndex).padStart(3, "0")}`,
      parentTaxCode: parent.taxCode,
      name: `Chi nhánh ${parent.name} tại ${province.name}`,
      legalForm: "BRANCH",
      registeredOn: laterDate(parent.registeredOn, random),
      provinceCode: province.code,
      communeCode: commune.code,
      industrialZoneCode: null,
      address: `Số ${random.int(1, 350)} ${random.pick(STREET_NAMES)}, ${commune.name}, ${province.name}`,
      employees,
      bhxh: this.bhxhProfile(random, index, province.code, parent.status, employees, parent.registeredOn),
    };
  }

  /** 9 digits unique per index ((index·7919 + c) mod 10^7 is a bijection), completed with the check digit. */
  private taxCodeFor(index: number, provinceCode: string): string {
    const sequence = String((index * 7919 + 1_234_567) % 10_000_000).padStart(7, "0");
    let prefix = Number(TAX_PREFIX[provinceCode] ?? provinceCode);
    for (;;) {
      const code = completeTaxCode(String(prefix).padStart(2, "0") + sequence);
      if (code) return code;
      prefix = (prefix + 1) % 100; // any prefix keeps the code unique, since the sequence already is
    }
  }

  /** Heavy-tailed: most enterprises have under 10 workers, a few thousands. */
  private sampleEmployees(random: Random, provinceCode: string, sectorCode: VsicSectionCode): number {
    const scale = (SIZE_FACTOR[provinceCode] ?? 1) * (SECTOR_SIZE_FACTOR[sectorCode] ?? 1);
    if (random.chance(OWNER_RUN)) return 0;
    let employees = Math.exp(1.1 + 1.25 * random.normal()) * scale;
    if (random.chance(LARGE_EMPLOYERS)) employees *= random.between(20, 200) * scale;
    return Math.max(1, Math.min(60_000, Math.round(employees)));
  }

  private sampleWage(random: Random, provinceCode: string): number {
    const base = provinceCode === "01" || provinceCode === "79" ? 11_500_000 : 8_200_000;
    return Math.round((base * Math.exp(0.3 * random.normal())) / 1000) * 1000;
  }

  private sampleRegistrationDate(random: Random): string {
    // Registrations grew strongly after 2005; weight recent years more.
    const year = Math.min(2026, 1995 + Math.floor(31 * Math.sqrt(random.next())));
    const month = year === 2026 ? random.int(1, 9) : random.int(1, 12);
    return `${year}-${pad(month)}-${pad(random.int(1, 28))}`;
  }

  private legalRepresentative(random: Random): { legalRepName: string; legalRepIdNumber: string } {
    const female = random.chance(FEMALE_REPRESENTATIVES);
    const surname = this.surnamePicker.pick(random).name;
    const middle = random.pick(female ? MIDDLE_NAMES_FEMALE : MIDDLE_NAMES_MALE);
    const given = random.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
    const birthYear = random.int(1955, 2000);
    const birthProvince = random.pick(FORMER_PROVINCES).code;
    // CCCD: 3-digit province of birth registration, century/sex digit, 2-digit year, 6 digits (shared/domain.md).
    const centurySex = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const idNumber = `0${birthProvince}${centurySex}${String(birthYear % 100).padStart(2, "0")}${String(random.int(0, 999_999)).padStart(6, "0")}`;
    return { legalRepName: `${surname} ${middle} ${given}`, legalRepIdNumber: idNumber };
  }

  /** Whether and how the enterprise takes part in BHXH: bigger employers enrol more often. */
  private bhxhProfile(random: Random, index: number, provinceCode: string, status: DemoStatus, employees: number, registeredOn: string): BhxhProfile | null {
    if (status === "DISSOLVED" || status === "BANKRUPT" || employees === 0) return null;
    if (!random.chance(ENROLMENT_CHANCE_BY_SIZE.find((band) => employees < band.under)!.chance)) return null;
    const inArrears = random.chance(status === "ACTIVE" ? UNITS_FALLING_INTO_ARREARS.active : UNITS_FALLING_INTO_ARREARS.other);
    // Drawn apart, so that adding them left every earlier draw (and the demo's other figures) as it was.
    const compliance = new Random(this.seed, index, 0xc0);
    return {
      unitCode: unitCode(provinceCode, index),
      registeredOn: laterDate(registeredOn, random),
      enrolledShare: random.chance(UNDER_DECLARING_UNITS) ? random.between(UNDER_DECLARED_ENROLMENT.min, UNDER_DECLARED_ENROLMENT.max) : 1,
      arrearsFrom: inArrears ? random.int(0, 11) : null,
      paysBackAfter: inArrears && random.chance(ARREARS_PAID_BACK) ? random.int(1, 3) : null,
      reminded: inArrears && compliance.chance(ARREARS_REMINDED),
      declaresBelowBase: compliance.chance(WAGE_BELOW_BASE_UNITS),
    };
  }
}

/** BHXH-style unit code: two letters from the province code, five digits, a letter: unique per index up to 2.6 million. */
export function unitCode(provinceCode: string, index: number): string {
  const letter = (digit: string) => String.fromCharCode(65 + Number(digit));
  return `${letter(provinceCode[0])}${letter(provinceCode[1])}${String(index % 100_000).padStart(5, "0")}${String.fromCharCode(65 + Math.floor(index / 100_000))}`;
}

/** The largest demo the unit-code scheme supports. */
export const MAX_DEMO_ENTERPRISES = 2_600_000;

function disambiguate(name: string, random: Random): string {
  // Registered names must differ; a district-style suffix keeps demo names plausible and mostly unique.
  return random.chance(0.5) ? name : `${name} ${random.pick(["Việt Nam", "Miền Bắc", "Miền Nam", "Miền Trung", "Quốc tế", "Sài Gòn", "Hà Thành", "Toàn Cầu"])}`;
}

function laterDate(date: string, random: Random): string {
  const from = Date.parse(`${date}T00:00:00Z`);
  const until = Date.parse("2026-09-30T00:00:00Z");
  const picked = new Date(from + random.next() * Math.max(0, until - from));
  return picked.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

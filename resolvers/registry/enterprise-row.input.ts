import { Field, InputType } from "type-graphql";
import { EnterpriseStatus, LegalForm } from "../../entities";
import { DateScalar } from "../../src/graphql/scalars";

@InputType({ description: "One enterprise as the business register records it: a row of the registry's CSV (registry-enterprises.csv)." })
export class EnterpriseRowInput {
  @Field({ description: "Tax code = enterprise code (mã số thuế / mã số doanh nghiệp): 10 digits, or 10 digits, a hyphen and 3 for a branch." })
  taxCode: string;

  @Field(() => String, {
    nullable: true,
    description: "For a branch, its enterprise's tax code (the first 10 characters of its own); the registry knows it or this batch registers it.",
  })
  parentTaxCode?: string | null;

  @Field({ description: "Registered name (tên doanh nghiệp)." })
  name: string;

  @Field(() => LegalForm, { description: "Type of enterprise (loại hình doanh nghiệp); BRANCH exactly for a branch." })
  legalForm: LegalForm;

  @Field(() => EnterpriseStatus, { description: "Legal status (tình trạng pháp lý)." })
  status: EnterpriseStatus;

  @Field(() => DateScalar, { description: "Date of first registration (ngày thành lập), no later than the extract's day." })
  registeredOn: Date;

  @Field({ description: "Province of the head office, a code in force since 2025-07-01." })
  provinceCode: string;

  @Field(() => String, { nullable: true, description: "Commune (xã, phường) of the head office, in that province." })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: "Main sector, a VSIC 2018 section letter (ngành kinh tế)." })
  sectorCode?: string | null;

  @Field(() => String, { nullable: true, description: "Industrial zone (khu công nghiệp) the head office is in, in that province." })
  industrialZoneCode?: string | null;

  @Field(() => String, { nullable: true, description: "Head-office address (địa chỉ trụ sở chính)." })
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Legal representative's full name (người đại diện theo pháp luật). Personal data." })
  legalRepName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Legal representative's 12-digit personal identification number (CCCD), given with the name. Personal data.",
  })
  legalRepIdNumber?: string | null;
}

@InputType({ description: "An enterprise leaving the register: its tax code and the status it goes to." })
export class EnterpriseDissolutionInput {
  @Field({ description: "Tax code of an enterprise the registry holds." })
  taxCode: string;

  @Field(() => EnterpriseStatus, {
    description: "DISSOLVING (đang làm thủ tục giải thể), DISSOLVED (đã giải thể) or BANKRUPT (phá sản); a dissolution goes forward only.",
  })
  status: EnterpriseStatus;
}

/** An enterprise row input as the CSV's fields, so that a mutation and a file with the same rows make the same batch. */
export function enterpriseRowFields(row: EnterpriseRowInput): Record<string, string> {
  return {
    tax_code: row.taxCode,
    parent_tax_code: row.parentTaxCode ?? "",
    name: row.name,
    legal_form: row.legalForm,
    status: row.status,
    registered_on: row.registeredOn.toISOString().slice(0, 10),
    province_code: row.provinceCode,
    commune_code: row.communeCode ?? "",
    sector_code: row.sectorCode ?? "",
    industrial_zone_code: row.industrialZoneCode ?? "",
    address: row.address ?? "",
    legal_rep_name: row.legalRepName ?? "",
    legal_rep_id_number: row.legalRepIdNumber ?? "",
  };
}

import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../src/graphql/scalars";

export enum EnterpriseStatus {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  DISSOLVING = "DISSOLVING",
  DISSOLVED = "DISSOLVED",
  BANKRUPT = "BANKRUPT",
}

registerEnumType(EnterpriseStatus, {
  name: "EnterpriseStatus",
  description: "Legal status in the business registry (tình trạng pháp lý).",
  valuesConfig: {
    ACTIVE: { description: "Operating (đang hoạt động)." },
    SUSPENDED: { description: "Temporarily suspended its business (tạm ngừng kinh doanh)." },
    DISSOLVING: { description: "In the process of dissolution (đang làm thủ tục giải thể)." },
    DISSOLVED: { description: "Dissolved (đã giải thể)." },
    BANKRUPT: { description: "Declared bankrupt (phá sản)." },
  },
});

export enum LegalForm {
  LLC1 = "LLC1",
  LLC2 = "LLC2",
  JSC = "JSC",
  PRIVATE = "PRIVATE",
  PARTNERSHIP = "PARTNERSHIP",
  BRANCH = "BRANCH",
}

registerEnumType(LegalForm, {
  name: "LegalForm",
  description: "Type of enterprise (loại hình doanh nghiệp) under the Law on Enterprises.",
  valuesConfig: {
    LLC1: { description: "Single-member limited liability company (công ty TNHH một thành viên)." },
    LLC2: { description: "Limited liability company with two or more members (công ty TNHH hai thành viên trở lên)." },
    JSC: { description: "Joint-stock company (công ty cổ phần)." },
    PRIVATE: { description: "Private enterprise (doanh nghiệp tư nhân)." },
    PARTNERSHIP: { description: "Partnership (công ty hợp danh)." },
    BRANCH: { description: "Branch of an enterprise, with a 13-character tax code (chi nhánh)." },
  },
});

/**
 * Shared entity: an enterprise as the business registration office records it. Tax and BHXH attach
 * their figures to it by `taxCode`, never by reading these columns.
 */
@Entity({ schema: "registry", name: "enterprise" })
@ObjectType({
  description:
    "An enterprise or branch (doanh nghiệp, chi nhánh) keyed by its tax code. The registry supplies identity and status; the tax authority and BHXH add their own fields. Shared entity.",
})
@Directive('@key(fields: "taxCode")')
export class Enterprise {
  @PrimaryColumn({ type: "text", name: "tax_code" })
  @Field({ description: "Tax code = enterprise code (mã số thuế / mã số doanh nghiệp): 10 digits, or 13 for a branch (10 digits, hyphen, 3 digits)." })
  taxCode: string;

  @Column({ type: "text", name: "parent_tax_code", nullable: true })
  @Field(() => String, { nullable: true, description: "For a branch, the tax code of the enterprise it belongs to." })
  parentTaxCode: string | null;

  @Column({ type: "text" })
  @Field(() => String, { nullable: true, description: "Registered name (tên doanh nghiệp)." })
  name: string;

  @Column({ type: "text", name: "legal_form" })
  @Field(() => LegalForm, { nullable: true, description: "Type of enterprise (loại hình doanh nghiệp)." })
  legalForm: LegalForm;

  @Column({ type: "text" })
  @Field(() => EnterpriseStatus, { nullable: true, description: "Legal status in the business registry (tình trạng pháp lý)." })
  status: EnterpriseStatus;

  @Column({ type: "date", name: "registered_on" })
  @Field(() => DateScalar, { nullable: true, description: "Date of first registration (ngày thành lập)." })
  registeredOn: string;

  @Column({ type: "char", length: 2, name: "province_code" })
  provinceCode: string;

  @Column({ type: "char", length: 5, name: "commune_code", nullable: true })
  communeCode: string | null;

  @Column({ type: "text", name: "sector_code", nullable: true })
  sectorCode: string | null;

  @Column({ type: "text", name: "industrial_zone_code", nullable: true })
  industrialZoneCode: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Head-office address (địa chỉ trụ sở chính)." })
  address: string | null;

  @Column({ type: "text", name: "legal_rep_name", nullable: true })
  legalRepName: string | null;

  @Column({ type: "char", length: 12, name: "legal_rep_id_number", nullable: true })
  legalRepIdNumber: string | null;

  @Column({ type: "uuid", name: "batch_id" })
  batchId: string;
}

@ObjectType({ description: "The enterprise's legal representative (người đại diện theo pháp luật). Personal data." })
export class LegalRepresentative {
  @Field({ nullable: true, description: "Full name (họ và tên). Personal data." })
  fullName: string;

  @Field({ nullable: true, description: "12-digit personal identification number (số định danh cá nhân / CCCD). Personal data." })
  idNumber: string;
}

import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "The legal text a mandate rests on (căn cứ pháp lý), cited as the document writes it." })
export class LegalBasisInfo {
  @Field({ description: "Number and symbol of the document (số, ký hiệu), e.g. 41/2024/QH15." })
  document: string;

  @Field({ description: 'Date of issue (ngày ban hành), YYYY-MM-DD, or "undated" when the copy the hub holds carries no date.' })
  date: string;

  @Field({ description: "Article, section or clause (điều, mục, khoản) the permission comes from." })
  article: string;

  @Field({ description: "Title of the document (trích yếu)." })
  title: string;
}

@ObjectType({ description: "A mandate granted to the caller's agency: the legal permission to read one owner's fields (thẩm quyền khai thác dữ liệu)." })
export class MandateInfo {
  @Field({ description: "The mandate's id in schema/mandates.yaml; audit rows name it under mandatesUsed." })
  id: string;

  @Field({ description: "Domain whose data it shares: registry, tax, statistics or bhxh." })
  owner: string;

  @Field(() => [String], { description: "Roles of the grantee agency it is for." })
  roles: string[];

  @Field(() => [String], { description: "Fields it covers, as Type.field." })
  fields: string[];

  @Field({ description: "record (rows) or aggregate (counts and rates only; counts below 5 withheld)." })
  granularity: string;

  @Field({ description: "national, own-province (rows of the province the token names), or own-zones (enterprises of the industrial zones the token names)." })
  scope: string;

  @Field(() => [String], {
    nullable: true,
    description:
      "Provinces (codes in force) whose principals it applies to, when it rests on a provincial text, which binds its own province only; null when it applies in every province.",
  })
  provinces: string[] | null;

  @Field(() => [String], { description: "Purposes a request may state to use it (mục đích)." })
  purposes: string[];

  @Field(() => LegalBasisInfo, { description: "The legal text it comes from." })
  legalBasis: LegalBasisInfo;

  @Field({ description: "First day it applies (hiệu lực từ)." })
  validFrom: string;

  @Field(() => String, { nullable: true, description: "Last day it applies; null when open-ended." })
  validTo: string | null;

  @Field({ description: "True when it applies to this request: right role, stated purpose, within its dates, province claim where needed." })
  applies: boolean;

  @Field(() => String, { nullable: true, description: "Why it does not apply to this request; null when it does." })
  reason: string | null;
}

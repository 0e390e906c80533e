import type { MigrationInterface, QueryRunner } from "typeorm";
import { FORMER_PROVINCES, PROVINCES, PROVINCE_MERGER_EFFECTIVE_DATE } from "../src/reference-data/provinces";
import { VSIC_SECTIONS } from "../src/reference-data/vsic-sections";

/**
 * Reference data fixed by law: the 34 provinces in force since 1 July 2025, the 63 they replaced
 * (Resolution 202/2025/QH15) and the 21 VSIC 2018 sections. Later changes come as new migrations.
 */
export class ReferenceData1795311900001 implements MigrationInterface {
  name = "ReferenceData1795311900001";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `INSERT INTO hub.province (code, name, name_ascii, kind, in_force_from)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]), LATERAL (SELECT $5::date) d`,
      [
        PROVINCES.map((p) => p.code),
        PROVINCES.map((p) => p.name),
        PROVINCES.map((p) => p.nameAscii),
        PROVINCES.map((p) => p.kind),
        PROVINCE_MERGER_EFFECTIVE_DATE,
      ],
    );
    await db.query(
      `INSERT INTO hub.former_province (code, name, successor_code, merged_on)
       SELECT *, $4::date FROM unnest($1::text[], $2::text[], $3::text[])`,
      [FORMER_PROVINCES.map((p) => p.code), FORMER_PROVINCES.map((p) => p.name), FORMER_PROVINCES.map((p) => p.successorCode), PROVINCE_MERGER_EFFECTIVE_DATE],
    );
    await db.query(`INSERT INTO hub.sector (code, name, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
      VSIC_SECTIONS.map((s) => s.code),
      VSIC_SECTIONS.map((s) => s.name),
      VSIC_SECTIONS.map((s) => s.nameEn),
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM hub.sector`);
    await db.query(`DELETE FROM hub.former_province`);
    await db.query(`DELETE FROM hub.province`);
  }
}

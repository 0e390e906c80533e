import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The province of the tax department that manages the taxpayer (cơ quan thuế quản lý), on each of
 * the tax authority's headcount rows, so that the tax subgraph limits a province-scoped principal
 * to that province in its own SQL without reading another domain's tables.
 *
 * Rows already held take the province the registry records for the enterprise: this one-off data
 * migration is the only place the tax domain reads registry.enterprise. A row whose tax code the
 * registry does not know cannot be placed; rather than guess a province or drop the tax
 * authority's data, the migration then stops and names them, and nothing is changed.
 *
 * No index is added: the scoped queries find rows by the primary key (tax_code, period), as the
 * unscoped ones do, and the province only filters the rows found.
 */
export class TaxHeadcountProvince1795312000000 implements MigrationInterface {
  name = "TaxHeadcountProvince1795312000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tax.headcount ADD COLUMN province_code char(2)`);
    await db.query(`UPDATE tax.headcount h SET province_code = e.province_code FROM registry.enterprise e WHERE e.tax_code = h.tax_code`);
    const unplaced: { tax_code: string; codes: string }[] = await db.query(
      `SELECT tax_code, count(*) OVER () AS codes FROM tax.headcount WHERE province_code IS NULL GROUP BY tax_code ORDER BY tax_code LIMIT 5`,
    );
    if (unplaced.length > 0) {
      throw new Error(
        `tax.headcount holds rows for ${unplaced[0].codes} tax code(s) the registry does not know (${unplaced.map((row) => row.tax_code).join(", ")}…), ` +
          `so the province of their tax department is unknown. Register those enterprises or remove their headcount rows, then start again.`,
      );
    }
    await db.query(`ALTER TABLE tax.headcount ALTER COLUMN province_code SET NOT NULL`);
    // Checked in one pass once the rows are placed, not row by row during the update.
    await db.query(`ALTER TABLE tax.headcount ADD CONSTRAINT headcount_province_code_fkey FOREIGN KEY (province_code) REFERENCES hub.province (code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tax.headcount DROP COLUMN province_code`);
  }
}

import { dataOf, useTestHub } from "../support/hub";

const hub = useTestHub();

const ENROLMENT = `query($taxCode: String!, $period: String) {
  enterprise(taxCode: $taxCode) {
    bhxhUnit {
      code name registeredOn
      latest: enrolment { period compulsoryInsured unemploymentInsured arrearsMonths contributionDue contributionPaid arrears source { agency batchId period } }
      chosen: enrolment(period: $period) { period compulsoryInsured arrearsMonths }
    }
  }
}`;

describe("Enterprise.bhxhUnit and BhxhUnit.enrolment", () => {
  it("joins BHXH's unit by tax code and gives its latest month, or the month asked for", async () => {
    const [unit] = await hub.sql(
      `SELECT u.code, u.tax_code, u.name, to_char(u.registered_on, 'YYYY-MM-DD') AS registered FROM bhxh.unit u
        WHERE (SELECT count(*) FROM bhxh.enrolment e WHERE e.unit_code = u.code) = 12 ORDER BY u.code LIMIT 1`,
    );
    const months = await hub.sql(`SELECT * FROM bhxh.enrolment WHERE unit_code = $1 ORDER BY period`, [unit.code]);
    const latest = months[11];
    const { enterprise } = dataOf(await hub.graphql(ENROLMENT, { taxCode: unit.tax_code, period: months[3].period }));
    expect(enterprise.bhxhUnit).toEqual({
      code: unit.code,
      name: unit.name,
      registeredOn: unit.registered,
      latest: {
        period: latest.period,
        compulsoryInsured: latest.compulsory_insured,
        unemploymentInsured: latest.unemployment_insured,
        arrearsMonths: latest.arrears_months,
        contributionDue: latest.contribution_due_vnd,
        contributionPaid: latest.contribution_paid_vnd,
        arrears: latest.arrears_vnd,
        source: { agency: "bhxh", batchId: latest.batch_id, period: latest.period },
      },
      chosen: { period: months[3].period, compulsoryInsured: months[3].compulsory_insured, arrearsMonths: months[3].arrears_months },
    });
  });

  it("shows units in arrears, including evaders past two months", async () => {
    const [row] = await hub.sql(
      `SELECT u.tax_code, e.period, e.arrears_months, e.arrears_vnd FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code
        WHERE e.arrears_months >= 3 ORDER BY e.arrears_months DESC, u.code LIMIT 1`,
    );
    const { enterprise } = dataOf(await hub.graphql(ENROLMENT, { taxCode: row.tax_code, period: row.period }));
    expect(enterprise.bhxhUnit.chosen.arrearsMonths).toBe(row.arrears_months);
  });

  it("is null for an operating enterprise that has not enrolled", async () => {
    const [row] = await hub.sql(
      `SELECT e.tax_code FROM registry.enterprise e WHERE e.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.tax_code = e.tax_code) LIMIT 1`,
    );
    const response = await hub.graphql(ENROLMENT, { taxCode: row.tax_code });
    expect(response.errors).toBeUndefined();
    expect(response.data.enterprise.bhxhUnit).toBeNull();
  });

  it.each(["2026-Q1", "2026-13", "2026"])("refuses enrolment period %s with BAD_USER_INPUT", async (period) => {
    const [unit] = await hub.sql(`SELECT tax_code FROM bhxh.unit LIMIT 1`);
    const response = await hub.graphql(ENROLMENT, { taxCode: unit.tax_code, period });
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].path).toEqual(["enterprise", "bhxhUnit", "chosen"]);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "period" });
    expect(response.data.enterprise.bhxhUnit.latest).not.toBeNull();
  });
});

describe("the demo's shape", () => {
  it("has operating enterprises not enrolled, units enrolling fewer than tax sees, and units in arrears", async () => {
    const [shape] = await hub.sql(`
      WITH latest AS (SELECT DISTINCT ON (unit_code) * FROM bhxh.enrolment ORDER BY unit_code, period DESC),
           tax AS (SELECT * FROM tax.headcount WHERE period = '2026-Q3')
      SELECT
        (SELECT count(*) FROM registry.enterprise e WHERE status = 'ACTIVE') AS active,
        (SELECT count(*) FROM registry.enterprise e WHERE status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.tax_code = e.tax_code)) AS active_not_enrolled,
        (SELECT count(*) FROM latest l JOIN bhxh.unit u ON u.code = l.unit_code JOIN tax t ON t.tax_code = u.tax_code WHERE l.compulsory_insured < 0.9 * t.employees) AS under_enrolled,
        (SELECT count(*) FROM latest WHERE arrears_months > 0) AS in_arrears,
        (SELECT count(*) FROM tax WHERE employees < 10)::float / (SELECT count(*) FROM tax) AS share_under_10`);
    expect(Number(shape.active_not_enrolled) / Number(shape.active)).toBeGreaterThan(0.2);
    expect(Number(shape.under_enrolled)).toBeGreaterThan(0);
    expect(Number(shape.in_arrears)).toBeGreaterThan(0);
    expect(shape.share_under_10).toBeGreaterThan(0.6);
  });
});

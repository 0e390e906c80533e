import { dataOf, useTestHub } from "../support/hub";

const hub = useTestHub();

const HEADCOUNT = `query($taxCode: String!, $period: String) {
  enterprise(taxCode: $taxCode) {
    latest: taxHeadcount { period employees totalWages operatingStatus source { agency batchId asOf period } }
    chosen: taxHeadcount(period: $period) { period employees }
  }
}`;

describe("Enterprise.taxHeadcount", () => {
  it("gives the latest quarter by default and the asked quarter otherwise, with the tax batch as source", async () => {
    const [company] = await hub.sql(`SELECT tax_code FROM tax.headcount GROUP BY tax_code HAVING count(*) = 4 ORDER BY tax_code LIMIT 1`);
    const rows = await hub.sql(
      `SELECT h.*, b.agency, b.received_at FROM tax.headcount h JOIN hub.batch b ON b.id = h.batch_id WHERE tax_code = $1 ORDER BY period`,
      [company.tax_code],
    );
    const latest = rows[rows.length - 1];
    const { enterprise } = dataOf(await hub.graphql(HEADCOUNT, { taxCode: company.tax_code, period: rows[0].period }));
    expect(enterprise.latest).toEqual({
      period: latest.period,
      employees: latest.employees,
      totalWages: latest.total_wages_vnd,
      operatingStatus: latest.operating_status,
      source: { agency: "tax", batchId: latest.batch_id, asOf: latest.received_at.toISOString(), period: latest.period },
    });
    expect(enterprise.chosen).toEqual({ period: rows[0].period, employees: rows[0].employees });
  });

  it("carries money as an exact decimal string", async () => {
    const [row] = await hub.sql(`SELECT tax_code, period, total_wages_vnd FROM tax.headcount ORDER BY total_wages_vnd DESC LIMIT 1`);
    const { enterprise } = dataOf(await hub.graphql(HEADCOUNT, { taxCode: row.tax_code, period: row.period }));
    const response = await hub.graphql(`query($t: String!, $p: String) { enterprise(taxCode: $t) { taxHeadcount(period: $p) { totalWages } } }`, {
      t: row.tax_code,
      p: row.period,
    });
    expect(enterprise.chosen.period).toBe(row.period);
    expect(dataOf(response).enterprise.taxHeadcount.totalWages).toBe(row.total_wages_vnd);
  });

  it("is null for an enterprise the tax authority has no declaration from", async () => {
    const [row] = await hub.sql(
      `SELECT e.tax_code FROM registry.enterprise e WHERE NOT EXISTS (SELECT 1 FROM tax.headcount h WHERE h.tax_code = e.tax_code) LIMIT 1`,
    );
    const response = await hub.graphql(HEADCOUNT, { taxCode: row.tax_code });
    expect(response.errors).toBeUndefined();
    expect(response.data.enterprise).toEqual({ latest: null, chosen: null });
  });

  it.each(["2026-03", "2026-Q5", "26-Q1", "Q1-2026"])("refuses period %s with BAD_USER_INPUT and keeps the rest of the answer", async (period) => {
    const [row] = await hub.sql(`SELECT tax_code FROM tax.headcount LIMIT 1`);
    const response = await hub.graphql(HEADCOUNT, { taxCode: row.tax_code, period });
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].path).toEqual(["enterprise", "chosen"]);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "period" });
    expect(response.errors![0].message).toMatch(/YYYY-Qn/);
    expect(response.data.enterprise.latest).not.toBeNull();
    expect(response.data.enterprise.chosen).toBeNull();
  });
});

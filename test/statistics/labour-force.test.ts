import { dataOf, useTestHub } from "../support/hub";
import { headersFor } from "../support/tokens";

const hub = useTestHub();
/** The statistics office reading its own figures (mandate statistics-own-data). */
const asStatisticsOffice = () => headersFor({ agency: "statistics", roles: ["analyst"], purposes: ["statistics"] });

const LABOUR_FORCE = `query($code: String!, $period: String) {
  province(code: $code) {
    code name
    latest: labourForce { period labourForce workingAgeLabourForce employed unemployed population source { agency batchId period } }
    chosen: labourForce(period: $period) { period labourForce }
  }
}`;

describe("Province.labourForce", () => {
  it("gives the statistics office's latest quarter, or the quarter or year asked for", async () => {
    const rows = await hub.sql(`SELECT * FROM statistics.labour_force WHERE province_code = '40' ORDER BY hub.period_end(period) DESC, length(period)`);
    const latest = rows[0];
    const yearly = rows.find((r) => r.period.length === 4);
    const { province } = dataOf(await hub.graphql(LABOUR_FORCE, { code: "40", period: yearly.period }, await asStatisticsOffice()));
    expect(province).toEqual({
      code: "40",
      name: "Nghệ An",
      latest: {
        period: latest.period,
        labourForce: latest.labour_force,
        workingAgeLabourForce: latest.working_age_labour_force,
        employed: latest.employed,
        unemployed: latest.unemployed,
        population: latest.population,
        source: { agency: "statistics", batchId: latest.batch_id, period: expect.any(String) },
      },
      chosen: { period: yearly.period, labourForce: yearly.labour_force },
    });
  });

  it("spreads coverage as in reality: a few provinces under 20%, industrial ones far above", async () => {
    const rates = await hub.sql<{ province_code: string; rate: number }>(`
      WITH insured AS (
        SELECT u.province_code, sum(e.compulsory_insured) AS insured FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code
         WHERE e.period = (SELECT max(period) FROM bhxh.enrolment) GROUP BY 1)
      SELECT s.province_code, i.insured::float / s.working_age_labour_force AS rate
        FROM statistics.labour_force s JOIN insured i USING (province_code) WHERE s.period = '2026-Q3'`);
    const under20 = rates.filter((r) => r.rate < 0.2).map((r) => r.province_code);
    // Compulsory alone: coverage with voluntary participants is about a ninth higher (src/demo/demo-shares.ts).
    const over40 = rates.filter((r) => r.rate > 0.4).map((r) => r.province_code);
    expect(under20.length).toBeGreaterThanOrEqual(2);
    expect(over40).toEqual(expect.arrayContaining(["24", "79"]));
  });

  it.each(["2026-07", "2026-Q0", "twenty"])("refuses period %s with BAD_USER_INPUT", async (period) => {
    const response = await hub.graphql(LABOUR_FORCE, { code: "40", period }, await asStatisticsOffice());
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "period" });
    expect(response.data.province.latest).not.toBeNull();
  });
});

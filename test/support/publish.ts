import { hanoiToday } from "../../src/ingest/batch-period";
import { BHXH_PUBLISHER, oneMoreInsuredCsv, type EnrolmentReadBack } from "./bhxh-ingest";
import { queryAt } from "./fresh-database";
import { REGISTRY_PUBLISHER } from "./ingest";
import { headersFor } from "./tokens";

/**
 * Batches published the way an owner publishes them, through a running hub's public interfaces
 * (POST /ingest/{domain} or a publish mutation): the live tests then see the event data in
 * itself raises, not one a test wrote beside it. The database is read only to pick rows that
 * exist and to build plausible changes to them.
 */

/** What a published batch changed, as the hub answered it. */
export interface PublishedBatch {
  batchId: string;
  period: string;
  appliedAt: string;
  /** The enterprises whose rows the batch carried. */
  taxCodes: string[];
}

const BATCH_FIELDS = "id status kind period rowCount appliedAt errors { line column reason }";

/**
 * BHXH publishes the latest month of three units of `provinceCode` again, each with one more
 * compulsorily insured worker: through POST /ingest/bhxh (`via: "file"`) or the
 * publishBhxhEnrolment mutation (`via: "mutation"`, the default), as BHXH's national publisher.
 */
export async function publishEnrolment(
  hubUrl: string,
  databaseUrl: string,
  provinceCode: string,
  via: "file" | "mutation" = "mutation",
): Promise<PublishedBatch> {
  const rows = await queryAt(
    databaseUrl,
    `SELECT u.code, u.tax_code, u.name, u.province_code, to_char(u.registered_on, 'YYYY-MM-DD') AS registered_on, e.period,
            e.compulsory_insured, e.unemployment_insured, e.contribution_due_vnd::text AS due, e.contribution_paid_vnd::text AS paid,
            e.arrears_vnd::text AS arrears, e.arrears_months, coalesce(e.oldest_unpaid_period, '') AS oldest,
            coalesce(to_char(e.reminder_sent_on, 'YYYY-MM-DD'), '') AS reminder, coalesce(e.lowest_declared_wage_vnd::text, '') AS lowest
       FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code
      WHERE u.province_code = $1 AND u.tax_code !~ '-'
        AND e.period = (SELECT max(e2.period) FROM bhxh.enrolment e2 JOIN bhxh.unit u2 ON u2.code = e2.unit_code WHERE u2.province_code = $1)
      ORDER BY u.code LIMIT 3`,
    [provinceCode],
  );
  if (rows.length === 0) throw new Error(`the demo has no BHXH enrolment in province ${provinceCode}`);
  const period: string = rows[0].period;
  const taxCodes = rows.map((r) => r.tax_code as string);
  if (via === "file") {
    const csv = oneMoreInsuredCsv(rows as EnrolmentReadBack[], period);
    const response = await fetch(`${hubUrl}/ingest/bhxh?period=${encodeURIComponent(period)}`, {
      method: "POST",
      headers: { "content-type": "text/csv; charset=utf-8", ...(await headersFor(BHXH_PUBLISHER)) },
      body: csv,
    });
    const body: any = await response.json().catch(() => null);
    if (response.status !== 200 || body?.status !== "APPLIED") throw new Error(`POST /ingest/bhxh answered ${response.status}: ${JSON.stringify(body)}`);
    return { batchId: body.id, period, appliedAt: body.appliedAt, taxCodes };
  }
  const batch = await publishThroughGraphql(hubUrl, BHXH_PUBLISHER, "publishBhxhEnrolment", `$period: String!, $rows: [BhxhEnrolmentRowInput!]!`, {
    period,
    rows: rows.map((r) => ({
      unitCode: r.code,
      taxCode: r.tax_code,
      unitName: r.name,
      provinceCode: r.province_code,
      registeredOn: r.registered_on,
      compulsoryInsured: r.compulsory_insured + 1,
      unemploymentInsured: r.unemployment_insured,
      contributionDue: r.due,
      contributionPaid: r.paid,
      arrears: r.arrears,
      arrearsMonths: r.arrears_months,
      oldestUnpaidPeriod: r.oldest || undefined,
      reminderSentOn: r.reminder || undefined,
      lowestDeclaredWage: r.lowest || undefined,
    })),
  });
  return { batchId: batch.id, period, appliedAt: batch.appliedAt, taxCodes };
}

/**
 * The registry changes the head-office address of the enterprises `taxCodes` (everything else as
 * the register holds it) with the changeEnterprises mutation, as its national publisher, in an
 * extract dated today in Hà Nội.
 */
export async function changeAddresses(hubUrl: string, databaseUrl: string, taxCodes: string[]): Promise<PublishedBatch> {
  const rows = await queryAt(
    databaseUrl,
    `SELECT tax_code, parent_tax_code, name, legal_form, status, to_char(registered_on, 'YYYY-MM-DD') AS registered_on, province_code,
            commune_code, sector_code, industrial_zone_code, legal_rep_name, legal_rep_id_number
       FROM registry.enterprise WHERE tax_code = ANY($1) ORDER BY tax_code`,
    [taxCodes],
  );
  if (rows.length !== taxCodes.length) throw new Error(`the register does not hold all of ${taxCodes.join(", ")}`);
  const period = hanoiToday(new Date());
  const batch = await publishThroughGraphql(hubUrl, REGISTRY_PUBLISHER, "changeEnterprises", `$period: String!, $rows: [EnterpriseRowInput!]!`, {
    period,
    rows: rows.map((r) => ({
      taxCode: r.tax_code,
      parentTaxCode: r.parent_tax_code ?? undefined,
      name: r.name,
      legalForm: r.legal_form,
      status: r.status,
      registeredOn: r.registered_on,
      provinceCode: r.province_code,
      communeCode: r.commune_code ?? undefined,
      sectorCode: r.sector_code ?? undefined,
      industrialZoneCode: r.industrial_zone_code ?? undefined,
      // A new address each time, so that no two publications are the same rows (a DUPLICATE raises no event).
      address: `Số ${Math.floor(Math.random() * 900) + 1} Đường Thử ${Date.now()}`,
      legalRepName: r.legal_rep_name ?? undefined,
      legalRepIdNumber: r.legal_rep_id_number ?? undefined,
    })),
  });
  return { batchId: batch.id, period, appliedAt: batch.appliedAt, taxCodes: rows.map((r) => r.tax_code) };
}

async function publishThroughGraphql(hubUrl: string, who: typeof BHXH_PUBLISHER, mutation: string, parameters: string, variables: Record<string, unknown>) {
  const response = await fetch(`${hubUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await headersFor(who)) },
    body: JSON.stringify({ query: `mutation (${parameters}) { ${mutation}(period: $period, rows: $rows) { ${BATCH_FIELDS} } }`, variables }),
  });
  const body: any = await response.json();
  const batch = body?.data?.[mutation];
  if (batch?.status !== "APPLIED") throw new Error(`${mutation} answered ${response.status}: ${JSON.stringify(body)}`);
  return batch as { id: string; appliedAt: string };
}

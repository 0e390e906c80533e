import { randomUUID } from "node:crypto";
import { publishEnrolment, changeAddresses } from "../support/publish";
import { queryAt } from "../support/fresh-database";
import { useIngestHub } from "../support/ingest";
import { follow, run, useGraphqlWsClients } from "../support/graphql-ws";
import { tokenFor, type TestClaims } from "../support/tokens";

/**
 * Subscriptions through real graphql-ws on a hub over its own PostgreSQL database: batches are
 * published through the hub's own publish mutations (test/support/publish.ts), and each event reaches its
 * subscribers resolved like a query, under the same mandates and row scope.
 */
const ingest = useIngestHub("lienthong_live_subscriptions", 400);
const connect = useGraphqlWsClients(() => ingest.hub.url);

/** A principal of its own, so its audit rows are its test's alone. */
async function as(claims: Omit<TestClaims, "sub">) {
  const subject = `live-${randomUUID()}`;
  const token = await tokenFor({ ...claims, sub: subject });
  return { subject, client: connect({ authorization: `Bearer ${token}`, purpose: claims.purposes[0] }, ingest.hub.url, false) };
}

/** Audit rows of `subject`, oldest first. */
async function auditOf(subject: string): Promise<any[]> {
  const rows = await queryAt(ingest.url, "SELECT entry::jsonb AS entry FROM hub.audit_log WHERE subject = $1 ORDER BY seq", [subject]);
  return rows.map((row) => row.entry);
}

/** Waits until `count` subscriptions of `subject` have started (their start row is written once they listen). */
async function started(subject: string, count: number): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if ((await auditOf(subject)).filter((entry) => entry.operationType === "subscription" && entry.outcome === "ok").length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${subject}'s subscriptions did not start`);
}

async function enterpriseIn(province: string): Promise<string> {
  const [row] = await queryAt(ingest.url, "SELECT tax_code FROM registry.enterprise WHERE province_code = $1 ORDER BY tax_code LIMIT 1", [province]);
  return row.tax_code;
}

/** The province's BHXH totals for a month, summed here independently of the hub's SQL. */
async function totals(province: string, period: string) {
  const [row] = await queryAt(
    ingest.url,
    `SELECT count(*)::int AS units, sum(e.compulsory_insured)::int AS "compulsoryInsured", sum(e.unemployment_insured)::int AS "unemploymentInsured",
            (count(*) FILTER (WHERE e.arrears_months > 0))::int AS "unitsInArrears"
       FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code WHERE u.province_code = $1 AND e.period = $2`,
    [province, period],
  );
  return row;
}

const ENROLMENT_CHANGED = `subscription ($p: String!) { enrolmentChanged(provinceCode: $p) { province { code } period units compulsoryInsured unemploymentInsured unitsInArrears } }`;
const BHXH_INSPECTOR: Omit<TestClaims, "sub"> = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] };

describe("enrolmentChanged", () => {
  it("delivers the province's totals after a BHXH batch, and audits the start and each event", async () => {
    const { subject, client } = await as(BHXH_INSPECTOR);
    const followed = follow(client, ENROLMENT_CHANGED, { p: "79" });
    await started(subject, 1);
    const first = await publishEnrolment(ingest.hub.url, ingest.url, "79");
    const [one] = await followed.waitFor(1);
    expect(one).toEqual({ data: { enrolmentChanged: { province: { code: "79" }, period: first.period, ...(await totals("79", first.period!)) } } });
    const second = await publishEnrolment(ingest.hub.url, ingest.url, "79");
    const [, two] = await followed.waitFor(2);
    // Resolved after the second batch: one more worker in each unit it changed.
    expect(two.data.enrolmentChanged.compulsoryInsured).toBe(one.data.enrolmentChanged.compulsoryInsured + second.taxCodes!.length);
    followed.stop();
    const audit = await auditOf(subject);
    expect(audit.map((entry) => [entry.operationType, entry.outcome])).toEqual([
      ["subscription", "ok"],
      ["subscription-event", "ok"],
      ["subscription-event", "ok"],
    ]);
    expect(audit[0].mandatesUsed).toEqual(["bhxh-own-data"]);
    expect(audit[1].fieldsTouched).toEqual(expect.arrayContaining(["Subscription.enrolmentChanged", "ProvinceEnrolment.compulsoryInsured"]));
  });

  it("never sends a province-scoped subscriber another province's totals", async () => {
    // A national subscriber to the same province resolves the same event: what it reads is never handed to the scoped one.
    const national = await as(BHXH_INSPECTOR);
    const hanoi = follow(national.client, ENROLMENT_CHANGED, { p: "01" });
    await started(national.subject, 1);
    const { subject, client } = await as({ ...BHXH_INSPECTOR, province: "79" });
    const other = follow(client, ENROLMENT_CHANGED, { p: "01" });
    const own = follow(client, ENROLMENT_CHANGED, { p: "79" });
    await started(subject, 2);
    await publishEnrolment(ingest.hub.url, ingest.url, "01");
    await publishEnrolment(ingest.hub.url, ingest.url, "79");
    const [event] = await own.waitFor(1);
    expect(event.data.enrolmentChanged.province.code).toBe("79");
    expect((await hanoi.waitFor(1))[0].data.enrolmentChanged.province.code).toBe("01");
    // Events are handled in commit order: by the time 79's arrived, 01's was resolved and held back.
    expect(other.received).toEqual([]);
    hanoi.stop();
  });

  it("refuses an argument that is no province code, naming it", async () => {
    const { client } = await as(BHXH_INSPECTOR);
    await expect(run(client, ENROLMENT_CHANGED, { p: "7" })).rejects.toEqual([
      expect.objectContaining({
        message: expect.stringContaining('"provinceCode"'),
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "provinceCode" }),
      }),
    ]);
  });
});

describe("enterpriseChanged", () => {
  it("refuses, on every event, the fields the subscriber could not query", async () => {
    // Thái Nguyên's labour inspectors read a headcount's employees, never the wages (Bắc Kạn's plan, schema/mandates.yaml).
    const taxCode = await enterpriseIn("19");
    const { subject, client } = await as({ agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: "19" });
    const followed = follow(client, `subscription ($t: String!) { enterpriseChanged(taxCode: $t) { taxCode name taxHeadcount { employees totalWages } } }`, {
      t: taxCode,
    });
    await started(subject, 1);
    await changeAddresses(ingest.hub.url, ingest.url, [taxCode]);
    await changeAddresses(ingest.hub.url, ingest.url, [taxCode]);
    const events = await followed.waitFor(2);
    for (const event of events) {
      expect(event.data.enterpriseChanged.taxCode).toBe(taxCode);
      expect(event.data.enterpriseChanged.taxHeadcount?.totalWages ?? null).toBeNull();
      expect(event.errors.map((error: any) => [error.path.join("."), error.extensions.code])).toEqual([
        ["enterpriseChanged.taxHeadcount.totalWages", "FORBIDDEN"],
      ]);
    }
    followed.stop();
    const audit = (await auditOf(subject)).filter((entry) => entry.operationType === "subscription-event");
    expect(audit.map((entry) => [entry.outcome, entry.fieldsDenied])).toEqual([
      ["partial", ["TaxHeadcount.totalWages"]],
      ["partial", ["TaxHeadcount.totalWages"]],
    ]);
  });

  it("sends a province-scoped subscriber nothing about another province's enterprise", async () => {
    const [inHcmc, inHanoi] = [await enterpriseIn("79"), await enterpriseIn("01")];
    const { subject, client } = await as({ agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: "79" });
    const hanoi = follow(client, `subscription ($t: String!) { enterpriseChanged(taxCode: $t) { taxCode name } }`, { t: inHanoi });
    const hcmc = follow(client, `subscription ($t: String!) { enterpriseChanged(taxCode: $t) { taxCode name } }`, { t: inHcmc });
    await started(subject, 2);
    await changeAddresses(ingest.hub.url, ingest.url, [inHanoi]);
    await changeAddresses(ingest.hub.url, ingest.url, [inHcmc]);
    const [event] = await hcmc.waitFor(1);
    expect(event.data.enterpriseChanged.taxCode).toBe(inHcmc);
    expect(hanoi.received).toEqual([]);
    // Nothing delivered, nothing audited: one start row each, one event row.
    expect((await auditOf(subject)).map((entry) => entry.operationType).sort()).toEqual(["subscription", "subscription", "subscription-event"]);
  });

  it("refuses the root field at the start to a principal with no record mandate on enterprises, and audits the refusal", async () => {
    const taxCode = await enterpriseIn("79");
    const { subject, client } = await as({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: "79" });
    await expect(run(client, `subscription ($t: String!) { enterpriseChanged(taxCode: $t) { name } }`, { t: taxCode })).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: "Subscription.enterpriseChanged" }) }),
    ]);
    expect(await auditOf(subject)).toEqual([
      expect.objectContaining({
        operationType: "subscription",
        outcome: "denied",
        fieldsDenied: ["Subscription.enterpriseChanged"],
        errorCodes: ["FORBIDDEN"],
      }),
    ]);
  });
});

describe("batchApplied", () => {
  const BATCH_APPLIED = `subscription ($d: String!) { batchApplied(domain: $d) { id domain agency kind period rowCount } }`;

  it("delivers the owner's own batches to the owner agency", async () => {
    const { subject, client } = await as({ agency: "bhxh", roles: ["publisher"], purposes: ["enrolment"] });
    const followed = follow(client, BATCH_APPLIED, { d: "bhxh" });
    await started(subject, 1);
    const batch = await publishEnrolment(ingest.hub.url, ingest.url, "01");
    const [event] = await followed.waitFor(1);
    expect(event.data.batchApplied).toEqual({
      id: batch.batchId,
      domain: "bhxh",
      agency: "bhxh",
      kind: "mutation",
      period: batch.period,
      rowCount: batch.taxCodes!.length,
    });
  });

  it("refuses another agency's batches, and anyone who reads no batches, at the start", async () => {
    const tax = await as({ agency: "tax", roles: ["publisher"], purposes: ["enrolment"] });
    await expect(run(tax.client, BATCH_APPLIED, { d: "bhxh" })).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    ]);
    const union = await as({ agency: "union", roles: ["analyst"], purposes: ["monitoring"], province: "79" });
    await expect(run(union.client, BATCH_APPLIED, { d: "bhxh" })).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: "Subscription.batchApplied" }) }),
    ]);
    expect(await auditOf(union.subject)).toEqual([expect.objectContaining({ outcome: "denied", fieldsDenied: ["Subscription.batchApplied"] })]);
    await expect(run(tax.client, BATCH_APPLIED, { d: "customs" })).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "domain" }) }),
    ]);
  });
});

describe("Province.enrolment", () => {
  it("answers each province's latest totals, and only its own province to a province-scoped principal", async () => {
    const query = `{ provinces { code enrolment { period units compulsoryInsured unemploymentInsured unitsInArrears } } }`;
    const national = await ingest.hub.graphql(query);
    expect(national.errors).toBeUndefined();
    const hcmc = national.data.provinces.find((p: any) => p.code === "79").enrolment;
    const { period } = hcmc;
    expect(hcmc).toEqual({ period, ...(await totals("79", period)) });
    const scoped = await ingest.hub.graphql(query, undefined, {
      authorization: `Bearer ${await tokenFor({ ...BHXH_INSPECTOR, province: "79" })}`,
      "x-purpose": "inspection",
    });
    expect(scoped.data.provinces.filter((p: any) => p.enrolment !== null).map((p: any) => p.code)).toEqual(["79"]);
    const union = await ingest.hub.graphql(query, undefined, {
      authorization: `Bearer ${await tokenFor({ agency: "union", roles: ["analyst"], purposes: ["monitoring"], province: "79" })}`,
      "x-purpose": "monitoring",
    });
    expect(new Set(union.errors!.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
  });
});

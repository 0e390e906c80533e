import fs from "node:fs";
import path from "node:path";
import { dataOf, useTestHub } from "../support/hub";
import { headersFor } from "../support/tokens";

const hub = useTestHub();

const NESTED = fs.readFileSync(path.join(__dirname, "nested-enterprises.graphql"), "utf8");

/** A provincial BHXH inspector: the one principal whose mandates cover every field of the document. */
const asProvincialInspector = () => headersFor({ agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], province: "79" });

describe("DataLoader batching", () => {
  it("runs the same number of SQL statements for 10 and 100 enterprises with every nested field", async () => {
    // Warm: the batches these rows came in are read once per process (and per execution worker, which
    // runs the larger page), then remembered.
    for (const first of [10, 100]) await hub.graphql(NESTED, { first }, await asProvincialInspector());
    const small = await hub.graphql(NESTED, { first: 10 }, await asProvincialInspector());
    const large = await hub.graphql(NESTED, { first: 100 }, await asProvincialInspector());
    expect(dataOf(small).enterprises.edges).toHaveLength(10);
    expect(dataOf(large).enterprises.edges).toHaveLength(100);
    const nodes = dataOf(large).enterprises.edges.map((e: { node: Record<string, unknown> }) => e.node);
    // The page must exercise every relation, or the count would prove nothing.
    expect(nodes.some((n: any) => n.bhxhUnit?.enrolment)).toBe(true);
    expect(nodes.some((n: any) => n.taxHeadcount)).toBe(true);
    expect(small.extensions!.stats.sqlStatements).toBe(large.extensions!.stats.sqlStatements);
    // The page with its count, labour force, tax, and BHXH units with their latest month: one per domain
    // touched, never per row. Provinces and sectors come from the reference snapshot, sources from
    // remembered batches.
    expect(large.extensions!.stats.sqlStatements).toBe(4);
  });

  it("keeps loaders per request: concurrent requests each count only their own statements", async () => {
    const headers = await asProvincialInspector();
    // Warm: batch provenance is remembered per process once read, so only the first request reads it.
    await hub.graphql(NESTED, { first: 40 }, headers);
    const responses = await Promise.all([10, 20, 30, 40].map((first) => hub.graphql(NESTED, { first }, headers)));
    const counts = responses.map((r) => r.extensions!.stats.sqlStatements);
    expect(new Set(counts).size).toBe(1);
  });
});

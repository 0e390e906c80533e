import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { DEFAULT_MANDATES_FILE } from "../../src/schema";
import { useTestHub } from "../support/hub";
import { headersFor } from "../support/tokens";

/**
 * Mandates apply between validFrom and validTo, judged at each request: one that ends stops at
 * that instant and one that starts begins at its instant, with the hub running throughout.
 */
// Long enough for a hub to start on a loaded 2-core machine before the switch.
const SWITCH_IN_MS = 12_000;
const switchAt = new Date(Date.now() + SWITCH_IN_MS + 3000);
const mandatesFile = writeMandates(switchAt);
const hub = useTestHub({ LIENTHONG_MANDATES_FILE: mandatesFile });
const asUnionAnalyst = () => headersFor({ agency: "union", roles: ["analyst"], purposes: ["monitoring"] });

/** The checked-in mandates plus one that ends and one that starts at `instant`. */
function writeMandates(instant: Date): string {
  const document = parse(fs.readFileSync(DEFAULT_MANDATES_FILE, "utf8"));
  const trial = (id: string, field: string, window: Record<string, string | null>) => ({
    id,
    grantee: { agency: "union", roles: ["analyst"] },
    owner: "registry",
    fields: [field],
    granularity: "record",
    scope: "national",
    purposes: ["monitoring"],
    legalBasis: { document: "TEST/2026", date: "2026-01-01", article: "Điều 1", title: "Văn bản thử nghiệm" },
    ...window,
  });
  document.mandates.push(
    trial("union-names-ending", "Enterprise.name", { validFrom: "2025-01-01", validTo: instant.toISOString() }),
    trial("union-status-starting", "Enterprise.status", { validFrom: instant.toISOString(), validTo: null }),
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-validity-")), "mandates.yaml");
  fs.writeFileSync(file, stringify(document));
  return file;
}

async function read(taxCode: string) {
  const response = await hub.graphql(
    `query($t: String!) { enterprise(taxCode: $t) { name status } myMandates { id applies reason } }`,
    { t: taxCode },
    await asUnionAnalyst(),
  );
  const refused = (response.errors ?? []).map((e) => e.path!.join("."));
  const mandates = Object.fromEntries((response.data!.myMandates as { id: string; applies: boolean; reason: string | null }[]).map((m) => [m.id, m]));
  return { enterprise: response.data!.enterprise, refused, mandates };
}

describe("mandate validity dates", () => {
  afterAll(() => fs.rmSync(path.dirname(mandatesFile), { recursive: true, force: true }));

  it("stops a mandate at its validTo and starts one at its validFrom, without a restart", async () => {
    const [row] = await hub.sql(`SELECT tax_code, name, status FROM registry.enterprise LIMIT 1`);

    const before = await read(row.tax_code);
    expect(Date.now()).toBeLessThan(switchAt.getTime());
    expect(before.enterprise).toEqual({ name: row.name, status: null });
    expect(before.refused).toEqual(["enterprise.status"]);
    expect(before.mandates["union-names-ending"]).toMatchObject({ applies: true, reason: null });
    expect(before.mandates["union-status-starting"].reason).toMatch(/not valid until/);

    await new Promise((resolve) => setTimeout(resolve, switchAt.getTime() - Date.now() + 50));

    const after = await read(row.tax_code);
    expect(after.enterprise).toEqual({ name: null, status: row.status });
    expect(after.refused).toEqual(["enterprise.name"]);
    expect(after.mandates["union-names-ending"].reason).toMatch(/expired/);
    expect(after.mandates["union-status-starting"]).toMatchObject({ applies: true, reason: null });
  }, 40_000);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT, runNode } from "../support/processes";
import { TAX_PUBLISHER, taxCsv, useIngestHub } from "../support/ingest";
import { tokenFor } from "../support/tokens";

/**
 * `npm run import`: the same path as POST /ingest, from a file, as the principal of a publisher's
 * token, with progress on stderr and a summary. The demo's example file imports cleanly.
 */
const ingest = useIngestHub("lienthong_ingest_cli");
const EXAMPLE = path.join(PROJECT_ROOT, "examples", "ingest", "tax-headcount.csv");
let folder: string;
let token: string;
beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-import-"));
  token = await tokenFor(TAX_PUBLISHER);
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function runImport(args: string[], env: Record<string, string> = {}) {
  return runNode("src/cli/import.js", args, { DATABASE_URL: ingest.url, ...env });
}

describe("npm run import", () => {
  it("applies the example file to the demo with progress lines and a summary, then finds it a duplicate", async () => {
    const first = runImport(["--domain", "tax", "--period", "2026-Q4", EXAMPLE], { LIENTHONG_TOKEN: token });
    expect(await first.exited).toBe(0);
    // Not a terminal here: plain progress lines instead of a bar.
    expect(first.output()).toMatch(/import: 100% read, 12 rows/);
    expect(first.output()).toMatch(/APPLIED: batch [0-9a-f-]{36}, tax 2026-Q4, 12 rows in [\d.]+ s \([\d,]+ rows\/s\), sha256 [0-9a-f]{64}/);
    const id = /APPLIED: batch ([0-9a-f-]{36})/.exec(first.output())![1];
    const [batch] = await ingest.sql(`SELECT status, kind, publisher, row_count FROM hub.batch WHERE id = $1`, [id]);
    expect(batch).toEqual({ status: "APPLIED", kind: "import", publisher: "tax-publisher-test", row_count: 12 });
    const [audit] = await ingest.sql(
      `SELECT outcome, entry::jsonb->>'operationName' AS operation FROM hub.audit_log WHERE subject = 'tax-publisher-test' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit).toEqual({ outcome: "ok", operation: "ingest:tax" });

    const again = runImport(["--domain", "tax", "--period", "2026-Q4", "--token", token, EXAMPLE]);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain(`already applied as batch ${id}; nothing was applied again`);
  });

  it("lists a rejected file's problems and exits 1, applying nothing", async () => {
    const [row] = await ingest.sql(`SELECT tax_code, province_code FROM registry.enterprise WHERE parent_tax_code IS NULL ORDER BY tax_code LIMIT 1`);
    const file = path.join(folder, "bad.csv");
    fs.writeFileSync(file, taxCsv([[row.tax_code, "2026-Q4", "OPERATING", -3, 10, "74"]]));
    const before = await ingest.state();
    const run = runImport(["--domain", "tax", "--period", "2026-Q4", "--token", token, file]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("REJECTED");
    expect(run.output()).toContain("line 2, employees: a count cannot be negative");
    expect(await ingest.state()).toEqual(before);
  });

  it("refuses a token that is not the owner's publisher's, and a bad one", async () => {
    const analyst = await tokenFor({ agency: "tax", roles: ["analyst"], purposes: ["statistics"] });
    const refused = runImport(["--domain", "tax", "--period", "2026-Q4", "--token", analyst, EXAMPLE]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("FORBIDDEN: Publishing is refused: publishing needs the role publisher");
    const forged = runImport(["--domain", "tax", "--period", "2026-Q4", "--token", `${token}x`, EXAMPLE]);
    expect(await forged.exited).toBe(1);
    expect(forged.output()).toContain("the token is refused");
  });

  it("explains its options when one is missing", async () => {
    const run = runImport(["--domain", "tax", EXAMPLE], { LIENTHONG_TOKEN: token });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("--period is required");
    expect(run.output()).toContain("Usage: npm run import");
  });
});

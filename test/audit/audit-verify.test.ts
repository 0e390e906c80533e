import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_AUDIT_KEY, databaseWithAuditedRequests, runAuditVerify, tamper } from "../support/audit";
import { onServer, queryAt } from "../support/fresh-database";
import { runNode } from "../support/processes";

const REQUESTS = 8;
const created: string[] = [];

/** A log of its own (see databaseWithAuditedRequests): row n is the request the client called `${name}-n`. */
async function auditedDatabase(name: string): Promise<string> {
  created.push(name);
  const url = await databaseWithAuditedRequests(name, REQUESTS);
  expect(await queryAt(url, "SELECT seq::int AS seq, client_request_id FROM hub.audit_log ORDER BY seq")).toEqual(
    Array.from({ length: REQUESTS }, (_, i) => ({ seq: i + 1, client_request_id: `${name}-${i + 1}` })),
  );
  return url;
}

afterAll(async () => {
  for (const name of created) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("npm run audit:verify", () => {
  it("passes an intact log of real requests and says how many rows it checked", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_intact");
    const { code, output } = await runAuditVerify(url);
    expect(output).toContain(`Audit log intact: ${REQUESTS} rows, head at ${REQUESTS}.`);
    expect(code).toBe(0);
  });

  it("names a row whose entry was altered, with its request id and time", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_altered");
    await tamper(url, `UPDATE hub.audit_log SET entry = jsonb_set(entry::jsonb, '{subject}', '"someone-else"')::text WHERE seq = 5`);
    const { code, output } = await runAuditVerify(url);
    expect(output).toMatch(
      /Audit log broken at row 5: row 5 \(request [0-9a-f-]{36}, client request lienthong_audit_tamper_altered-5, at \d{4}-\d\d-\d\dT[\d:.]+Z\) was altered/,
    );
    expect(code).toBe(1);
  });

  it("names a row that was removed from the middle", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_removed");
    await tamper(url, "DELETE FROM hub.audit_log WHERE seq = 4");
    const { code, output } = await runAuditVerify(url);
    expect(output).toMatch(
      /Audit log broken at row 4: row 4 was removed: the log jumps from row 3 \(request [0-9a-f-]{36}, client request lienthong_audit_tamper_removed-3, .*\) to row 5 /,
    );
    expect(code).toBe(1);
  });

  it("names the first of two rows that swapped places", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_reordered");
    await tamper(
      url,
      `UPDATE hub.audit_log a SET entry = b.entry, prev_hash = b.prev_hash, hash = b.hash
         FROM hub.audit_log b WHERE (a.seq, b.seq) IN ((3, 4), (4, 3))`,
    );
    const { code, output } = await runAuditVerify(url);
    expect(output).toMatch(
      /Audit log broken at row 3: row 3 \(request [0-9a-f-]{36}, client request lienthong_audit_tamper_reordered-4, .*\) holds the row written as row 4/,
    );
    expect(code).toBe(1);
  });

  it("detects that the newest rows were removed, from the head anchored outside the log", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_newest");
    await tamper(url, "DELETE FROM hub.audit_log WHERE seq > 6");
    const { code, output } = await runAuditVerify(url);
    expect(output).toMatch(
      /Audit log broken at row 7: rows 7–8 were removed: the head records row 8, but the log ends at row 6 \(request [0-9a-f-]{36}, client request lienthong_audit_tamper_newest-6, /,
    );
    expect(code).toBe(1);
  });

  it("detects a head rewound along with the removed rows, by its MAC", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_rewound");
    await tamper(url, "DELETE FROM hub.audit_log WHERE seq > 6; UPDATE hub.audit_head SET seq = 6, hash = (SELECT hash FROM hub.audit_log WHERE seq = 6)");
    const { code, output } = await runAuditVerify(url);
    expect(output).toContain("Audit log broken at row 6: the chain's head (hub.audit_head, row 6) was altered: its MAC does not match.");
    expect(code).toBe(1);
  });

  it("detects a head removed along with the newest rows", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_headless");
    await tamper(url, "DELETE FROM hub.audit_log WHERE seq > 6; DELETE FROM hub.audit_head");
    const { code, output } = await runAuditVerify(url);
    expect(output).toMatch(
      /Audit log broken at row 6: the chain's head \(hub.audit_head\) is missing while the log ends at row 6 \(request [0-9a-f-]{36}, client request lienthong_audit_tamper_headless-6, /,
    );
    expect(code).toBe(1);
  });

  it("says to check the key when checked with another key than the hub's", async () => {
    const url = await auditedDatabase("lienthong_audit_tamper_key");
    const { code, output } = await runAuditVerify(url, { key: "not-the-key-the-hub-writes-with-0123456789" });
    expect(output).toContain("Audit log broken at row 1:");
    expect(output).toContain("check that the audit key is the one the hub writes with");
    expect(code).toBe(1);
  });

  it("explains itself with --help, and exits 2 when it cannot check", async () => {
    const help = runNode("src/cli/audit-verify.js", ["--help"], {});
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain("Usage: npm run audit:verify");

    const unknown = runNode("src/cli/audit-verify.js", ["--fast"], {});
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toContain('unknown argument "--fast"');

    const emptyDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-no-key-"));
    try {
      const keyless = runNode("src/cli/audit-verify.js", [], {
        DATABASE_URL: "postgres://127.0.0.1:1/none",
        LIENTHONG_AUDIT_KEY: "",
        LIENTHONG_DATA_DIR: emptyDataDir,
      });
      expect(await keyless.exited).toBe(2);
      expect(keyless.output()).toContain("no audit key: LIENTHONG_AUDIT_KEY is not set");
    } finally {
      fs.rmSync(emptyDataDir, { recursive: true, force: true });
    }

    const unreachable = runNode("src/cli/audit-verify.js", [], { DATABASE_URL: "postgres://127.0.0.1:1/none", LIENTHONG_AUDIT_KEY: TEST_AUDIT_KEY });
    expect(await unreachable.exited).toBe(2);
    expect(unreachable.output()).toContain("the database could not be opened");
  });
});

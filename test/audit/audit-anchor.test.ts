import fs from "node:fs";
import { verifyAuditChain } from "../../src/audit";
import { TEST_AUDIT_KEY, anchorFileOf, auditedRequests, databaseWithAuditedRequests, runAuditVerify, tamper } from "../support/audit";
import { onServer, queryAt } from "../support/fresh-database";
import { runNode } from "../support/processes";

const created: string[] = [];

/** A log of its own whose hub wrote `requests` rows and keeps its anchor file at anchorFileOf(url). */
async function auditedDatabase(name: string, requests: number): Promise<{ url: string; anchorFile: string }> {
  created.push(name);
  const url = await databaseWithAuditedRequests(name, requests);
  return { url, anchorFile: anchorFileOf(url) };
}

function readAnchor(file: string): { seq: number; hash: string; mac: string; at: string } {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

async function hashOfRow(url: string, seq: number): Promise<string> {
  const [row] = await queryAt<{ hash: string }>(url, "SELECT hash FROM hub.audit_log WHERE seq = $1", [seq]);
  return row.hash;
}

/** What a database superuser can do without the key: drop the rows after `saved` and put that saved head row back. */
async function rewindTo(url: string, saved: { seq: string; hash: string; mac: string; updated_at: Date }): Promise<void> {
  await tamper(
    url,
    `WITH removed AS (DELETE FROM hub.audit_log WHERE seq > $1)
     UPDATE hub.audit_head SET seq = $1, hash = $2, mac = $3, updated_at = $4`,
    [saved.seq, saved.hash, saved.mac, saved.updated_at],
  );
}

afterAll(async () => {
  for (const name of created) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("the audit anchor file outside the database", () => {
  it("names the newest head the hub committed, with a MAC, and verification says it agrees", async () => {
    const { url, anchorFile } = await auditedDatabase("lienthong_audit_anchor_intact", 4);
    const [head] = await queryAt(url, "SELECT seq::int AS seq, hash, mac FROM hub.audit_head");
    expect(readAnchor(anchorFile)).toEqual({ seq: 4, hash: head.hash, mac: head.mac, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) });

    const { code, output } = await runAuditVerify(url);
    expect(output).toContain("Audit log intact: 4 rows, head at 4.");
    expect(output).toContain(`The anchor file ${anchorFile} agrees: the log still holds row 4 as the hub committed it.`);
    expect(code).toBe(0);
  });

  it("catches a database rewound to an earlier head row, which the database alone cannot show", async () => {
    const { url, anchorFile } = await auditedDatabase("lienthong_audit_anchor_replay", 5);
    const [saved] = await queryAt(url, "SELECT seq, hash, mac, updated_at FROM hub.audit_head");
    await auditedRequests(url, 6, 9);
    const hashOfRow9 = await hashOfRow(url, 9);
    await rewindTo(url, saved);

    // The limit this file closes: the rewound head carries a valid MAC and matches the log's last row.
    const databaseOnly = await runAuditVerify(url, { args: ["--no-anchor"] });
    expect(databaseOnly.output).toContain("Audit log intact: 5 rows, head at 5.");
    expect(databaseOnly.output).toContain("The anchor file was not checked (--no-anchor): only the database head was.");
    expect(databaseOnly.code).toBe(0);

    const { code, output } = await runAuditVerify(url);
    expect(output).toContain(
      `Audit log broken at row 6: rows 6–9 are missing: the anchor file outside the database (${anchorFile}) saw row 9 with hash ${hashOfRow9} (written `,
    );
    expect(output).toContain("the database's head is at 5.");
    expect(code).toBe(1);
  });

  it("keeps the rewound anchor as evidence when the hub writes on past it", async () => {
    const { url, anchorFile } = await auditedDatabase("lienthong_audit_anchor_writes_on", 3);
    const [saved] = await queryAt(url, "SELECT seq, hash, mac, updated_at FROM hub.audit_head");
    await auditedRequests(url, 4, 6);
    const seen = readAnchor(anchorFile);
    expect(seen.seq).toBe(6);
    await rewindTo(url, saved);

    // The hub continues the chain from the rewound head: rows 4–8 again, with other content.
    await auditedRequests(url, 4, 8);
    expect(readAnchor(anchorFile)).toEqual(seen);
    const { code, output } = await runAuditVerify(url);
    expect(output).toMatch(
      /Audit log broken at row 6: row 6 \(request [0-9a-f-]{36}, client request lienthong_audit_anchor_writes_on-6, at [^)]+\) differs from what the anchor file outside the database \(.*\) saw/,
    );
    expect(output).toContain(`the file has row 6 with hash ${seen.hash}`);
    expect(code).toBe(1);
  });

  it("reports an anchor file altered by hand, whose MAC no longer matches", async () => {
    const { url, anchorFile } = await auditedDatabase("lienthong_audit_anchor_altered", 4);
    // Someone moves the file back a row, keeping the MAC they cannot recompute.
    fs.writeFileSync(anchorFile, JSON.stringify({ ...readAnchor(anchorFile), seq: 3, hash: await hashOfRow(url, 3) }));
    const { code, output } = await runAuditVerify(url);
    expect(output).toContain(`Audit log broken at row 3: the anchor file outside the database (${anchorFile}) was altered: its MAC does not match`);
    expect(code).toBe(1);
    const result = await verifyAuditChain(url, TEST_AUDIT_KEY, { anchorFile });
    expect(result).toMatchObject({ ok: false, problem: { kind: "anchor-altered", seq: 3 } });

    fs.writeFileSync(anchorFile, "not an anchor");
    const garbled = await runAuditVerify(url);
    expect(garbled.output).toContain(`the anchor file outside the database (${anchorFile}) was altered: it is not JSON.`);
    expect(garbled.code).toBe(1);
  });

  it("accepts an anchor file that lags behind the database, and says when there is none", async () => {
    const { url, anchorFile } = await auditedDatabase("lienthong_audit_anchor_lagging", 3);
    const older = fs.readFileSync(anchorFile);
    await auditedRequests(url, 4, 6);
    expect(readAnchor(anchorFile).seq).toBe(6);
    // As after a crash, or a restore of the hub's machine from a backup.
    fs.writeFileSync(anchorFile, older);
    const lagging = await runAuditVerify(url);
    expect(lagging.output).toContain("Audit log intact: 6 rows, head at 6.");
    expect(lagging.output).toContain(`The anchor file ${anchorFile} agrees: the log still holds row 3 as the hub committed it. It lags behind the head`);
    expect(lagging.code).toBe(0);

    const elsewhere = `${anchorFile}.not-here`;
    const missing = await runAuditVerify(url, { args: ["--anchor", elsewhere] });
    expect(missing.output).toContain("Audit log intact: 6 rows, head at 6.");
    expect(missing.output).toContain(`No anchor file at ${elsewhere}; only the database head was checked.`);
    expect(missing.code).toBe(0);
  });

  it("documents --anchor and --no-anchor, and refuses them together", async () => {
    const help = runNode("src/cli/audit-verify.js", ["--help"], {});
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain("--anchor <file>");
    expect(help.output()).toContain("--no-anchor");

    const both = runNode("src/cli/audit-verify.js", ["--no-anchor", "--anchor", "/tmp/anchor.json"], {});
    expect(await both.exited).toBe(2);
    expect(both.output()).toContain("give --anchor or --no-anchor once, not both");

    const valueless = runNode("src/cli/audit-verify.js", ["--anchor"], {});
    expect(await valueless.exited).toBe(2);
    expect(valueless.output()).toContain("--anchor needs the anchor file's path");
  });
});

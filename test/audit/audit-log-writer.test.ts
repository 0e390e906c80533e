import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AuditLog, headMac, readAnchorFile, verifyAuditChain } from "../../src/audit";
import { openDatabase, type OpenDatabase } from "../../src/database";
import { TEST_AUDIT_KEY, sampleEntry, tamper } from "../support/audit";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";

const DATABASE = "lienthong_audit_writer";

function open(url: string): Promise<OpenDatabase> {
  return openDatabase({ databaseUrl: url, dataDir: "/nonexistent", embeddedPgPort: 1, poolSize: 4, log: () => undefined });
}

describe("the audit log writer", () => {
  let url: string;
  let database: OpenDatabase;
  let audit: AuditLog;
  beforeAll(async () => {
    url = await freshDatabase(DATABASE);
    database = await open(url);
    audit = new AuditLog(database.db, TEST_AUDIT_KEY);
  });
  afterAll(async () => {
    await audit.close();
    await database.close();
    await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  });

  it("resolves record() only when the row is committed, visible to any other connection", async () => {
    const entry = sampleEntry({ requestId: "visible-at-once" });
    await audit.record(entry);
    const rows = await queryAt(url, "SELECT seq, prev_hash, at, request_id, agency, outcome, domains FROM hub.audit_log WHERE request_id = $1", [
      "visible-at-once",
    ]);
    expect(rows).toEqual([
      { seq: "1", prev_hash: "0".repeat(64), at: entry.at, request_id: "visible-at-once", agency: "labour", outcome: "ok", domains: ["registry"] },
    ]);
  });

  it("writes 2,000 concurrent entries in a few transactions, numbered on without a gap", async () => {
    const before = audit.stats();
    const [{ max }] = await queryAt(url, "SELECT max(seq)::int AS max FROM hub.audit_log");
    await Promise.all(Array.from({ length: 2000 }, (_, i) => audit.record(sampleEntry({ requestId: `burst-${i}` }))));
    const after = audit.stats();
    expect(after.rows - before.rows).toBe(2000);
    // Group commit: one transaction per queue-full, not per entry.
    expect(after.flushes - before.flushes).toBeLessThanOrEqual(4);
    const [range] = await queryAt(
      url,
      "SELECT min(seq)::int AS min, max(seq)::int AS max, count(*)::int AS count FROM hub.audit_log WHERE request_id LIKE 'burst-%'",
    );
    expect(range).toEqual({ min: max + 1, max: max + 2000, count: 2000 });
    expect(await verifyAuditChain(url, TEST_AUDIT_KEY)).toEqual({ ok: true, rows: max + 2000, headSeq: max + 2000 });
  });

  it("stores strings PostgreSQL's jsonb refuses (NUL, lone surrogates) without failing the request", async () => {
    await audit.record(sampleEntry({ requestId: "odd-strings", subject: "a\u0000b\ud800c", variables: { "k\u0000": "\udc00" } }));
    const [row] = await queryAt(url, "SELECT subject, entry::jsonb -> 'variables' AS variables FROM hub.audit_log WHERE request_id = 'odd-strings'");
    expect(row).toEqual({ subject: "a\uFFFDb\uFFFDc", variables: { "k\uFFFD": "\uFFFD" } });
  });

  it("keeps one unbroken chain when two hub replicas write to the same database at once", async () => {
    const replica = await open(url);
    const other = new AuditLog(replica.db, TEST_AUDIT_KEY);
    try {
      await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? audit : other).record(sampleEntry({ requestId: `replica-${i % 2}-${i}` }))));
      const result = await verifyAuditChain(url, TEST_AUDIT_KEY);
      expect(result.ok).toBe(true);
      const [{ count }] = await queryAt(url, "SELECT count(*)::int AS count FROM hub.audit_log WHERE request_id LIKE 'replica-%'");
      expect(count).toBe(300);
    } finally {
      await other.close();
      await replica.close();
    }
  });

  it("rejects every record() of a failed transaction; the next one continues from the real head", async () => {
    const errors: string[] = [];
    const failing = new AuditLog(database.db, TEST_AUDIT_KEY, (line) => errors.push(line));
    // A constraint the test adds makes the database refuse one entry, and with it the whole transaction.
    await queryAt(url, "ALTER TABLE hub.audit_log ADD CONSTRAINT test_poison CHECK (request_id <> 'poison')");
    try {
      const [{ max: headBefore }] = await queryAt(url, "SELECT max(seq)::int AS max FROM hub.audit_log");
      const outcomes = await Promise.allSettled(["before-poison", "poison", "after-poison"].map((requestId) => failing.record(sampleEntry({ requestId }))));
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(String((outcomes[0] as PromiseRejectedResult).reason.message)).toMatch(/^The audit log could not be written: .*test_poison/);
      expect(errors).toEqual([expect.stringMatching(/^audit: 3 row\(s\) not written/)]);
      expect(failing.stats()).toEqual({ flushes: 0, rows: 0, failedFlushes: 1 });

      await failing.record(sampleEntry({ requestId: "recovered" }));
      const [row] = await queryAt(url, "SELECT seq::int AS seq FROM hub.audit_log WHERE request_id = 'recovered'");
      expect(row.seq).toBe(headBefore + 1);
      expect((await verifyAuditChain(url, TEST_AUDIT_KEY)).ok).toBe(true);
    } finally {
      await queryAt(url, "ALTER TABLE hub.audit_log DROP CONSTRAINT test_poison");
      await failing.close();
    }
  });

  it("writes what was recorded before close(), and refuses what comes after", async () => {
    const closing = new AuditLog(database.db, TEST_AUDIT_KEY);
    const pending = closing.record(sampleEntry({ requestId: "just-before-close" }));
    await closing.close();
    await expect(pending).resolves.toBeUndefined();
    expect(await queryAt(url, "SELECT 1 FROM hub.audit_log WHERE request_id = 'just-before-close'")).toHaveLength(1);
    await expect(closing.record(sampleEntry())).rejects.toThrow("The audit log is closed");
  });

  describe("with an anchor file", () => {
    let folder: string;
    beforeAll(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-anchor-"));
    });
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

    it("keeps the file at the newest head when two replicas share it, and never moves it back", async () => {
      const anchorFile = path.join(folder, "shared", "audit-anchor.json");
      const replica = await open(url);
      const first = new AuditLog(database.db, TEST_AUDIT_KEY, () => undefined, { anchorFile });
      const second = new AuditLog(replica.db, TEST_AUDIT_KEY, () => undefined, { anchorFile });
      try {
        await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? first : second).record(sampleEntry({ requestId: `anchored-${i}` }))));
      } finally {
        await first.close();
        await second.close();
        await replica.close();
      }
      // Two replicas renaming at the same instant may leave the file a little behind, never ahead or invalid.
      const [{ head }] = await queryAt(url, "SELECT seq::int AS head FROM hub.audit_head");
      const shared = await readAnchorFile(anchorFile, TEST_AUDIT_KEY);
      expect(shared.state).toBe("valid");
      expect(shared.state === "valid" && shared.anchor.seq).toBeLessThanOrEqual(head);
      expect(await verifyAuditChain(url, TEST_AUDIT_KEY, { anchorFile })).toMatchObject({ ok: true, headSeq: head });

      // The next commit moves a lagging file on to the head.
      const next = new AuditLog(database.db, TEST_AUDIT_KEY, () => undefined, { anchorFile });
      await next.record(sampleEntry());
      await next.close();
      expect(await readAnchorFile(anchorFile, TEST_AUDIT_KEY)).toMatchObject({ state: "valid", anchor: { seq: head + 1 } });
    });

    it("writes the file at most once a second under a stream of commits, and at the last head when closed", async () => {
      const anchorFolder = fs.mkdtempSync(path.join(folder, "paced-"));
      const anchorFile = path.join(anchorFolder, "audit-anchor.json");
      // Each write goes through a temporary file of its own, created once: count those.
      const temporaries = new Set<string>();
      const watcher = fs.watch(anchorFolder, (_event, name) => {
        if (name?.endsWith(".tmp")) temporaries.add(name);
      });
      const paced = new AuditLog(database.db, TEST_AUDIT_KEY, () => undefined, { anchorFile });
      const started = Date.now();
      try {
        for (let i = 0; i < 60; i++) await paced.record(sampleEntry({ requestId: `paced-${i}` }));
      } finally {
        await paced.close();
      }
      const elapsedSeconds = (Date.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 100));
      watcher.close();
      expect(paced.stats().flushes).toBe(60);
      // The first commit is written at once, then one a second at most, and the last one on close.
      expect(temporaries.size).toBeGreaterThanOrEqual(1);
      expect(temporaries.size).toBeLessThanOrEqual(2 + Math.floor(elapsedSeconds));
      const [{ head }] = await queryAt(url, "SELECT seq::int AS head FROM hub.audit_head");
      expect(await readAnchorFile(anchorFile, TEST_AUDIT_KEY)).toMatchObject({ state: "valid", anchor: { seq: head } });
    });

    it("leaves a file that names a newer row than the one it committed", async () => {
      const anchorFile = path.join(folder, "ahead.json");
      const [{ head }] = await queryAt(url, "SELECT seq::int AS head FROM hub.audit_head");
      const seq = head + 1000;
      const ahead = { seq, hash: "f".repeat(64), mac: headMac(TEST_AUDIT_KEY, seq, "f".repeat(64)), at: new Date().toISOString() };
      fs.writeFileSync(anchorFile, JSON.stringify(ahead));
      const behind = new AuditLog(database.db, TEST_AUDIT_KEY, () => undefined, { anchorFile });
      await behind.record(sampleEntry());
      await behind.close();
      expect(await readAnchorFile(anchorFile, TEST_AUDIT_KEY)).toEqual({ state: "valid", anchor: ahead });
    });

    it("answers every request when the file cannot be written, and says so once per burst", async () => {
      const notAFolder = path.join(folder, "not-a-folder");
      fs.writeFileSync(notAFolder, "");
      const lines: string[] = [];
      const anchored = new AuditLog(database.db, TEST_AUDIT_KEY, (line) => lines.push(line), { anchorFile: path.join(notAFolder, "audit-anchor.json") });
      try {
        for (let i = 0; i < 3; i++) await anchored.record(sampleEntry({ requestId: `unanchored-${i}` }));
      } finally {
        await anchored.close();
      }
      expect(lines).toEqual([expect.stringMatching(/^audit: the anchor file .*not-a-folder\/audit-anchor\.json could not be written \(.*\); requests go on/)]);
      expect(await queryAt(url, "SELECT 1 FROM hub.audit_log WHERE request_id LIKE 'unanchored-%'")).toHaveLength(3);
    });

    it("replaces a file it did not write, and says so", async () => {
      const anchorFile = path.join(folder, "foreign.json");
      fs.writeFileSync(anchorFile, JSON.stringify({ seq: 1e9, hash: "f".repeat(64), mac: "0".repeat(64), at: "never" }));
      const lines: string[] = [];
      const anchored = new AuditLog(database.db, TEST_AUDIT_KEY, (line) => lines.push(line), { anchorFile });
      await anchored.record(sampleEntry());
      await anchored.close();
      const [{ head }] = await queryAt(url, "SELECT seq::int AS head FROM hub.audit_head");
      expect(await readAnchorFile(anchorFile, TEST_AUDIT_KEY)).toMatchObject({ state: "valid", anchor: { seq: head } });
      expect(lines).toEqual([expect.stringContaining("which was not one this hub wrote: its MAC does not match")]);
    });
  });

  // Last: these leave the chain broken on purpose.
  it("refuses to extend a chain whose head carries a wrong MAC, which would hide the tampering", async () => {
    await tamper(url, "UPDATE hub.audit_head SET mac = repeat('0', 64)");
    await expect(audit.record(sampleEntry())).rejects.toThrow(/does not carry a valid MAC: it was altered, or the hub runs with another audit key/);
  });

  it("refuses to start a new chain over rows whose head was removed", async () => {
    await tamper(url, "DELETE FROM hub.audit_head");
    await expect(audit.record(sampleEntry())).rejects.toThrow("hub.audit_head is missing while hub.audit_log holds rows");
  });
});

import { databaseWithAuditedRequests, runAuditVerify } from "../support/audit";
import { onServer, queryAt } from "../support/fresh-database";

const DATABASE = "lienthong_audit_tamper_append";

describe("the audit log's tables in PostgreSQL", () => {
  let url: string;
  beforeAll(async () => {
    url = await databaseWithAuditedRequests(DATABASE, 3);
  });
  afterAll(() => onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));

  it.each([
    ["UPDATE", "UPDATE hub.audit_log SET entry = entry WHERE seq = 2"],
    ["DELETE", "DELETE FROM hub.audit_log WHERE seq = 2"],
    ["TRUNCATE", "TRUNCATE hub.audit_log"],
  ])("refuses %s of audit rows, even to the superuser", async (operation, sql) => {
    await expect(queryAt(url, sql)).rejects.toThrow(`hub.audit_log is append-only: ${operation} is refused`);
  });

  it("refuses an UPDATE or DELETE that matches no row, so no one can probe it quietly", async () => {
    await expect(queryAt(url, "DELETE FROM hub.audit_log WHERE seq < 0")).rejects.toThrow("hub.audit_log is append-only");
  });

  it("derives the queryable columns from the hashed entry; they cannot be written on their own", async () => {
    const [row] = await queryAt(url, "SELECT seq, entry, prev_hash, hash FROM hub.audit_log WHERE seq = 1");
    await expect(
      queryAt(url, "INSERT INTO hub.audit_log (seq, entry, prev_hash, hash, agency) VALUES (99, $1, $2, $3, 'tax')", [row.entry, row.prev_hash, row.hash]),
    ).rejects.toThrow('cannot insert a non-DEFAULT value into column "agency"');
  });

  it.each([
    ["moving it back", "UPDATE hub.audit_head SET seq = seq - 1", "seq 3 may not become 2"],
    ["DELETE", "DELETE FROM hub.audit_head", "DELETE is refused"],
    ["TRUNCATE", "TRUNCATE hub.audit_head", "TRUNCATE is refused"],
  ])("refuses %s of the chain's head", async (_what, sql, reason) => {
    await expect(queryAt(url, sql)).rejects.toThrow(`hub.audit_head only moves forward: ${reason}`);
  });

  it("leaves the chain intact after all those attempts", async () => {
    const { code, output } = await runAuditVerify(url);
    expect(output).toContain("Audit log intact: 3 rows, head at 3.");
    expect(code).toBe(0);
  });
});

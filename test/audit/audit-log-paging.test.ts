import "reflect-metadata";
import { AuditLog, GENESIS_HASH, canonicalEntry, chainHash, headMac, verifyAuditChain } from "../../src/audit";
import { openDatabase } from "../../src/database";
import { TEST_AUDIT_KEY, anchorFileOf, sampleEntry } from "../support/audit";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { dataOf, startTestHub, type TestHub } from "../support/hub";
import { headersFor, type TestClaims } from "../support/tokens";

/** A log of its own, so that its numbers start at 1 and cross from three digits to four. */
const DATABASE = "lienthong_audit_paging";
const SUBJECT = "paging-writer";
const WRITTEN = 1050;
const OPERATOR: TestClaims = { agency: "bhxh", roles: ["operator"], purposes: ["monitoring"], sub: "paging-operator" };

const PAGE = `query Page($after: String) {
  auditLog(filter: { subject: "${SUBJECT}" }, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { seq requestId clientRequestId provincesReturned } }
  }
}`;

let url: string;
let hub: TestHub;

/**
 * Row 1 is appended by hand as the hub wrote entries before clientRequestId and provincesReturned
 * existed; then the writer chains 1,050 rows of today's shape onto it.
 */
beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  const database = await openDatabase({ databaseUrl: url, dataDir: "/nonexistent", embeddedPgPort: 1, poolSize: 4, log: () => undefined });
  try {
    const {
      clientRequestId: _client,
      provincesReturned: _provinces,
      ...older
    } = JSON.parse(canonicalEntry(sampleEntry({ requestId: "written-before-upgrade", subject: SUBJECT })));
    const entry = JSON.stringify(older);
    const hash = chainHash(TEST_AUDIT_KEY, 1, GENESIS_HASH, entry);
    await queryAt(url, "INSERT INTO hub.audit_log (seq, entry, prev_hash, hash) VALUES (1, $1, $2, $3)", [entry, GENESIS_HASH, hash]);
    await queryAt(url, "INSERT INTO hub.audit_head (seq, hash, mac) VALUES (1, $1, $2)", [hash, headMac(TEST_AUDIT_KEY, 1, hash)]);
    const writer = new AuditLog(database.db, TEST_AUDIT_KEY);
    await Promise.all(Array.from({ length: WRITTEN }, (_, i) => writer.record(sampleEntry({ requestId: `paged-${i + 2}`, subject: SUBJECT }))));
    await writer.close();
  } finally {
    await database.close();
  }
  hub = await startTestHub({ DATABASE_URL: url, LIENTHONG_AUDIT_KEY: TEST_AUDIT_KEY, LIENTHONG_AUDIT_ANCHOR_FILE: anchorFileOf(url) });
});

afterAll(async () => {
  await hub?.stop();
  await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

/** Every row of SUBJECT, page after page of 100 as a client would read them, checking the count on each page. */
async function readAllPages(): Promise<{ seq: string; requestId: string; clientRequestId: string | null; provincesReturned: string[] }[]> {
  const nodes = [];
  let after: string | undefined;
  for (let page = 0; page < 20; page++) {
    const { auditLog } = dataOf(await hub.graphql(PAGE, { after }, await headersFor(OPERATOR)));
    expect(auditLog.totalCount).toBe(WRITTEN + 1);
    nodes.push(...auditLog.edges.map((edge: any) => edge.node));
    if (!auditLog.pageInfo.hasNextPage) break;
    after = auditLog.pageInfo.endCursor;
  }
  return nodes;
}

describe("paging through a long audit log", () => {
  it("reaches every one of more than 1,000 rows exactly once, newest first in numeric order", async () => {
    const seqs = (await readAllPages()).map((node) => Number(node.seq));
    expect(seqs).toEqual(Array.from({ length: WRITTEN + 1 }, (_, i) => WRITTEN + 1 - i));
  });

  it("reads and verifies rows written before clientRequestId and provincesReturned existed", async () => {
    const oldest = (await readAllPages()).at(-1);
    expect(oldest).toEqual({ seq: "1", requestId: "written-before-upgrade", clientRequestId: null, provincesReturned: [] });
    expect(await verifyAuditChain(url, TEST_AUDIT_KEY)).toMatchObject({ ok: true, rows: WRITTEN + 1 + (await hubRowsSoFar()) });
  });
});

/** Rows the test hub itself wrote for the auditLog requests so far: other subjects than SUBJECT. */
async function hubRowsSoFar(): Promise<number> {
  const [row] = await queryAt(url, "SELECT count(*)::int AS count FROM hub.audit_log WHERE subject IS DISTINCT FROM $1", [SUBJECT]);
  return row.count;
}

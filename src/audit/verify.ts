import pg from "pg";
import type { Database } from "../database";
import { readAnchorFile, type AnchorReading, type AuditAnchor } from "./anchor-file";
import { GENESIS_HASH, chainHash, headMac, sameDigest } from "./chain";

export type AuditProblemKind = "altered" | "removed" | "out-of-order" | "head-missing" | "head-altered" | "newest-removed" | "anchor-altered";

/** The first place the chain does not hold, named so that an operator can find it. */
export interface AuditProblem {
  /** The first row concerned (for removed rows: the first missing number). */
  seq: number;
  kind: AuditProblemKind;
  /** What is wrong, naming the row with its time and request id when known; starts in lower case ("row 57 … was altered"). */
  message: string;
}

/** The anchor file verification was given, and what it held. */
export interface AnchorCheck {
  file: string;
  /** False when there is no file there: only the database head was checked. */
  found: boolean;
  /**
   * The row a valid file names. Below the head is normal: the file lags after a crash, or when
   * another replica on the machine wrote last.
   */
  seq?: number;
}

/** `rows`: rows found intact, in order (before the problem, when there is one). `anchor`: only when an anchor file was given. */
export type AuditVerification =
  { ok: true; rows: number; headSeq: number; anchor?: AnchorCheck } | { ok: false; rows: number; problem: AuditProblem; anchor?: AnchorCheck };

export interface VerifyOptions {
  /** Rows fetched per round trip; memory stays bounded by it however long the log is. */
  batchSize?: number;
  /** Called after each batch with the rows checked so far and the head's row count. */
  onProgress?(checked: number, expected: number): void;
  /**
   * The hub's anchor file (anchor-file.ts). When it exists, the database must still hold the row it
   * names, unchanged, which catches a database rewound to an earlier head. A missing file is no problem.
   */
  anchorFile?: string;
}

interface StoredRow {
  seq: number;
  entry: string;
  prevHash: string;
  hash: string;
}

interface AnchorFile {
  file: string;
  reading: AnchorReading;
}

interface Head {
  seq: number;
  hash: string;
  macValid: boolean;
}

/**
 * Walks hub.audit_log in seq order and checks every link of the chain, then the head anchored in
 * hub.audit_head, then the anchor file when one is given. Reads one consistent snapshot through a
 * cursor, so the hub may keep writing and the log may hold millions of rows. `target` is the hub's
 * Database or a PostgreSQL URL.
 */
export async function verifyAuditChain(target: Database | string, key: string, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = Math.max(1, Math.trunc(options.batchSize ?? 5000));
  // Read before the snapshot is taken: the hub writes the file after its commit, so the snapshot
  // then holds every row the file can name. Read after, a busy hub's file could be ahead of it.
  const anchor = options.anchorFile === undefined ? undefined : { file: options.anchorFile, reading: await readAnchorFile(options.anchorFile, key) };
  const anchoredSeq = anchor?.reading.state === "valid" ? anchor.reading.anchor.seq : undefined;
  const reported = anchor ? { anchor: anchorCheck(anchor) } : {};
  const client = new pg.Client({ connectionString: typeof target === "string" ? target : target.url, application_name: "lienthong-audit-verify" });
  // A connection lost mid-walk fails the pending query; without a listener it would also crash the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = await readHead(client, key);
    const walk = new ChainWalk(key);
    // The row the anchor file names, as the database holds it; kept while walking past it.
    let anchoredRow: StoredRow | undefined;
    await client.query("DECLARE audit_walk NO SCROLL CURSOR FOR SELECT seq, entry, prev_hash, hash FROM hub.audit_log ORDER BY seq");
    const fetchBatch = () => client.query(`FETCH ${batchSize} FROM audit_walk`).then((result) => result.rows.map(toStoredRow));
    let next = fetchBatch();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      // Fetch the next batch while this one is hashed. Caught here so an early return cannot leave it unhandled.
      next = fetchBatch();
      next.catch(() => undefined);
      for (const row of rows) {
        const problem = walk.check(row);
        if (problem) return { ok: false, rows: walk.intact, problem: withKeyHint(problem, head, walk), ...reported };
        if (row.seq === anchoredSeq) anchoredRow = row;
      }
      options.onProgress?.(walk.intact, head?.seq ?? 0);
    }
    await client.query("COMMIT");
    const problem = checkHead(head, walk) ?? (anchor && checkAnchor(anchor, anchoredRow, walk));
    return problem ? { ok: false, rows: walk.intact, problem, ...reported } : { ok: true, rows: walk.intact, headSeq: head?.seq ?? 0, ...reported };
  } finally {
    await client.end();
  }
}

/** Follows the chain row by row, remembering the last intact row. */
class ChainWalk {
  intact = 0;
  last: StoredRow | undefined;

  constructor(private readonly key: string) {}

  /** The first problem `row` shows as the successor of the last intact row, or undefined. */
  check(row: StoredRow): AuditProblem | undefined {
    const expected = (this.last?.seq ?? 0) + 1;
    if (row.seq !== expected) return this.gap(expected, row);
    if (!sameDigest(row.hash, chainHash(this.key, row.seq, row.prevHash, row.entry))) {
      const writtenAs = this.writtenAs(row);
      if (writtenAs === undefined) {
        return { seq: row.seq, kind: "altered", message: `${rowLabel(row)} was altered: its hash does not match its content.` };
      }
      return {
        seq: row.seq,
        kind: "out-of-order",
        message: `${rowLabel(row)} holds the row written as row ${writtenAs}: rows were moved, or removed or inserted and renumbered.`,
      };
    }
    if (!sameDigest(row.prevHash, this.last?.hash ?? GENESIS_HASH)) {
      return { seq: row.seq, kind: "out-of-order", message: `${rowLabel(row)} does not follow row ${row.seq - 1}: it was inserted or moved out of order.` };
    }
    this.last = row;
    this.intact += 1;
    return undefined;
  }

  private gap(expected: number, row: StoredRow): AuditProblem {
    const where = this.last ? `jumps from ${rowLabel(this.last)} to ${rowLabel(row)}` : `starts at ${rowLabel(row)}`;
    return { seq: expected, kind: "removed", message: `${rowRange(expected, row.seq - 1, "was", "were")} removed: the log ${where}.` };
  }

  /**
   * The seq under which an authentic row was written, searched near where it now lies; undefined
   * when its content matches no nearby position (it was altered, not moved).
   */
  private writtenAs(row: StoredRow): number | undefined {
    for (let distance = 1; distance <= MOVE_SEARCH_WINDOW; distance++) {
      for (const seq of [row.seq + distance, row.seq - distance]) {
        if (seq >= 1 && sameDigest(row.hash, chainHash(this.key, seq, row.prevHash, row.entry))) return seq;
      }
    }
    return undefined;
  }
}

/** How far from its place a moved row is looked for: 2,000 HMACs, a few milliseconds, spent only on a broken row. */
const MOVE_SEARCH_WINDOW = 1000;

/** After a clean walk: the head must exist when rows do, carry a valid MAC, and point at the last row. */
function checkHead(head: Head | undefined, walk: ChainWalk): AuditProblem | undefined {
  const last = walk.last;
  if (!head) {
    if (!last) return undefined;
    return {
      seq: last.seq,
      kind: "head-missing",
      message: `the chain's head (hub.audit_head) is missing while the log ends at ${rowLabel(last)}: the anchor was removed, so removal of the newest rows cannot be ruled out.`,
    };
  }
  if (!head.macValid) {
    return {
      seq: head.seq,
      kind: "head-altered",
      message: `the chain's head (hub.audit_head, row ${head.seq}) was altered: its MAC does not match.${last ? ` The log ends at ${rowLabel(last)}.` : ""}`,
    };
  }
  const lastSeq = last?.seq ?? 0;
  if (head.seq > lastSeq) {
    return {
      seq: lastSeq + 1,
      kind: "newest-removed",
      message: `${rowRange(lastSeq + 1, head.seq, "was", "were")} removed: the head records row ${head.seq}, but the log ends ${last ? `at ${rowLabel(last)}` : "before row 1"}.`,
    };
  }
  if (head.seq < lastSeq) {
    return {
      seq: head.seq + 1,
      kind: "out-of-order",
      message: `${rowRange(head.seq + 1, lastSeq, "lies", "lie")} beyond the chain's head (row ${head.seq}): appended without moving the head.`,
    };
  }
  if (!sameDigest(head.hash, last!.hash)) {
    return { seq: head.seq, kind: "head-altered", message: `the chain's head (hub.audit_head, row ${head.seq}) does not match ${rowLabel(last!)}.` };
  }
  return undefined;
}

/**
 * After the head checked out: the anchor file must carry a valid MAC, and the log must still hold
 * the row it names, unchanged. A file behind the head is fine; one ahead of it saw rows the
 * database no longer holds, although its head looks consistent: it was rewound to an earlier head.
 */
function checkAnchor({ file, reading }: AnchorFile, anchoredRow: StoredRow | undefined, walk: ChainWalk): AuditProblem | undefined {
  const where = `the anchor file outside the database (${file})`;
  if (reading.state === "missing") return undefined;
  if (reading.state === "invalid") {
    return { seq: reading.seq ?? walk.last?.seq ?? 0, kind: "anchor-altered", message: `${where} was altered: ${reading.reason}.` };
  }
  const anchor = reading.anchor;
  const lastSeq = walk.last?.seq ?? 0;
  if (anchor.seq > lastSeq) {
    return {
      seq: lastSeq + 1,
      kind: "newest-removed",
      message: `${rowRange(lastSeq + 1, anchor.seq, "is", "are")} missing: ${where} saw ${sawRow(anchor)}, ${lastSeq > 0 ? `the database's head is at ${lastSeq}` : "the database's log is empty"}.`,
    };
  }
  if (!anchoredRow || !sameDigest(anchoredRow.hash, anchor.hash)) {
    return {
      seq: anchor.seq,
      kind: "altered",
      message:
        `${anchoredRow ? rowLabel(anchoredRow) : `row ${anchor.seq}`} differs from what ${where} saw: the file has ${sawRow(anchor)}, the row has hash ${anchoredRow?.hash ?? "(none)"}. ` +
        `The log was rewound and rewritten past it, or the file belongs to another database.`,
    };
  }
  return undefined;
}

/** "row 1000 with hash 3fa… (written 2026-…)". */
function sawRow(anchor: AuditAnchor): string {
  return `row ${anchor.seq} with hash ${anchor.hash} (written ${anchor.at})`;
}

function anchorCheck({ file, reading }: AnchorFile): AnchorCheck {
  if (reading.state === "missing") return { file, found: false };
  return { file, found: true, ...(reading.state === "valid" && { seq: reading.anchor.seq }) };
}

/** When the very first row fails and the head's MAC fails too, the key is the likelier culprit. */
function withKeyHint(problem: AuditProblem, head: Head | undefined, walk: ChainWalk): AuditProblem {
  if (walk.intact > 0 || !head || head.macValid || problem.kind === "removed") return problem;
  return { ...problem, message: `${problem.message} The head's MAC does not verify either: check that the audit key is the one the hub writes with.` };
}

async function readHead(client: pg.Client, key: string): Promise<Head | undefined> {
  const { rows } = await client.query<{ seq: string; hash: string; mac: string }>("SELECT seq, hash, mac FROM hub.audit_head");
  if (rows.length === 0) return undefined;
  const seq = Number(rows[0].seq);
  return { seq, hash: rows[0].hash, macValid: sameDigest(rows[0].mac, headMac(key, seq, rows[0].hash)) };
}

function toStoredRow(row: { seq: string; entry: string; prev_hash: string; hash: string }): StoredRow {
  return { seq: Number(row.seq), entry: row.entry, prevHash: row.prev_hash, hash: row.hash };
}

/**
 * "row 57 (request 6f1…, client request abc, at 2026-01-02T03:04:05.678Z)", with what the entry says
 * about itself when it still parses; the client's id only when it sent one.
 */
function rowLabel(row: StoredRow): string {
  let details = "";
  try {
    const entry = JSON.parse(row.entry) as { requestId?: unknown; clientRequestId?: unknown; at?: unknown };
    const parts = [
      typeof entry.requestId === "string" ? `request ${entry.requestId}` : "",
      typeof entry.clientRequestId === "string" ? `client request ${entry.clientRequestId}` : "",
      typeof entry.at === "string" ? `at ${entry.at}` : "",
    ].filter(Boolean);
    if (parts.length > 0) details = ` (${parts.join(", ")})`;
  } catch {
    // An entry altered into something that is not JSON: the row number alone has to do.
  }
  return `row ${row.seq}${details}`;
}

/** "row 5 was" or "rows 5–7 were". */
function rowRange(from: number, to: number, verbForOne: string, verbForMany: string): string {
  return from === to ? `row ${from} ${verbForOne}` : `rows ${from}–${to} ${verbForMany}`;
}

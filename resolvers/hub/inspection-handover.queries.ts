import type { Database } from "../../src/database";

/**
 * The lists of inspection candidates handed over to inspection bodies (hub.inspection_handover,
 * Law 41/2024 Điều 35 khoản 3; Decree 274/2025): written when an inspection body downloads the
 * quarterly list (src/reports/definitions/inspection-list.report.ts), read by the annual report.
 */

/** One list handed over: which quarter, built from which month, for which province, to whom. */
export interface Handover {
  /** `YYYY-Qn`: the quarter the list is for. */
  quarter: string;
  /** `YYYY-MM`: the month whose findings it was built from. */
  period: string;
  /** null for a national list. */
  provinceCode: string | null;
  /** Enterprises on the list. */
  enterprises: number;
  recipientAgency: string;
  recipientSubject: string;
  /** The download's request id, which its audit rows carry too. */
  requestId: string;
}

/** Records one handover. */
export async function recordHandover(db: Pick<Database, "query">, handover: Handover): Promise<void> {
  await db.query(
    `INSERT INTO hub.inspection_handover (quarter, period, province_code, enterprises, recipient_agency, recipient_subject, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [handover.quarter, handover.period, handover.provinceCode, handover.enterprises, handover.recipientAgency, handover.recipientSubject, handover.requestId],
  );
}

/**
 * Lists handed over for quarters of `year`, and the enterprises on them: of `provinceCode`'s own
 * lists, or of every list (national and provincial) when it is null. A list downloaded twice counts twice:
 * each download is a handover the inspection body received.
 */
export async function handoverTotals(db: Pick<Database, "query">, year: number, provinceCode: string | null): Promise<{ lists: number; enterprises: number }> {
  const [row] = await db.query<{ lists: number; enterprises: number }>(
    `SELECT count(*)::int AS lists, coalesce(sum(enterprises), 0)::int AS enterprises
       FROM hub.inspection_handover
      WHERE quarter = ANY($1::text[]) AND ($2::text IS NULL OR province_code = $2)`,
    // The four quarters by name, so that the (quarter, province_code) index answers.
    [[1, 2, 3, 4].map((q) => `${year}-Q${q}`), provinceCode],
  );
  return row;
}

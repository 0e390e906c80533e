import { EnterpriseStatus } from "../../entities";
import { ProtectedTable, SMALLEST_DISCLOSED_COUNT, TOTAL, type CellAnswer, type RequestAccess } from "../../src/access";
import type { Database } from "../../src/database";
import { filteredFields } from "./enterprise.input";
import { enterpriseCountsByCell, type EnterpriseCriteria } from "./registry.queries";

const FIELD = "EnterpriseConnection.totalCount";
const THE_TABLE =
  "aggregate-only mandates count from one fixed table, so that no withheld count can be worked out by subtracting other counts: " +
  "enterprises by province, and by commune within a province, for one status or for all statuses";

/**
 * The one table of enterprise counts aggregate-only principals read (README, "Access"), protected
 * by src/access/disclosure-control.ts. Computed in one GROUP BY and kept for `maxAgeSeconds`:
 * the registry changes only through batches, and a count then costs no scan of its own.
 */
export class EnterpriseCountTable {
  /** loadedAt is set once the table is computed: until then, requests wait for the computation under way. */
  private cached?: { loadedAt?: number; table: Promise<ProtectedTable> };

  /** The table is read on the handle of the request that finds it stale (see `answer`), so it holds no database of its own. */
  constructor(private readonly maxAgeSeconds: number) {}

  /**
   * The protected count of the cell `criteria` name, within the principal's province. Throws
   * FORBIDDEN (recorded by `access`) when they name no cell of the table: another filter, or several statuses.
   */
  async answer(
    criteria: EnterpriseCriteria,
    access: RequestAccess,
    provinceOfCommune: (communeCode: string) => Promise<string | undefined>,
    requestDb: Database,
  ): Promise<CellAnswer> {
    // The table has no zones: a zone-limited principal's count from it would be its province's, past its rows.
    if (criteria.scopeZoneCodes !== undefined)
      throw access.refuse(
        FIELD,
        `${FIELD} is refused: ${THE_TABLE}, and your token is limited to industrial zones (claim zones), which that table does not break down; counting a zone's enterprises needs a record-level mandate.`,
      );
    const outside = filtersOutsideTable(criteria);
    if (outside)
      throw access.refuse(
        FIELD,
        `${FIELD} is refused: ${THE_TABLE}. Filter only on provinceCode, communeCode and status with one value (leave status out for all statuses); ${outside}.`,
      );
    const table = await this.table(requestDb);
    const { scopeProvinceCode: scope, provinceCode: asked, communeCode } = criteria;
    // Rows outside the principal's province look like rows that do not exist: a zero, withheld.
    if (scope !== undefined && asked !== undefined && scope !== asked) return { count: 0, withheld: "primary" };
    let area = scope ?? asked;
    // Which province a commune lies in is public reference data; taken from the counts it would tell which cells hold records.
    if (area === undefined && communeCode !== undefined) area = (await provinceOfCommune(communeCode)) ?? TOTAL;
    return table.answer({ area: area ?? TOTAL, subarea: communeCode ?? TOTAL, category: criteria.status?.[0] ?? TOTAL });
  }

  /** The table, computed again once it is older than maxAgeSeconds; requests arriving while it is computed share that computation. */
  private table(requestDb: Database): Promise<ProtectedTable> {
    const loadedAt = this.cached?.loadedAt;
    // Periods on the wall clock, not ages: the hub thread and its execution workers refresh together.
    const period = (at: number) => (this.maxAgeSeconds === 0 ? at : Math.floor(at / (this.maxAgeSeconds * 1000)));
    if (!this.cached || (loadedAt !== undefined && period(Date.now()) !== period(loadedAt))) {
      const cached: { loadedAt?: number; table: Promise<ProtectedTable> } = {
        // Shared by every request waiting on it: counted against the one that started it, but not held to its deadline.
        table: enterpriseCountsByCell(requestDb.withoutDeadline()).then((rows) =>
          ProtectedTable.protect(
            rows.map((row) => ({ area: row.provinceCode, subarea: row.communeCode, category: row.status, count: row.count })),
            Object.values(EnterpriseStatus),
            SMALLEST_DISCLOSED_COUNT,
          ),
        ),
      };
      this.cached = cached;
      cached.table.then(
        () => (cached.loadedAt = Date.now()),
        // A failed computation is not kept: the next request tries again.
        () => {
          if (this.cached === cached) this.cached = undefined;
        },
      );
    }
    return this.cached.table;
  }
}

/** What in the criteria falls outside the table, said for the refusal; undefined when they name a cell. */
function filtersOutsideTable(criteria: EnterpriseCriteria): string | undefined {
  // Derived from the filter list itself, so a filter added there is refused here, never ignored.
  const others = filteredFields(criteria)
    .map(([argument]) => argument)
    .filter((argument) => !TABLE_FILTERS.includes(argument));
  if (others.length > 0) return `this request also filters on ${others.join(", ")}`;
  if (criteria.status && criteria.status.length > 1)
    return `this request lists ${criteria.status.length} statuses (${criteria.status.join(", ")}): ask for each on its own`;
  return undefined;
}

/** The filters that name a cell of the table. */
const TABLE_FILTERS = ["provinceCode", "communeCode", "status"];

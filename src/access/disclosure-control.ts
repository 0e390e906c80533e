/**
 * Disclosure control for counts given to aggregate-only principals. They count from one fixed
 * hierarchical table: areas (provinces), and sub-areas (communes) within each area, crossed with
 * categories (statuses), with every total. Every cell and every total is computed once from the
 * same data, then withheld cells are chosen for the whole table at once:
 *
 * - primary suppression: a count below the threshold, zero included;
 * - secondary suppression: every additive line (a row: categories → its total; a column: the
 *   sub-areas of an area → the area's cell, or the areas → the national cell) that holds a withheld
 *   cell holds at least two, and when its total is published the withheld parts do not add up to
 *   zero (else each would be a known zero). The partner is the line's smallest published part
 *   (ties broken by the table's order), repeated until no line needs one.
 *
 * So a published total minus its published parts never equals one withheld count, in any line of
 * the linked tables, and chains of such subtractions find nothing to start from. Because the
 * choice depends only on the data, a cell gets the same answer however and by whom it is asked.
 */

/** The category and area totals; and the sub-area of records that name none (published only through totals). */
export const TOTAL = "*";
export const NO_SUBAREA = "-";

/** One inner cell's count, as the database groups it. */
export interface TableCount {
  area: string;
  subarea: string | null;
  category: string;
  count: number;
}

/** Why a count is withheld: its own size (primary), or to protect another withheld count (secondary). */
export type Withheld = "primary" | "secondary";

/** A cell's true count and, when withheld, why. */
export interface CellAnswer {
  count: number;
  withheld?: Withheld;
}

/** A cell of the table: `TOTAL` for all areas, a whole area, or all categories. */
export interface TableCell {
  area: string;
  subarea: string;
  category: string;
}

interface Line {
  parts: string[];
  total: string;
}

/** The table with its withheld cells chosen; answers any cell, and nothing outside the table. */
export class ProtectedTable {
  private constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly withheld: ReadonlyMap<string, Withheld>,
  ) {}

  /** Builds the table from its inner counts and chooses what to withhold (counts below `smallest`, and their partners). */
  static protect(inner: readonly TableCount[], categories: readonly string[], smallest: number): ProtectedTable {
    const table = buildTable(inner, categories);
    const withheld = new Map<string, Withheld>();
    for (const key of table.order) if (table.counts.get(key)! < smallest) withheld.set(key, "primary");
    addSecondarySuppression(table, withheld);
    return new ProtectedTable(table.counts, withheld);
  }

  /** The answer for a cell; a cell the data does not hold is a zero, withheld like any other. */
  answer(cell: TableCell): CellAnswer {
    const key = keyOf(cell.area, cell.subarea, cell.category);
    const count = this.counts.get(key);
    if (count === undefined) return { count: 0, withheld: "primary" };
    const withheld = this.withheld.get(key);
    return withheld ? { count, withheld } : { count };
  }
}

interface Table {
  counts: Map<string, number>;
  /** Sub-areas of each area, sorted, NO_SUBAREA included. */
  subareas: Map<string, string[]>;
  lines: Line[];
  /** Every cell in one fixed order: ties between equal counts are broken by it, so choices are deterministic. */
  order: string[];
  rank: Map<string, number>;
}

function keyOf(area: string, subarea: string, category: string): string {
  return `${area}/${subarea}/${category}`;
}

function buildTable(inner: readonly TableCount[], givenCategories: readonly string[]): Table {
  const categories = [...new Set([...givenCategories, ...inner.map((c) => c.category)])].sort();
  const subareas = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  const add = (key: string, count: number) => counts.set(key, (counts.get(key) ?? 0) + count);
  for (const { area, subarea, category, count } of inner) {
    const sub = subarea ?? NO_SUBAREA;
    if (!subareas.has(area)) subareas.set(area, new Set([NO_SUBAREA]));
    subareas.get(area)!.add(sub);
    add(keyOf(area, sub, category), count);
  }
  const areas = [...subareas.keys()].sort();
  const sorted = new Map(areas.map((area) => [area, [...subareas.get(area)!].sort()]));
  const lines: Line[] = [];
  const order: string[] = [];
  const line = (parts: string[], total: string) => {
    lines.push({ parts, total });
    counts.set(
      total,
      parts.reduce((sum, part) => sum + (counts.get(part) ?? 0), 0),
    );
  };
  // Inner cells first, then totals from the bottom up, so each total sums cells already counted.
  for (const area of areas) {
    for (const sub of sorted.get(area)!) {
      const row = categories.map((category) => keyOf(area, sub, category));
      for (const key of row) counts.set(key, counts.get(key) ?? 0);
      order.push(...row, keyOf(area, sub, TOTAL));
      line(row, keyOf(area, sub, TOTAL));
    }
    for (const category of [...categories, TOTAL]) {
      line(
        sorted.get(area)!.map((sub) => keyOf(area, sub, category)),
        keyOf(area, TOTAL, category),
      );
    }
    // The area's own row: the same cells as its row in the national table.
    lines.push({ parts: categories.map((category) => keyOf(area, TOTAL, category)), total: keyOf(area, TOTAL, TOTAL) });
    order.push(...[...categories, TOTAL].map((category) => keyOf(area, TOTAL, category)));
  }
  for (const category of [...categories, TOTAL]) {
    line(
      areas.map((area) => keyOf(area, TOTAL, category)),
      keyOf(TOTAL, TOTAL, category),
    );
  }
  lines.push({ parts: categories.map((category) => keyOf(TOTAL, TOTAL, category)), total: keyOf(TOTAL, TOTAL, TOTAL) });
  order.push(...[...categories, TOTAL].map((category) => keyOf(TOTAL, TOTAL, category)));
  return { counts, subareas: sorted, lines, order, rank: new Map(order.map((key, index) => [key, index])) };
}

/** Adds partners until every line that holds a withheld cell hides it (see the module comment). */
function addSecondarySuppression(table: Table, withheld: Map<string, Withheld>): void {
  const count = (key: string) => table.counts.get(key)!;
  const smaller = (a: string, b: string) => count(a) - count(b) || table.rank.get(a)! - table.rank.get(b)!;
  for (let changed = true; changed;) {
    changed = false;
    for (const { parts, total } of table.lines) {
      const hiddenParts = parts.filter((part) => withheld.has(part));
      const hidden = hiddenParts.length + (withheld.has(total) ? 1 : 0);
      if (hidden === 0) continue;
      const knownZeros = !withheld.has(total) && hiddenParts.every((part) => count(part) === 0);
      if (hidden >= 2 && !knownZeros) continue;
      const published = parts.filter((part) => !withheld.has(part)).sort(smaller);
      // With every part withheld, the total is the only cell left to hide with them.
      const partner = published[0] ?? total;
      if (withheld.has(partner)) continue;
      withheld.set(partner, "secondary");
      changed = true;
    }
  }
}

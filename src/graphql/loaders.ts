import DataLoader from "dataloader";

/**
 * A per-request DataLoader that fetches many rows in one statement and hands each key its row
 * (or null). `fetch` gets the distinct keys; `keyOf` says which key a returned row answers.
 */
export function rowLoader<Row>(fetch: (keys: readonly string[]) => Promise<Row[]>, keyOf: (row: Row) => string): DataLoader<string, Row | null> {
  return new DataLoader<string, Row | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** As rowLoader, but each key may have many rows (e.g. the former provinces of a province). */
export function rowsLoader<Row>(fetch: (keys: readonly string[]) => Promise<Row[]>, keyOf: (row: Row) => string): DataLoader<string, Row[]> {
  return new DataLoader<string, Row[]>(async (keys) => {
    const byKey = groupBy(await fetch(keys), keyOf);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Rows grouped by key, each group in the rows' order. */
export function groupBy<Row>(rows: readonly Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Loaders that also depend on a field argument (a period): one loader per distinct argument value,
 * so `taxHeadcount(period: "2026-Q1")` on 100 enterprises is still one statement.
 */
export function loaderFamily<Value>(
  make: (argument: string | undefined) => DataLoader<string, Value>,
): (argument: string | undefined) => DataLoader<string, Value> {
  const loaders = new Map<string, DataLoader<string, Value>>();
  return (argument) => {
    const id = argument ?? "";
    let loader = loaders.get(id);
    if (!loader) {
      loader = make(argument);
      loaders.set(id, loader);
    }
    return loader;
  };
}

import { DOMAINS } from "../src/domains";
import type { MigrationClass } from "../src/domains/domain";

/**
 * Every domain's migrations (each domain lists its own in its index.ts), oldest first by the
 * timestamp that ends each one's name, across domains: the order a fresh database gets them in.
 * Listed explicitly, not found by file name, so that source and compiled runs see the same set.
 */
export const MIGRATIONS: MigrationClass[] = inTimestampOrder(DOMAINS.flatMap((domain) => domain.migrations));

function inTimestampOrder(migrations: readonly MigrationClass[]): MigrationClass[] {
  const stamped = migrations.map((migration) => {
    const { name } = new migration();
    const timestamp = /\d{13}$/.exec(name)?.[0];
    if (timestamp === undefined) throw new Error(`Migration ${name} does not end in a 13-digit timestamp`);
    return { migration, name, timestamp: Number(timestamp) };
  });
  for (const [i, a] of stamped.entries()) {
    const b = stamped.slice(i + 1).find((other) => other.name === a.name || other.timestamp === a.timestamp);
    if (b) throw new Error(`Migrations ${a.name} and ${b.name} share a name or timestamp: each needs its own`);
  }
  return stamped.sort((a, b) => a.timestamp - b.timestamp).map((m) => m.migration);
}

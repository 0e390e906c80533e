import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { MIGRATIONS } from "../../migrations";
import { DOMAINS } from "../../src/domains";

const MIGRATIONS_DIR = path.join(__dirname, "../../migrations");

describe("the migrations", () => {
  it("are each listed by exactly one domain, so none in migrations/ is left unapplied", () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((file) => /^\d{13}-.+\.ts$/.test(file));
    const defined = new Map<Function, string>();
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- every file of the folder, by name
      for (const exported of Object.values(require(path.join(MIGRATIONS_DIR, file)) as Record<string, unknown>)) {
        if (typeof exported === "function") defined.set(exported as Function, file);
      }
    }
    const listedBy = new Map<Function, string[]>();
    for (const domain of DOMAINS) for (const migration of domain.migrations) listedBy.set(migration, [...(listedBy.get(migration) ?? []), domain.name]);
    expect([...defined].filter(([migration]) => listedBy.get(migration)?.length !== 1).map(([, file]) => file)).toEqual([]);
    expect(new Set(MIGRATIONS)).toEqual(new Set(defined.keys()));
  });

  it("apply in the order of the timestamps that end their names and files, across domains", () => {
    const timestamps = MIGRATIONS.map((migration) => Number(/\d{13}$/.exec(new migration().name)![0]));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((file) => /^\d{13}-/.test(file))
      .map((file) => Number(file.slice(0, 13)));
    expect(timestamps).toEqual(files.sort((a, b) => a - b));
  });
});

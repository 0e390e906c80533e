import { loadConfig } from "../config";
import { openDatabase } from "../database";
import { DEFAULT_DEMO_SEED, loadDemoData } from "../demo/load-demo";
import { progressBar } from "../demo/progress";
import { onShutdown } from "../shutdown";

const USAGE = `Usage: npm run seed -- [--enterprises N] [--seed S] [--replace]

Loads the deterministic demo dataset (same data for the same N and seed) into the hub's database:
the embedded PostgreSQL under LIENTHONG_DATA_DIR, or DATABASE_URL when set.

  --enterprises N   how many enterprises (default 20000; 1000000 is national scale)
  --seed S          generator seed (default ${DEFAULT_DEMO_SEED})
  --replace         wipe every owner's data and all batches first (required when data exists)
`;

/** Parses the seed command's arguments; throws with the usage text on anything it does not know. */
export function parseSeedArguments(argv: readonly string[]): { enterprises: number; seed: number; replace: boolean } {
  const parsed = { enterprises: 20_000, seed: DEFAULT_DEMO_SEED, replace: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const text = argv[++i];
      const number = Number(text?.replace(/_/g, ""));
      if (text === undefined || !Number.isInteger(number) || number < 0) throw new Error(`${arg} needs a whole number.\n\n${USAGE}`);
      return number;
    };
    if (arg === "--enterprises") parsed.enterprises = value();
    else if (arg === "--seed") parsed.seed = value();
    else if (arg === "--replace") parsed.replace = true;
    else if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    else throw new Error(`Unknown argument "${arg}".\n\n${USAGE}`);
  }
  return parsed;
}

async function main(): Promise<void> {
  const args = parseSeedArguments(process.argv.slice(2));
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await openDatabase({ ...config, statementTimeoutMs: 0, log });
  onShutdown(() => database.close());
  try {
    log(`Generating and loading ${args.enterprises.toLocaleString("en-US")} enterprises (seed ${args.seed})…`);
    const summary = await loadDemoData(database.db.url, { ...args, progress: progressBar() });
    const counts = Object.entries(summary.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`)
      .join(", ");
    log(`Loaded in ${summary.seconds.toFixed(1)} s: ${counts}.`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`seed: ${error.message}\n`);
    process.exitCode = 1;
  });
}

import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../support/processes";
import { throughput } from "./load";
import type { RequestSpec } from "./requests";
import { startServer } from "./systems";

/** Self time of a CPU profile by category, as printed by --profile. */
export interface ProfileSummary {
  /** Busy (non-idle) milliseconds of each profiled thread, by file name. */
  threads: Record<string, number>;
  busyMs: number;
  categories: { category: string; ms: number; share: number }[];
  /** The biggest contributors inside "other packages", so that a newcomer there is seen. */
  otherPackages: { name: string; ms: number }[];
  /** The functions with the most self time, with their category. */
  topFunctions: { name: string; category: string; ms: number }[];
  requests: number;
  /** False when no sample fell in the load window (the clocks did not line up) and the whole run was summed. */
  windowOnly: boolean;
}

/** V8's CPU profile format (.cpuprofile), as far as the summary reads it. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  /** Microseconds on the monotonic clock process.hrtime reads (CLOCK_MONOTONIC on Linux). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const PACKAGE_CATEGORIES: [RegExp, string][] = [
  [/^graphql$/, "graphql-js"],
  [/^@apollo\/server$/, "@apollo/server"],
  [/^type-graphql$/, "type-graphql"],
  [/^dataloader$/, "dataloader"],
  [/^(pg|pg-.*|postgres-.*)$/, "pg"],
  [/^(graphql-shield|graphql-middleware)$/, "graphql-shield + graphql-middleware"],
];

/** The package a script belongs to (its folder after the last node_modules/), or undefined for our own code. */
function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf("node_modules/");
  if (at < 0) return undefined;
  const parts = url.slice(at + "node_modules/".length).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Where a function's self time is counted: V8's pseudo-frames, a known package, our code by folder, or other. */
function categoryOf(frame: { functionName: string; url: string }, dist: string): { category: string; otherPackage?: string } {
  if (frame.functionName === "(garbage collector)") return { category: "GC" };
  if (frame.functionName === "(program)") return { category: "V8 and native (program)" };
  const url = frame.url.replace(/^file:\/\//, "");
  if (!url) return { category: "V8 builtins (no script)" };
  if (url.startsWith("node:")) return { category: "Node.js internals (http, streams, async hooks…)" };
  const pkg = packageOf(url);
  if (pkg) {
    const known = PACKAGE_CATEGORIES.find(([pattern]) => pattern.test(pkg));
    return known ? { category: known[1] } : { category: "other packages", otherPackage: pkg };
  }
  if (url.startsWith(dist)) {
    // dist/src/audit/… → "ours: src/audit"; dist/resolvers/registry/… → "ours: resolvers/registry"
    const parts = url.slice(dist.length).split("/");
    return { category: `ours: ${parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]}` };
  }
  return { category: "other" };
}

/**
 * Sums self time over every .cpuprofile in `dir` (the main thread and each worker thread write one),
 * counting only samples taken within `window` (µs, process.hrtime's clock) when given: the load, not
 * start-up and shutdown.
 */
export function summarizeProfiles(dir: string, requests: number, window?: { from: number; to: number }): ProfileSummary {
  const inWindow = summarize(dir, requests, window);
  return inWindow.busyMs > 0 || !window ? inWindow : summarize(dir, requests, undefined);
}

function summarize(dir: string, requests: number, window: { from: number; to: number } | undefined): ProfileSummary {
  const dist = `${path.join(PROJECT_ROOT, "dist")}/`;
  const byCategory = new Map<string, number>();
  const byOtherPackage = new Map<string, number>();
  const byFunction = new Map<string, { category: string; ms: number }>();
  const threads: Record<string, number> = {};
  let busy = 0;
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    let threadBusy = 0;
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      at += profile.timeDeltas[i] ?? 0;
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (frame.functionName === "(idle)" || (window && (at < window.from || at > window.to))) return;
      const { category, otherPackage } = categoryOf(frame, dist);
      byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
      if (otherPackage) byOtherPackage.set(otherPackage, (byOtherPackage.get(otherPackage) ?? 0) + ms);
      const name = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "").replace(`file://${PROJECT_ROOT}/`, "")}`.trim();
      byFunction.set(name, { category, ms: (byFunction.get(name)?.ms ?? 0) + ms });
      threadBusy += ms;
    });
    threads[file] = Math.round(threadBusy);
    busy += threadBusy;
  }
  return {
    threads,
    busyMs: Math.round(busy),
    categories: [...byCategory].sort((a, b) => b[1] - a[1]).map(([category, ms]) => ({ category, ms: Math.round(ms), share: ms / busy })),
    otherPackages: [...byOtherPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, ms]) => ({ name, ms: Math.round(ms) })),
    topFunctions: [...byFunction]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 15)
      .map(([name, { category, ms }]) => ({ name, category, ms: Math.round(ms) })),
    requests,
    windowOnly: window !== undefined,
  };
}

/**
 * Runs the hub as shipped under `node --cpu-prof` for one load of `seconds` (8 clients) of `specs`,
 * after a short warm-up, stops it so that it writes its profiles, and summarises them.
 */
export async function profileHub(databaseUrl: string, scratchDir: string, specs: readonly RequestSpec[], seconds: number): Promise<ProfileSummary> {
  const dir = path.join(scratchDir, "cpu-profiles");
  fs.mkdirSync(dir, { recursive: true });
  const hub = await startServer("hub", databaseUrl, scratchDir, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const now = () => Number(process.hrtime.bigint() / 1000n);
  let requests = 0;
  let window: { from: number; to: number };
  try {
    await throughput(hub.url, specs, 3, { pid: hub.pid });
    const from = now();
    ({ good: requests } = await throughput(hub.url, specs, seconds, { pid: hub.pid }));
    window = { from, to: now() };
  } finally {
    await hub.stop();
  }
  return summarizeProfiles(dir, requests, window);
}

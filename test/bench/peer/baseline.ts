import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../support/processes";

/**
 * The hub at an earlier commit, built in a worktree of its own (with its own dependencies, which
 * may differ from today's), so the same run can compare the hub before and after a change. Kept
 * in the temp folder and reused by the next run with the same commit.
 */
export function prepareBaseline(ref: string, log: (line: string) => void): { dir: string; commit: string } {
  const git = (...args: string[]) => execFileSync("git", ["-C", PROJECT_ROOT, ...args], { encoding: "utf8" }).trim();
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  const dir = path.join(os.tmpdir(), `lienthong-baseline-${commit.slice(0, 12)}`);
  if (!fs.existsSync(path.join(dir, "dist/src/index.js"))) {
    if (!fs.existsSync(dir)) {
      log(`Baseline: a worktree of ${commit.slice(0, 12)} in ${dir}…`);
      git("worktree", "add", "--detach", dir, commit);
    }
    log("Baseline: installing its dependencies (npm ci) and building it…");
    const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
    run("npm", ["run", "build", "--silent"]);
  }
  return { dir, commit };
}

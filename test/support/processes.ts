import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../src/config";
import { TEST_ENV, TEST_SECRETS } from "./test-env";

export const PROJECT_ROOT = projectRoot();

/** A command the tests run the way a user would, from the compiled project. */
export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text`; rejects if the process exits first or time runs out. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

export function runNode(script: string, args: string[], env: Record<string, string | undefined>): RunningCommand {
  return runCommand(process.execPath, [path.join(PROJECT_ROOT, "dist", script), ...args], env);
}

/** Any command (`npm start`, say) run from the project folder the way runNode runs a script. */
export function runCommand(command: string, args: string[], env: Record<string, string | undefined>): RunningCommand {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    // The run's own folder and secrets unless the test says otherwise: nothing lands in the project's .data/.
    env: { ...process.env, LIENTHONG_DATA_DIR: process.env[TEST_ENV.dataDir], ...TEST_SECRETS, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor(text, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const matches = () => (typeof text === "string" ? output.includes(text) : text.test(output));
        const check = () => {
          if (matches()) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${String(text)}; output so far:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!matches()) {
            cleanup();
            reject(new Error(`exited with ${code} before ${String(text)}; output:\n${output}`));
          }
        });
        check();
      });
    },
  };
}

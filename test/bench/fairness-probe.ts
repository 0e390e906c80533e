/** Probe: the fairness figure alone against a hub with the given env (KEY=VALUE args). Not part of npm run bench. */
import { fairness, startHub, stopHub } from "./hardening";
import { freePort } from "../support/free-port";

async function main() {
  const env = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split("=") as [string, string]));
  const { hub, url } = await startHub("/tmp/fair-data", Number(env.PGPORT ?? (await freePort())), env);
  try {
    await fairness(url, (name, value) => process.stdout.write(`${name}: ${value}\n`), JSON.stringify(env));
  } finally {
    await stopHub(hub);
  }
}
void main();

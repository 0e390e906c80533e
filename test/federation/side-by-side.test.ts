import { runNode, type RunningCommand } from "../support/processes";
import { testDatabaseUrl } from "../support/test-env";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";

// Two `npm start` gateways on one machine and one DATABASE_URL: the subgraphs run inside each
// process (no internal ports), so nothing but their own PORT is bound and they never collide.
const READY = /GraphiQL: (http:\/\/[^\s"]+)\/graphql/;

describe("two gateways with every subgraph in-process, side by side on one database", () => {
  const gateways: RunningCommand[] = [];
  afterAll(async () => {
    for (const gateway of gateways) {
      gateway.child.kill("SIGTERM");
      await gateway.exited;
    }
  });

  it("both start, and both answer the nested query from the same data", async () => {
    for (let i = 0; i < 2; i++) gateways.push(runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: "0" }));
    await Promise.all(gateways.map((gateway) => gateway.waitFor(READY, 90_000)));
    const urls = gateways.map((gateway) => READY.exec(gateway.output())![1]);
    expect(new Set(urls).size).toBe(2);
    const answers = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(await headersFor(NATIONAL_BHXH_INSPECTOR)) },
          body: JSON.stringify({ query: "{ enterprises(first: 5) { edges { node { taxCode name bhxhUnit { code } } } } }" }),
        });
        return ((await response.json()) as { data: unknown }).data;
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    expect(JSON.stringify(answers[0])).toMatch(/taxCode/);
  }, 120_000);
});

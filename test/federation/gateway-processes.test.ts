import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { DOMAINS } from "../../src/domains";
import { signRequest, subgraphKey } from "../../src/gateway/signing";
import { startTestHub, type TestHub } from "../support/hub";
import { runNode, type RunningCommand } from "../support/processes";
import { TEST_SECRETS, testDatabaseUrl, testDataDir } from "../support/test-env";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";
import { IZB_MANDATE } from "../support/izb";
import { expectDashboardServed } from "../support/dashboard-page";

// The national layout in miniature: each domain served alone (`npm run subgraph -- <domain>`), and
// the gateway alone over them (`npm run gateway`), as separate processes on the run's PostgreSQL.
const READY_SUBGRAPH = /Subgraph (\w+) is ready: (http:\/\/[^\s"]+)/;
const READY_GATEWAY = /GraphiQL: (http:\/\/[^\s"]+)\/graphql/;
const NESTED = fs.readFileSync(path.join(__dirname, "../graph/nested-enterprises.graphql"), "utf8");

const subgraphs = new Map<string, { process: RunningCommand; url: string }>();
let gateway: RunningCommand;
let gatewayUrl: string;
let inProcess: TestHub;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

beforeAll(async () => {
  const env = { DATABASE_URL: testDatabaseUrl(), PORT: "0", NODE_ENV: "test" };
  await Promise.all(
    DOMAINS.map(async (domain) => {
      const process = runNode("src/cli/subgraph.js", [domain.name], env);
      await process.waitFor(READY_SUBGRAPH, 90_000);
      subgraphs.set(domain.name, { process, url: READY_SUBGRAPH.exec(process.output())![2] });
    }),
  );
  const dir = fs.mkdtempSync(path.join(testDataDir(), "national-"));
  const gatewayYaml = path.join(dir, "gateway.yaml");
  fs.writeFileSync(gatewayYaml, `subgraphs:\n${[...subgraphs].map(([name, { url }]) => `  - name: ${name}\n    url: ${url}\n`).join("")}`);
  gateway = runNode("src/cli/gateway.js", [], { ...env, LIENTHONG_GATEWAY_CONFIG: gatewayYaml, LIENTHONG_QUERY_STATS: "true" });
  await gateway.waitFor(READY_GATEWAY, 90_000);
  gatewayUrl = READY_GATEWAY.exec(gateway.output())![1];
  inProcess = await startTestHub();
}, 180_000);

afterAll(async () => {
  await inProcess?.stop();
  for (const running of [gateway, ...[...subgraphs.values()].map((s) => s.process)]) {
    running?.child.kill("SIGTERM");
    await running?.exited;
  }
});

describe("npm run subgraph and npm run gateway as separate processes", () => {
  it("answer the nested query exactly as the one-process hub does, refusals included", async () => {
    for (const who of [NATIONAL_BHXH_INSPECTOR, { agency: "tax" as const, roles: ["analyst" as const], purposes: ["inspection" as const] }]) {
      const headers = await headersFor(who);
      const federated = await post(`${gatewayUrl}/graphql`, { query: NESTED, variables: { first: 10 } }, headers);
      const local = await inProcess.graphql(NESTED, { first: 10 }, headers);
      expect(federated.status).toBe(200);
      expect(federated.body.data).toEqual(local.data);
      expect(federated.body.errors ?? []).toEqual(local.errors ?? []);
    }
  });

  it("fetches every field from its subgraph: a page of 10 enterprises costs one request per subgraph it touches", async () => {
    const { body } = await post(`${gatewayUrl}/graphql`, { query: NESTED, variables: { first: 10 } }, await headersFor(NATIONAL_BHXH_INSPECTOR));
    const stats = (body as { extensions?: { stats?: { subgraphRequests?: number } } }).extensions?.stats;
    // registry (the page), hub (provinces, sectors, sources), tax, bhxh, statistics: batched, not per row.
    expect(stats?.subgraphRequests).toBeGreaterThanOrEqual(4);
    expect(stats?.subgraphRequests).toBeLessThanOrEqual(8);
    // And the same at 100: the requests grow with the depth of the query, not its width.
    const { body: hundred } = await post(`${gatewayUrl}/graphql`, { query: NESTED, variables: { first: 100 } }, await headersFor(NATIONAL_BHXH_INSPECTOR));
    expect((hundred as { extensions?: { stats?: { subgraphRequests?: number } } }).extensions?.stats?.subgraphRequests).toBe(stats?.subgraphRequests);
  });

  it("routes a publish mutation to its owner's subgraph, whose door decides who may publish again", async () => {
    // A period no quarter has: the tax subgraph refuses it as BAD_USER_INPUT before writing anything, so the shared database stays as it is.
    const mutation = { query: `mutation { publishTaxHeadcounts(period: "not-a-period", rows: []) { id status } }` };
    const publisher = await post(`${gatewayUrl}/graphql`, mutation, await headersFor({ agency: "tax", roles: ["publisher"], purposes: ["statistics"] }));
    expect(publisher.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "period" } });
    const analyst = await post(`${gatewayUrl}/graphql`, mutation, await headersFor({ agency: "tax", roles: ["analyst"], purposes: ["statistics"] }));
    expect(analyst.body.data?.publishTaxHeadcounts).toBeNull();
    expect(analyst.body.errors?.[0]).toMatchObject({ path: ["publishTaxHeadcounts"], extensions: { code: "FORBIDDEN" } });
  });

  it("routes the statistics office's publish mutation to the statistics subgraph", async () => {
    // A period of neither kind: refused as BAD_USER_INPUT before anything is written.
    const mutation = { query: `mutation { publishLabourForce(period: "2026-11", rows: []) { id status } }` };
    const publisher = await post(`${gatewayUrl}/graphql`, mutation, await headersFor({ agency: "statistics", roles: ["publisher"], purposes: ["statistics"] }));
    expect(publisher.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "period" } });
    const tax = await post(`${gatewayUrl}/graphql`, mutation, await headersFor({ agency: "tax", roles: ["publisher"], purposes: ["statistics"] }));
    expect(tax.body.errors?.[0]).toMatchObject({ path: ["publishLabourForce"], extensions: { code: "FORBIDDEN" } });
  });

  it("reports itself ready while every subgraph answers", async () => {
    expect((await fetch(`${gatewayUrl}/readyz`)).status).toBe(200);
  });
});

describe("a subgraph", () => {
  const body = { query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { taxCode name } } }` };

  async function entities(taxCode: string, headers: Record<string, string>) {
    return post(subgraphs.get("registry")!.url, { ...body, variables: { r: [{ __typename: "Enterprise", taxCode }] } }, headers);
  }

  async function anEnterprise(province: string): Promise<string> {
    const [row] = await inProcess.sql<{ tax_code: string }>("SELECT tax_code FROM registry.enterprise WHERE province_code = $1 ORDER BY tax_code LIMIT 1", [
      province,
    ]);
    return row.tax_code;
  }

  function signed(text: string, principal: Parameters<typeof signRequest>[1]["principal"], key = subgraphKey(TEST_SECRETS.LIENTHONG_SUBGRAPH_KEY, "registry")) {
    return signRequest(key, { principal, purpose: principal ? principal.purposes[0] : null, requestId: randomUUID(), signedAt: Date.now() }, text);
  }

  it("serves the partner dashboard and its assets from the gateway alone", async () => {
    await expectDashboardServed(gatewayUrl);
  });

  it("refuses an unsigned request with 401, whatever credentials the client sends", async () => {
    const taxCode = await anEnterprise("79");
    const bearer = await headersFor(NATIONAL_BHXH_INSPECTOR);
    const response = await entities(taxCode, bearer);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a client-supplied principal header, and a signature made with another key", async () => {
    const taxCode = await anEnterprise("79");
    const text = JSON.stringify({ ...body, variables: { r: [{ __typename: "Enterprise", taxCode }] } });
    const principal = { subject: "forger", agency: "bhxh" as const, roles: ["inspector" as const], purposes: ["inspection" as const] };
    const forged = signed(text, principal, "not-the-gateways-key-0123456789abcdef0123456789");
    expect((await entities(taxCode, forged)).status).toBe(401);
    // Another subgraph's key does not open this one.
    const otherKey = signed(text, principal, subgraphKey(TEST_SECRETS.LIENTHONG_SUBGRAPH_KEY, "tax"));
    expect((await entities(taxCode, otherKey)).status).toBe(401);
    const headerOnly = { "x-lienthong-principal": forged["x-lienthong-principal"] };
    expect((await entities(taxCode, headerOnly)).status).toBe(401);
  });

  it("answers the gateway's signature, and applies the signed principal's province in its own SQL", async () => {
    const inHcmc = await anEnterprise("79");
    const inHanoi = await anEnterprise("01");
    const hcmcInspector = { subject: "hcmc", agency: "bhxh" as const, roles: ["inspector" as const], purposes: ["inspection" as const], provinceCode: "79" };
    for (const [taxCode, expected] of [
      [inHcmc, inHcmc],
      [inHanoi, null],
    ] as const) {
      const text = JSON.stringify({ ...body, variables: { r: [{ __typename: "Enterprise", taxCode }] } });
      const response = await post(subgraphs.get("registry")!.url, JSON.parse(text), signed(text, hcmcInspector));
      expect(response.status).toBe(200);
      // A request routed to it for another province's enterprise gets nothing: the row is never read.
      expect(response.body.data?._entities[0]?.taxCode ?? null).toBe(expected);
    }
  });
});

describe("a subgraph served alone with the gateway's mandates file", () => {
  it("starts although the file grants another agency's fields it does not hold", async () => {
    const dir = fs.mkdtempSync(path.join(testDataDir(), "izb-mandates-"));
    const mandates = path.join(dir, "mandates.yaml");
    fs.writeFileSync(mandates, fs.readFileSync(path.join(__dirname, "../../schema/mandates.yaml"), "utf8") + IZB_MANDATE);
    const tax = runNode("src/cli/subgraph.js", ["tax"], { DATABASE_URL: testDatabaseUrl(), PORT: "0", LIENTHONG_MANDATES_FILE: mandates });
    try {
      await tax.waitFor(READY_SUBGRAPH, 90_000);
    } finally {
      tax.child.kill("SIGTERM");
      await tax.exited;
    }
  }, 120_000);
});

describe("composition", () => {
  it("stops the start with the composer's message when a subgraph conflicts with the graph", async () => {
    // An agency's service that redefines Enterprise.name with another type: Federation 2 cannot compose it.
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Enterprise @key(fields: "taxCode") { taxCode: String! name: Int }
type Query { conflicting: Int }`;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: { _service: { sdl } } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dir = fs.mkdtempSync(path.join(testDataDir(), "conflict-"));
    const gatewayYaml = path.join(dir, "gateway.yaml");
    fs.writeFileSync(gatewayYaml, `subgraphs:\n  - name: conflicting\n    url: http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
    const hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: "0", LIENTHONG_GATEWAY_CONFIG: gatewayYaml });
    const code = await hub.exited;
    server.close();
    expect(code).toBe(1);
    expect(hub.output()).toMatch(/could not start: The supergraph does not compose/);
    expect(hub.output()).toMatch(/Enterprise\.name/);
  }, 90_000);
});

describe("readiness", () => {
  it("turns not ready, naming the subgraph, when one stops answering", async () => {
    const statistics = subgraphs.get("statistics")!.process;
    statistics.child.kill("SIGTERM");
    await statistics.exited;
    const response = await fetch(`${gatewayUrl}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/subgraph statistics/);
  });
});

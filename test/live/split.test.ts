import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openDatabase } from "../../src/database";
import { loadDemoData } from "../../src/demo/load-demo";
import { DOMAINS } from "../../src/domains";
import { publishEnrolment, changeAddresses } from "../support/publish";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { follow, run, subscriptionsStarted, useGraphqlWsClients } from "../support/graphql-ws";
import { runNode, type RunningCommand } from "../support/processes";
import { testDataDir } from "../support/test-env";
import { tokenFor } from "../support/tokens";

/**
 * The split deployment: every domain served alone (`npm run subgraph -- <domain>`) and the gateway
 * alone over them (`npm run gateway`). No subgraph resolves a subscription's root field with the
 * event here, so the gateway asks each event as a query of the supergraph, under the same mandates.
 */
const DATABASE = `lienthong_live_split_${process.pid}`;
const READY_SUBGRAPH = /Subgraph (\w+) is ready: (http:\/\/[^\s"]+)/;
const READY_GATEWAY = /GraphiQL: (http:\/\/[^\s"]+)\/graphql/;
let url: string;
let gatewayUrl: string;
const processes: RunningCommand[] = [];
const connect = useGraphqlWsClients(() => gatewayUrl);

beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  const database = await openDatabase({ databaseUrl: url, dataDir: "/nonexistent", embeddedPgPort: 1, poolSize: 2, log: () => undefined });
  await database.close();
  await loadDemoData(url, { enterprises: 300 });
  const env = { DATABASE_URL: url, PORT: "0", LIENTHONG_EXECUTION_WORKERS: "0" };
  const subgraphs = await Promise.all(
    DOMAINS.map(async (domain) => {
      const subgraph = runNode("src/cli/subgraph.js", [domain.name], env);
      processes.push(subgraph);
      await subgraph.waitFor(READY_SUBGRAPH, 120_000);
      return { name: domain.name, url: READY_SUBGRAPH.exec(subgraph.output())![2] };
    }),
  );
  const dir = fs.mkdtempSync(path.join(testDataDir(), "live-split-"));
  const gatewayYaml = path.join(dir, "gateway.yaml");
  fs.writeFileSync(gatewayYaml, `subgraphs:\n${subgraphs.map((s) => `  - name: ${s.name}\n    url: ${s.url}\n`).join("")}`);
  const gateway = runNode("src/cli/gateway.js", [], { ...env, LIENTHONG_GATEWAY_CONFIG: gatewayYaml });
  processes.push(gateway);
  await gateway.waitFor(READY_GATEWAY, 120_000);
  gatewayUrl = READY_GATEWAY.exec(gateway.output())![1];
}, 240_000);

afterAll(async () => {
  for (const running of processes) {
    running.child.kill("SIGTERM");
    await running.exited;
  }
  await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

async function as(claims: Parameters<typeof tokenFor>[0]) {
  const subject = `split-${randomUUID()}`;
  const token = await tokenFor({ ...claims, sub: subject });
  return { subject, client: connect({ authorization: `Bearer ${token}`, purpose: claims.purposes[0] }, gatewayUrl, false) };
}

describe("subscriptions through `npm run gateway` over subgraphs served alone", () => {
  it("resolve enterpriseChanged across the owners' subgraphs, refusing what the subscriber may not read", async () => {
    const [row] = await queryAt(
      url,
      "SELECT e.tax_code, e.name FROM registry.enterprise e JOIN bhxh.unit u ON u.tax_code = e.tax_code WHERE e.province_code = '19' ORDER BY e.tax_code LIMIT 1",
    );
    // Thái Nguyên: Bắc Kạn's plan grants its labour inspectors registry and tax records (schema/mandates.yaml).
    const { subject, client } = await as({ agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: "19" });
    const followed = follow(
      client,
      `subscription ($t: String!) { enterpriseChanged(taxCode: $t) { taxCode name address bhxhUnit { code } taxHeadcount { totalWages } } }`,
      { t: row.tax_code },
    );
    await subscriptionsStarted(url, subject);
    await changeAddresses(gatewayUrl, url, [row.tax_code]);
    const [event] = await followed.waitFor(1);
    const [{ address }] = await queryAt(url, "SELECT address FROM registry.enterprise WHERE tax_code = $1", [row.tax_code]);
    expect(event.data.enterpriseChanged).toMatchObject({ taxCode: row.tax_code, name: row.name, address, bhxhUnit: { code: expect.any(String) } });
    expect(event.errors.map((error: any) => [error.path.join("."), error.extensions.code])).toEqual([
      ["enterpriseChanged.taxHeadcount.totalWages", "FORBIDDEN"],
    ]);
    followed.stop();
  });

  it("resolve enrolmentChanged as the province's totals, and nothing for a province outside the subscriber's", async () => {
    const { subject, client } = await as({ agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], province: "79" });
    const other = follow(client, `subscription { enrolmentChanged(provinceCode: "01") { units } }`);
    const own = follow(client, `subscription { changed: enrolmentChanged(provinceCode: "79") { province { code name } period units compulsoryInsured } }`);
    await subscriptionsStarted(url, subject, 2);
    await publishEnrolment(gatewayUrl, url, "01");
    const batch = await publishEnrolment(gatewayUrl, url, "79");
    const [event] = await own.waitFor(1);
    expect(event).toEqual({
      data: {
        changed: { province: { code: "79", name: expect.any(String) }, period: batch.period, units: expect.any(Number), compulsoryInsured: expect.any(Number) },
      },
    });
    expect(other.received).toEqual([]);
    own.stop();
    other.stop();
  });

  it("refuse batchApplied at the start, saying where it is served", async () => {
    const { client } = await as({ agency: "bhxh", roles: ["publisher"], purposes: ["enrolment"] });
    await expect(run(client, `subscription { batchApplied(domain: "bhxh") { id } }`)).rejects.toEqual([
      expect.objectContaining({ message: expect.stringContaining("npm start") }),
    ]);
  });
});

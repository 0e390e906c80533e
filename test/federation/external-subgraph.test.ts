import fs from "node:fs";
import path from "node:path";
import { subgraphKey } from "../../src/gateway/signing";
import { dataOf, startTestHub, type TestHub } from "../support/hub";
import { PROJECT_ROOT, runCommand, type RunningCommand } from "../support/processes";
import { TEST_SECRETS, testDataDir } from "../support/test-env";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";
import { IZB_MANDATE, IZB_OWN_ZONES_MANDATE } from "../support/izb";

// Another agency's own Federation 2 service (examples/industrial-zone-board), joined by gateway.yaml.
const SERVER = path.join(PROJECT_ROOT, "examples", "industrial-zone-board", "server.mjs");
const LISTENING = /\{"event":"listening","url":"(http:\/\/[^"]+)"/;

const QUERY = `query ($taxCode: String!) { enterprise(taxCode: $taxCode) { name zoneWorkforce { zoneCode workers reportedMonth } } }`;

let board: RunningCommand;
let hub: TestHub;
let taxCode: string;
let reported: { zone_code: string; workers: number };

function operationLines(): { event: string; requestId?: string; fields?: string[] }[] {
  return board
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event: string; requestId?: string; fields?: string[] })
    .filter((line) => line.event === "operation");
}

beforeAll(async () => {
  board = runCommand(process.execPath, [SERVER], { PORT: "0", IZB_SUBGRAPH_KEY: subgraphKey(TEST_SECRETS.LIENTHONG_SUBGRAPH_KEY, "izb") });
  await board.waitFor(LISTENING, 30_000);
  const url = LISTENING.exec(board.output())![1];
  const dir = fs.mkdtempSync(path.join(testDataDir(), "izb-"));
  const gatewayYaml = path.join(dir, "gateway.yaml");
  fs.writeFileSync(gatewayYaml, `subgraphs:\n  - name: izb\n    url: ${url}\n`);
  const mandates = path.join(dir, "mandates.yaml");
  fs.writeFileSync(mandates, fs.readFileSync(path.join(PROJECT_ROOT, "schema", "mandates.yaml"), "utf8") + IZB_MANDATE + IZB_OWN_ZONES_MANDATE);
  // In-process under jest, whose module sandbox cannot load the Rust planner (a dynamic import);
  // the separate-process tests (gateway-processes.test.ts) run the Rust one.
  hub = await startTestHub({ LIENTHONG_GATEWAY_CONFIG: gatewayYaml, LIENTHONG_MANDATES_FILE: mandates, LIENTHONG_QUERY_PLANNER: "javascript" });
  // An enterprise the board reports on that the run's registry also holds.
  const rows = fs
    .readFileSync(path.join(PROJECT_ROOT, "examples", "industrial-zone-board", "zone-workforce.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
  const [known] = await hub.sql<{ tax_code: string }>("SELECT tax_code FROM registry.enterprise WHERE tax_code = ANY($1) ORDER BY tax_code LIMIT 1", [
    rows.map(([code]) => code),
  ]);
  const [code, zone, workers] = rows.find(([candidate]) => candidate === known.tax_code)!;
  taxCode = code;
  reported = { zone_code: zone, workers: Number(workers) };
}, 60_000);

afterAll(async () => {
  await hub?.stop();
  board.child.kill("SIGTERM");
  await board.exited;
});

describe("another agency's subgraph, joined by gateway.yaml", () => {
  it("composes into the graph: its field is in the schema clients see", async () => {
    const { data } = await hub.graphql(`{ __type(name: "Enterprise") { fields { name } } }`);
    expect(data.__type.fields.map((field: { name: string }) => field.name)).toContain("zoneWorkforce");
  });

  it("answers its field through the gateway under a mandate, next to the registry's", async () => {
    const before = operationLines().length;
    const response = await hub.graphql(QUERY, { taxCode });
    const data = dataOf(response);
    expect(data.enterprise.name).toEqual(expect.any(String));
    expect(data.enterprise.zoneWorkforce).toMatchObject({ zoneCode: reported.zone_code, workers: reported.workers });
    // The board was asked once, signed, for the entity's zone field, as the principal who asked
    // (its line is written as its answer goes out: wait for the pipe to deliver it).
    await board.waitFor(response.headers.get("x-request-id")!, 10_000);
    const asked = operationLines().slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0].fields).toEqual(expect.arrayContaining(["Query._entities", "Enterprise.zoneWorkforce"]));
    // Planned across two subgraphs: the registry (in-process, through the transport hook) and the board.
    expect(response.extensions?.stats.subgraphRequests).toBe(2);
  });

  it("refuses its field without a mandate, and never asks the board for it", async () => {
    const before = operationLines().length;
    // A BHXH analyst reads enterprises for enrolment, but no mandate grants it the zone board's data.
    const response = await hub.graphql(QUERY, { taxCode }, await headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"] }));
    expect(response.data.enterprise.name).toEqual(expect.any(String));
    expect(response.data.enterprise.zoneWorkforce).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ["enterprise", "zoneWorkforce"],
        extensions: expect.objectContaining({ code: "FORBIDDEN", field: "Enterprise.zoneWorkforce" }),
      }),
    ]);
    expect(operationLines().slice(before)).toEqual([]);
    expect(response.extensions?.stats.subgraphRequests ?? 0).toBe(0);
  });

  it("records the board's mandate in the audit row, like any owner's", async () => {
    const response = await hub.graphql(QUERY, { taxCode }, await headersFor(NATIONAL_BHXH_INSPECTOR));
    const requestId = response.headers.get("x-request-id");
    const [row] = await hub.sql<{ entry: { mandatesUsed: string[]; domains: string[] } }>(
      "SELECT entry::jsonb AS entry FROM hub.audit_log WHERE request_id = $1",
      [requestId],
    );
    expect(row.entry.mandatesUsed).toContain("izb-zone-workforce-to-bhxh-inspection");
    expect(row.entry.domains).toContain("izb");
  });

  it("lets a zone board reach its own reports only through an enterprise of its zones, and asks the board nothing for another zone's", async () => {
    const [{ province_code: province }] = await hub.sql<{ province_code: string }>("SELECT province_code FROM registry.enterprise WHERE tax_code = $1", [
      taxCode,
    ]);
    const [other] = await hub.sql<{ code: string }>("SELECT code FROM hub.industrial_zone WHERE province_code = $1 AND code <> $2 ORDER BY code LIMIT 1", [
      province,
      reported.zone_code,
    ]);
    expect(other).toBeDefined();
    const asBoardOf = (zone: string) => headersFor({ agency: "izb", roles: ["analyst"], purposes: ["monitoring"], province, zones: [zone] });

    const own = dataOf(await hub.graphql(QUERY, { taxCode }, await asBoardOf(reported.zone_code)));
    expect(own.enterprise.zoneWorkforce).toMatchObject({ zoneCode: reported.zone_code, workers: reported.workers });

    const before = operationLines().length;
    const response = await hub.graphql(QUERY, { taxCode }, await asBoardOf(other.code));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ enterprise: null });
    // The registry found no enterprise this board may see, so there was nothing to ask the board about.
    expect(operationLines().slice(before)).toEqual([]);
  });
});

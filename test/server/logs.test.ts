import { freePort } from "../support/free-port";
import { runNode, type RunningCommand } from "../support/processes";
import { testDatabaseUrl } from "../support/test-env";

// The log is the process's stderr: read it from a real hub.
let hub: RunningCommand;
let url: string;
beforeAll(async () => {
  hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: String(await freePort()), LIENTHONG_LOG_LEVEL: "info" });
  await hub.waitFor(/GraphiQL: (http:\/\/[^\s"]+)\/graphql/);
  url = /GraphiQL: (http:\/\/[^\s"]+)\/graphql/.exec(hub.output())![1];
});
afterAll(async () => {
  hub.child.kill("SIGINT");
  await hub.exited;
});

function logLines(): Record<string, any>[] {
  return hub
    .output()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, any>);
}

describe("the hub's log", () => {
  it("is one JSON object per line, start-up lines included", () => {
    const lines = logLines();
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Liên thông is ready in/), expect.stringMatching(/^GraphiQL: http/)]),
    );
    for (const line of lines) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
  });

  it("cannot be forged through an operation name, which it logs bounded in a field with the request id", async () => {
    const forged = `Q\n{"level":"error","msg":"forged"}\n${"z".repeat(5_000)}`;
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query Q { provinces { code } }", operationName: forged }),
    });
    const requestId = response.headers.get("x-request-id");
    const lines = logLines();
    expect(lines.some((line) => line.msg === "forged")).toBe(false);
    const line = lines.find((l) => l.requestId === requestId && l.msg === "request");
    expect(line).toMatchObject({ msg: "request", operationName: { text: forged.slice(0, 100), length: forged.length } });
    for (const about of lines.filter((l) => l.requestId === requestId)) expect(JSON.stringify(about).length).toBeLessThan(1_000);
  });
});

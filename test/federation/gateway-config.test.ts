import fs from "node:fs";
import path from "node:path";
import { runNode } from "../support/processes";
import { testDatabaseUrl, testDataDir } from "../support/test-env";

// gateway.yaml is an operator's input: anything malformed stops the start, naming the file, the entry and what is wrong.
describe("gateway.yaml", () => {
  it.each([
    ["an unknown key", "subgraph:\n  - name: izb\n", /unknown key "subgraph"/],
    [
      "a name that cannot be an owner",
      "subgraphs:\n  - name: Zone Board\n    url: http://127.0.0.1:1/graphql\n",
      /subgraphs\[0\]: name must be lower-case letters/,
    ],
    [
      "a name used twice",
      "subgraphs:\n  - name: izb\n    url: http://127.0.0.1:1/graphql\n  - name: izb\n    url: http://127.0.0.1:2/graphql\n",
      /subgraphs\[1\]: the name izb is used twice/,
    ],
    ["a URL that is not http(s)", "subgraphs:\n  - name: izb\n    url: file:///etc/passwd\n", /subgraphs\[0\] \(izb\): url must be an http\(s\) URL/],
    [
      "an entry with an extra key",
      "subgraphs:\n  - name: izb\n    url: http://127.0.0.1:1/graphql\n    key: secret\n",
      /unknown key "key" \(only name and url\)/,
    ],
  ])(
    "with %s stops the start and says where",
    async (_what, text, message) => {
      const file = path.join(fs.mkdtempSync(path.join(testDataDir(), "gateway-yaml-")), "gateway.yaml");
      fs.writeFileSync(file, text);
      const hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: "0", LIENTHONG_GATEWAY_CONFIG: file });
      expect(await hub.exited).toBe(1);
      expect(hub.output()).toMatch(/could not start: /);
      expect(hub.output()).toContain(file);
      expect(hub.output()).toMatch(message);
    },
    60_000,
  );
});

import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { buildHubSchema, printHubSchema } from "../../src/schema";

describe("schema/schema.graphql", () => {
  it("is exactly what the code builds (run `npm run schema:emit` after changing the graph)", async () => {
    const checkedIn = fs.readFileSync(path.join(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(printHubSchema((await buildHubSchema()).schema)).toBe(checkedIn);
  });
});

import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { buildHubSchema, printHubSchema } from "../../src/schema";

const checkedIn = (file: string) => fs.readFileSync(path.join(__dirname, "../../schema", file), "utf8");

describe("the schema files in schema/ (run `npm run schema:emit` after changing the graph)", () => {
  it("schema.graphql is exactly the graph the code builds", async () => {
    expect(printHubSchema((await buildHubSchema()).schema)).toBe(checkedIn("schema.graphql"));
  });

  it("supergraph.graphql is exactly the hosted subgraphs as the composer joins them", async () => {
    const { graph } = await buildHubSchema();
    const sdl = graph.supergraph.supergraphSdl;
    expect(sdl.endsWith("\n") ? sdl : `${sdl}\n`).toBe(checkedIn("supergraph.graphql"));
  });
});

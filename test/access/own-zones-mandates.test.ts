import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { PROJECT_ROOT, runNode } from "../support/processes";

/**
 * Validation of `scope: own-zones` and of an undated legal basis in the mandates file
 * (src/access/mandates-file.ts), run as `npm run mandates:check -- file` on copies of
 * schema/mandates.yaml whose industrial-zone board mandate carries one mistake.
 */
const BOARD = "registry-zone-enterprises-to-izb";
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-own-zones-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

type Entry = Record<string, any>;

function withBoardMandate(name: string, change: (mandate: Entry) => void): string {
  const content = parse(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "mandates.yaml"), "utf8")) as { mandates: Entry[] };
  const mandate = content.mandates.find((m) => m.id === BOARD);
  if (!mandate) throw new Error(`schema/mandates.yaml has no mandate ${BOARD}`);
  change(mandate);
  const file = path.join(folder, `${name}.yaml`);
  fs.writeFileSync(file, stringify(content));
  return file;
}

async function check(file: string): Promise<{ code: number | null; about: string[] }> {
  const command = runNode("src/cli/mandates-check.js", [file], {});
  const code = await command.exited;
  return {
    code,
    about: command
      .output()
      .split("\n")
      .filter((line) => line.includes(`mandate "${BOARD}": `)),
  };
}

describe("scope own-zones in the mandates file", () => {
  it("accepts the board's mandate as checked in: own-zones, record, legal basis undated", async () => {
    expect(await check(withBoardMandate("unchanged", () => undefined))).toEqual({ code: 0, about: [] });
  });

  it("refuses own-zones on an aggregate mandate: the protected count table has no zones", async () => {
    const result = await check(withBoardMandate("aggregate", (m) => (m.granularity = "aggregate")));
    expect(result).toEqual({ code: 1, about: [expect.stringContaining("scope own-zones is for record mandates only")] });
  });

  it("refuses a root or province field under own-zones, naming it: only enterprises are limited to zones", async () => {
    const result = await check(
      withBoardMandate("root-field", (m) => {
        m.owner = "bhxh";
        m.fields = ["Enterprise.bhxhUnit", "Query.inspectionCandidates", "Province.enrolment"];
      }),
    );
    expect(result.code).toBe(1);
    expect(result.about).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Query.inspectionCandidates reads beyond an enterprise"),
        expect.stringContaining("Province.enrolment reads beyond an enterprise"),
      ]),
    );
    expect(result.about.some((line) => line.includes("Enterprise.bhxhUnit"))).toBe(false);
  });

  it("refuses a legal basis date that is neither a date nor undated", async () => {
    const result = await check(withBoardMandate("bad-date", (m) => (m.legalBasis.date = "sometime in 2015")));
    expect(result).toEqual({
      code: 1,
      about: [
        expect.stringContaining('legalBasis.date must be a real date as YYYY-MM-DD (or undated when the copy held carries none), not "sometime in 2015"'),
      ],
    });
  });
});

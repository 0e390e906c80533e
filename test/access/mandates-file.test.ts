import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { PROJECT_ROOT, runNode } from "../support/processes";
import { TEST_SECRETS, testDatabaseUrl } from "../support/test-env";

/**
 * Validation of the mandates file (src/access/mandates-file.ts), run the way a user runs it:
 * `npm run mandates:check [-- file]` (node dist/src/cli/mandates-check.js), and the hub's own start.
 * Each broken file is schema/mandates.yaml with one realistic mistake, made through the `yaml`
 * package, so every other mandate stays valid and the message must single out the broken one.
 */

interface MandateEntry {
  id: string;
  grantee: { agency: string; roles: string[] };
  owner: string;
  fields: string[];
  purposes: string[];
  legalBasis?: { document: string; date: string; article?: string; title: string };
  validFrom: string;
  validTo: string | null;
  [key: string]: unknown;
}

interface MandatesFile {
  open: unknown;
  mandates: MandateEntry[];
}

const MANDATES_FILE = path.join(PROJECT_ROOT, "schema", "mandates.yaml");
const REGISTRY_TO_BHXH = "registry-identity-to-bhxh";
const TAX_TO_LABOUR = "tax-headcount-to-labour";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-mandates-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** The checked-in mandates file as plain data, fresh for each change. */
function mandatesFile(): MandatesFile {
  return parse(fs.readFileSync(MANDATES_FILE, "utf8")) as MandatesFile;
}

/** Writes text as `<name>.yaml` in the test folder and returns its path. */
function writeFile(name: string, text: string): string {
  const file = path.join(folder, `${name}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

/** A copy of the mandates file with `change` applied to the mandate `id`. */
function withMandateChanged(name: string, id: string, change: (mandate: MandateEntry) => void): string {
  const content = mandatesFile();
  const mandate = content.mandates.find((m) => m.id === id);
  if (!mandate) throw new Error(`schema/mandates.yaml has no mandate ${id}`);
  change(mandate);
  return writeFile(name, stringify(content));
}

/** Runs `npm run mandates:check -- file` to its end (no file: the default one). */
async function check(file?: string): Promise<{ code: number | null; output: string }> {
  const command = runNode("src/cli/mandates-check.js", file ? [file] : [], {});
  const code = await command.exited;
  return { code, output: command.output() };
}

/** The file was refused with exit 1, and `problem` is listed against the mandate `id`. */
async function expectRefused(file: string, id: string, problem: string | RegExp): Promise<string> {
  const { code, output } = await check(file);
  const about = output.split("\n").filter((line) => line.includes(`mandate "${id}": `));
  // Compared as one object, so a failure shows what the command printed.
  expect({ code, about, output }).toEqual({
    code: 1,
    about: expect.arrayContaining([typeof problem === "string" ? expect.stringContaining(problem) : expect.stringMatching(problem)]),
    output: expect.not.stringContaining("valid."),
  });
  return output;
}

describe("npm run mandates:check", () => {
  it("accepts schema/mandates.yaml and says what it holds", async () => {
    const explicit = await check(MANDATES_FILE);
    expect(explicit.code).toBe(0);
    expect(explicit.output).toMatch(/^schema\/mandates\.yaml: valid\. \d+ mandates to \d+ agencies/);

    const byDefault = await check();
    expect(byDefault.code).toBe(0);
    expect(byDefault.output).toContain("schema/mandates.yaml: valid.");
  });

  it("accepts a copy rewritten through the yaml package, so the broken copies below differ by their one mistake only", async () => {
    const { code, output } = await check(writeFile("unchanged", stringify(mandatesFile())));
    expect(code).toBe(0);
    expect(output).toContain("valid.");
  });

  it("refuses a field of a type the graph does not have, naming the mandate and the type", async () => {
    const file = withMandateChanged("unknown-type", REGISTRY_TO_BHXH, (m) => m.fields.push("Nope.name"));
    await expectRefused(file, REGISTRY_TO_BHXH, "unknown field Nope.name (no type Nope)");
  });

  it("refuses a field the type does not have, naming the mandate and the field", async () => {
    const file = withMandateChanged("unknown-field", REGISTRY_TO_BHXH, (m) => m.fields.push("Enterprise.nope"));
    await expectRefused(file, REGISTRY_TO_BHXH, "unknown field Enterprise.nope");
  });

  it("refuses a field owned by another domain, naming both owners", async () => {
    const file = withMandateChanged("other-owner", REGISTRY_TO_BHXH, (m) => m.fields.push("Enterprise.taxHeadcount"));
    await expectRefused(file, REGISTRY_TO_BHXH, "Enterprise.taxHeadcount belongs to tax, not to the owner registry");
  });

  it("refuses an unknown agency, naming it", async () => {
    const file = withMandateChanged("unknown-agency", TAX_TO_LABOUR, (m) => (m.grantee.agency = "ministry"));
    await expectRefused(file, TAX_TO_LABOUR, 'grantee.agency "ministry" is unknown');
  });

  it("refuses an unknown role, naming it", async () => {
    const file = withMandateChanged("unknown-role", TAX_TO_LABOUR, (m) => m.grantee.roles.push("director"));
    await expectRefused(file, TAX_TO_LABOUR, 'grantee.roles: "director" unknown');
  });

  it("refuses an unknown purpose, naming it", async () => {
    const file = withMandateChanged("unknown-purpose", TAX_TO_LABOUR, (m) => m.purposes.push("curiosity"));
    await expectRefused(file, TAX_TO_LABOUR, 'purposes: "curiosity" unknown');
  });

  it("refuses a former province's code under provinces, naming the province it merged into", async () => {
    // Bắc Kạn (06) became part of Thái Nguyên (19) on 1 July 2025: its plan binds 19 now.
    const file = withMandateChanged("former-province", TAX_TO_LABOUR, (m) => (m.provinces = ["06"]));
    await expectRefused(file, TAX_TO_LABOUR, "provinces: 06 is Bắc Kạn, a former province merged into 19 Thái Nguyên on 1 July 2025; name 19");
  });

  it("refuses a province code no province has", async () => {
    const file = withMandateChanged("no-such-province", TAX_TO_LABOUR, (m) => (m.provinces = ["19", "99"]));
    await expectRefused(file, TAX_TO_LABOUR, "provinces: no province in force has the code 99");
  });

  it("refuses provinces on a national mandate: its rows would reach past those provinces", async () => {
    const file = withMandateChanged("national-with-provinces", REGISTRY_TO_BHXH, (m) => (m.provinces = ["19"]));
    await expectRefused(file, REGISTRY_TO_BHXH, "use scope own-province");
  });

  it("refuses a mandate without a legal basis", async () => {
    const file = withMandateChanged("no-legal-basis", REGISTRY_TO_BHXH, (m) => delete m.legalBasis);
    await expectRefused(file, REGISTRY_TO_BHXH, /legal basis .* is missing/);
  });

  it("refuses a legal basis that cites no article", async () => {
    const file = withMandateChanged("no-article", REGISTRY_TO_BHXH, (m) => delete m.legalBasis!.article);
    await expectRefused(file, REGISTRY_TO_BHXH, "legalBasis.article is missing");
  });

  it("refuses validTo before validFrom, quoting both dates", async () => {
    const file = withMandateChanged("ends-before-start", REGISTRY_TO_BHXH, (m) => {
      m.validFrom = "2025-07-01";
      m.validTo = "2025-06-30";
    });
    await expectRefused(file, REGISTRY_TO_BHXH, "validTo (2025-06-30) is not after validFrom (2025-07-01)");
  });

  it("accepts a mandate valid for one day: validTo is the last day it applies", async () => {
    const file = withMandateChanged("one-day", REGISTRY_TO_BHXH, (m) => {
      m.validFrom = "2025-07-01";
      m.validTo = "2025-07-01";
    });
    const { code, output } = await check(file);
    expect(output).toContain("valid.");
    expect(code).toBe(0);
  });

  it("refuses a validFrom that is not a day of the calendar", async () => {
    const file = withMandateChanged("no-such-day", REGISTRY_TO_BHXH, (m) => (m.validFrom = "2025-02-30"));
    await expectRefused(file, REGISTRY_TO_BHXH, 'validFrom "2025-02-30" is not a date');
  });

  it("refuses a legal basis dated on a day the calendar does not have", async () => {
    const file = withMandateChanged("no-such-issue-date", REGISTRY_TO_BHXH, (m) => (m.legalBasis!.date = "2024-02-31"));
    await expectRefused(file, REGISTRY_TO_BHXH, /legalBasis\.date .*2024-02-31/);
  });

  it("refuses an id used twice", async () => {
    const content = mandatesFile();
    const original = content.mandates.find((m) => m.id === REGISTRY_TO_BHXH)!;
    content.mandates.push({ ...structuredClone(original), purposes: ["monitoring"] });
    await expectRefused(writeFile("duplicate-id", stringify(content)), REGISTRY_TO_BHXH, "the id is used twice");
  });

  it("refuses an unknown key, such as `purpose` for `purposes`, instead of ignoring it", async () => {
    const file = withMandateChanged("typo", TAX_TO_LABOUR, (m) => {
      m.purpose = m.purposes;
      delete (m as Partial<MandateEntry>).purposes;
    });
    const output = await expectRefused(file, TAX_TO_LABOUR, 'unknown key "purpose"');
    expect(output).toContain(`mandate "${TAX_TO_LABOUR}": purposes must be a non-empty list`);
  });

  it("lists every problem of a file, not only the first", async () => {
    const content = mandatesFile();
    content.mandates.find((m) => m.id === REGISTRY_TO_BHXH)!.fields.push("Enterprise.nope");
    content.mandates.find((m) => m.id === TAX_TO_LABOUR)!.grantee.agency = "ministry";
    const output = await expectRefused(writeFile("two-problems", stringify(content)), REGISTRY_TO_BHXH, "unknown field Enterprise.nope");
    expect(output).toContain("has 2 problems");
    expect(output).toContain(`mandate "${TAX_TO_LABOUR}": grantee.agency "ministry" is unknown`);
  });

  it("refuses a file that is not valid YAML, giving the line", async () => {
    // A flow list left open under the first mandate: the kind of slip an editor makes by hand.
    const text = fs.readFileSync(MANDATES_FILE, "utf8").replace(`  - id: ${REGISTRY_TO_BHXH}\n`, `  - id: ${REGISTRY_TO_BHXH}\n    purposes: [enrolment\n`);
    const file = writeFile("invalid-yaml", text);
    const { code, output } = await check(file);
    expect(code).toBe(1);
    expect(output).toMatch(/^ {2}- YAML: .* at line \d+, column \d+/m);
    expect(output).not.toContain("valid.");
  });

  it("refuses a file it cannot read, naming it", async () => {
    const missing = path.join(folder, "missing.yaml");
    const { code, output } = await check(missing);
    expect(code).toBe(1);
    expect(output).toContain(missing);
    expect(output).toContain("cannot be read");
  });
});

describe("the hub with a broken mandates file", () => {
  it("refuses to start, naming the mandate and the problem", async () => {
    const badFile = withMandateChanged("hub-start", REGISTRY_TO_BHXH, (m) => (m.grantee.agency = "ministry"));
    const hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: "0", LIENTHONG_MANDATES_FILE: badFile, ...TEST_SECRETS });
    const code = await hub.exited;
    expect(hub.output()).toContain("could not start");
    expect(hub.output()).toContain(`mandate "${REGISTRY_TO_BHXH}": grantee.agency "ministry" is unknown`);
    expect(hub.output()).not.toContain("GraphiQL:");
    expect(code).toBe(1);
  });
});

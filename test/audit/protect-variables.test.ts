import { createHmac } from "node:crypto";
import { canonicalEntry, parseEntry, protectVariables } from "../../src/audit";
import { sampleEntry } from "../support/audit";

const KEY = "variables-test-key";
const token = (value: string) => `hmac:${createHmac("sha256", KEY).update(value).digest("hex").slice(0, 16)}`;

describe("protectVariables", () => {
  it("replaces every string, however deep, by a keyed hash and keeps names, numbers, booleans and nulls", () => {
    const variables = { taxCode: "0100233488", first: 20, exact: true, after: null, filter: { status: ["ACTIVE"], search: "cong ty may" } };
    expect(protectVariables(variables, KEY)).toEqual({
      taxCode: token("0100233488"),
      first: 20,
      exact: true,
      after: null,
      filter: { status: [token("ACTIVE")], search: token("cong ty may") },
    });
    expect(variables.taxCode).toBe("0100233488");
  });

  it("gives the same token for the same value, and none without variables", () => {
    expect(protectVariables({ a: "012345678901", b: "012345678901" }, KEY)).toEqual({ a: token("012345678901"), b: token("012345678901") });
    expect(protectVariables({ a: "x" }, "another-key")).not.toEqual(protectVariables({ a: "x" }, KEY));
    expect(protectVariables(null, KEY)).toBeNull();
    expect(protectVariables(undefined, KEY)).toBeNull();
  });
});

describe("canonicalEntry", () => {
  it("writes the same entry as the same text, keys in a fixed order, and reads it back", () => {
    const entry = sampleEntry({ at: new Date("2026-03-04T05:06:07.089Z"), variables: { b: 1, a: { d: 2, c: 3 } } });
    const text = canonicalEntry(entry);
    expect(text).toBe(canonicalEntry({ ...entry, variables: { a: { c: 3, d: 2 }, b: 1 } }));
    expect(text.startsWith(`{"at":"2026-03-04T05:06:07.089Z","requestId":`)).toBe(true);
    expect(text).toContain(`"variables":{"a":{"c":3,"d":2},"b":1}`);
    expect(Object.keys(JSON.parse(text))).toEqual([
      "at",
      "requestId",
      "clientRequestId",
      "subject",
      "agency",
      "roles",
      "provinceCode",
      "purpose",
      "operationType",
      "operationName",
      "documentHash",
      "variables",
      "fieldsTouched",
      "mandatesUsed",
      "fieldsDenied",
      "domains",
      "rowsReturned",
      "provincesReturned",
      "durationMs",
      "outcome",
      "errorCodes",
    ]);
    expect(parseEntry(text)).toEqual(entry);
  });

  it("refuses an entry without a valid time", () => {
    expect(() => canonicalEntry(sampleEntry({ at: new Date("nonsense") }))).toThrow("valid `at`");
  });
});

import { periodProblem, taxCodeProblem } from "../../src/identifiers";

describe("tax codes", () => {
  it.each(["0100233488", "0314409058", "0100109106", "0100233488-001", "0100233488-999"])("accepts %s", (code) => {
    expect(taxCodeProblem(code)).toBeNull();
  });

  it.each([
    ["0100233489", /check digit/],
    ["0100233488-000", /001 to 999/],
    ["01002334880", /10 digits/],
    ["0100 233488", /10 digits/],
    ["", /10 digits/],
  ])("refuses %s", (code, reason) => {
    expect(taxCodeProblem(code)).toMatch(reason);
  });

  it("refuses nine digits whose weighted sum is a multiple of 11, for which no check digit exists", () => {
    // All zeros weigh 0, which is ≡ 0 (mod 11): whatever the tenth digit, the code is invalid.
    for (let check = 0; check <= 9; check++) expect(taxCodeProblem(`000000000${check}`)).toMatch(/check digit/);
  });
});

describe("periods", () => {
  it("accepts each domain's granularity and explains the one it wants", () => {
    expect(periodProblem("2026-03", ["month"])).toBeNull();
    expect(periodProblem("2026-Q3", ["quarter"])).toBeNull();
    expect(periodProblem("2025", ["quarter", "year"])).toBeNull();
    expect(periodProblem("2026-03", ["quarter"])).toMatch(/per quarter.*YYYY-Qn/);
    expect(periodProblem("2026-13", ["month"])).toMatch(/YYYY-MM/);
  });

  it("dates a registry extract by a day that exists", () => {
    expect(periodProblem("2026-11-20", ["day"])).toBeNull();
    expect(periodProblem("2024-02-29", ["day"])).toBeNull();
    expect(periodProblem("2026-02-29", ["day"])).toBe("2026-02-29 is not a day of the calendar");
    expect(periodProblem("2026-11", ["day"])).toMatch(/per day: write YYYY-MM-DD/);
    expect(periodProblem("2026-11-20", ["month"])).toMatch(/per month: write YYYY-MM/);
  });
});

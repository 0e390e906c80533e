import { useTestHub } from "../support/hub";

const hub = useTestHub();
const SEARCH = `query ($filter: EnterpriseFilter) { enterprises(first: 1, filter: $filter) { totalCount } }`;

describe("strings no argument can hold", () => {
  it("refuses a NUL byte in a variable as BAD_USER_INPUT naming the variable, before anything runs", async () => {
    const response = await hub.graphql(SEARCH, { filter: { search: "công ty\u0000 may" } });
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", variable: "$filter.search" });
    expect(response.errors![0].message).toContain("NUL byte");
  });

  it("refuses a NUL byte in a string literal, naming the argument", async () => {
    const response = await hub.graphql(`{ enterprises(first: 1, filter: { search: "cong\\u0000ty" }) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.search" });
  });

  it("refuses a 900 KB variable without echoing it: the message is short and says how long it was", async () => {
    const huge = "x".repeat(900_000);
    const response = await hub.graphql(`query ($taxCode: String!) { enterprise(taxCode: $taxCode) { name } }`, { taxCode: huge });
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", variable: "$taxCode" });
    expect(response.errors![0].message).toContain("900000 characters");
    expect(JSON.stringify(response.errors).length).toBeLessThan(500);
  });

  it("refuses an over-long string literal, naming the argument", async () => {
    const response = await hub.graphql(`{ enterprise(taxCode: "${"1".repeat(2_001)}") { name } }`);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "taxCode" });
    expect(response.errors![0].message).toContain("at most 2000");
  });

  it("refuses an over-long or NUL-bearing field name inside a variable", async () => {
    const response = await hub.graphql(SEARCH, { filter: { ["k".repeat(3_000)]: 1 } });
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", variable: "$filter" });
    expect(JSON.stringify(response.errors).length).toBeLessThan(500);
  });
});

describe("errors about a bad value", () => {
  it("quote only the first 40 characters of the value and its length", async () => {
    const value = "0".repeat(1_500);
    const response = await hub.graphql(`query ($taxCode: String!) { enterprise(taxCode: $taxCode) { name } }`, { taxCode: value });
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "taxCode" });
    expect(response.errors![0].message).toContain(`"${"0".repeat(40)}"… (1500 characters)`);
    expect(response.errors![0].message).not.toContain("0".repeat(41));
  });

  it("cut graphql-js's own quotes of a value of the wrong type", async () => {
    const response = await hub.graphql(`query ($first: Int) { enterprises(first: $first) { totalCount } }`, { first: "9".repeat(1_500) });
    expect(response.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors![0].message).toContain("(1500 characters)");
    expect(response.errors![0].message.length).toBeLessThan(400);
  });
});

describe("filter.industrialZoneCode", () => {
  it.each([["KCN"], ["kcn79-01"], ["KCN79-01; DROP"], ["x".repeat(300)]])("refuses %s with BAD_USER_INPUT and the expected shape", async (code) => {
    const response = await hub.graphql(SEARCH, { filter: { industrialZoneCode: code } });
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.industrialZoneCode" });
    expect(response.errors![0].message).toContain("KCN79-01");
  });

  it("accepts a well-formed code", async () => {
    const response = await hub.graphql(SEARCH, { filter: { industrialZoneCode: "KCN79-01" } });
    expect(response.errors).toBeUndefined();
  });
});

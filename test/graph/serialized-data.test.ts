import { SerializedData, stringifyResult } from "../../src/graphql/serialized-data";

/**
 * Data an execution worker serialized is written as it is: the answer must be byte for byte what
 * Apollo's own serialization (JSON.stringify of errors, data, extensions, then a newline) wrote.
 */
describe("stringifyResult", () => {
  const data = { enterprises: { totalCount: 2, edges: [{ node: { name: "Công ty TNHH Đồng Nai", taxHeadcount: null } }] } };
  const errors = [
    { message: "Enterprise.taxHeadcount is refused.", path: ["enterprises", "edges", 0, "node", "taxHeadcount"], extensions: { code: "FORBIDDEN" } },
  ];
  const extensions = { stats: { sqlStatements: 4 } };
  const apollo = (value: object) => `${JSON.stringify(value)}\n`;

  it.each([
    ["data alone", { data }],
    ["errors and data", { errors, data }],
    ["data and extensions", { data, extensions }],
    ["all three", { errors, data, extensions }],
    ["undefined members left out", { errors: undefined, data, extensions: undefined }],
  ])("writes %s as Apollo would", (_name, value: { errors?: typeof errors; data: typeof data; extensions?: typeof extensions }) => {
    const ordered = { errors: value.errors, data: value.data, extensions: value.extensions };
    expect(stringifyResult({ ...ordered, data: new SerializedData(JSON.stringify(value.data)) as never })).toBe(apollo(ordered));
  });

  it("serializes anything else with JSON.stringify, and SerializedData through toJSON too", () => {
    expect(stringifyResult({ data: null, errors })).toBe(apollo({ data: null, errors }));
    expect(JSON.stringify({ data: new SerializedData(JSON.stringify(data)) })).toBe(JSON.stringify({ data }));
  });
});

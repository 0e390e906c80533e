import "reflect-metadata";
import { GraphQLError, Kind, buildSchema, execute, parse, print, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { insertRefusals, rewriteForAccess } from "../../src/access/door";
import { ErrorCode } from "../../src/errors";
import { buildHubSchema } from "../../src/schema";

const refusal = (coordinate: string) =>
  new GraphQLError(`Refused: ${coordinate} needs a mandate.`, { extensions: { code: ErrorCode.FORBIDDEN, field: coordinate } });

/** A decision that refuses `refused` and records every coordinate it is asked about. */
function door(...refused: string[]) {
  const asked: string[] = [];
  const decide = (coordinate: string): true | GraphQLError => {
    asked.push(coordinate);
    return refused.includes(coordinate) ? refusal(coordinate) : true;
  };
  return { asked, decide };
}

/** The hub's shapes in miniature, answered from a root value: no database, and an interface to try abstract types on. */
const miniature = buildSchema(`
  interface Node { id: ID! }
  type Query {
    enterprise(taxCode: String!): Enterprise
    enterprises(first: Int): EnterpriseConnection!
    node(id: ID!): Node
    nodes: [Node]
  }
  type EnterpriseConnection { edges: [EnterpriseEdge!] totalCount: Int }
  type EnterpriseEdge { cursor: String! node: Enterprise! }
  type Enterprise implements Node {
    id: ID!
    taxCode: String!
    name: String
    legalRepresentative: LegalRepresentative
    taxHeadcount(period: String): TaxHeadcount
  }
  type LegalRepresentative { fullName: String idNumber: String }
  type TaxHeadcount { period: String! employees: Int }
  type Province implements Node { id: ID! name: String }
`);

const enterprise = (n: number) => ({
  __typename: "Enterprise",
  id: `e${n}`,
  taxCode: `010000000${n}`,
  name: `Công ty ${n}`,
  legalRepresentative: n === 1 ? null : { fullName: `Người ${n}`, idNumber: `00120000000${n}` },
  taxHeadcount: () => ({ period: "2025-Q2", employees: 10 * n }),
});
const rootValue = {
  enterprise: ({ taxCode }: { taxCode: string }) => enterprise(Number(taxCode.slice(-1))),
  enterprises: () => ({ totalCount: 3, edges: [0, 1, 2].map((n) => ({ cursor: `c${n}`, node: enterprise(n) })) }),
  node: ({ id }: { id: string }) => (id.startsWith("e") ? enterprise(Number(id.slice(1))) : { __typename: "Province", id, name: "Nghệ An" }),
  nodes: () => [enterprise(0), { __typename: "Province", id: "p40", name: "Nghệ An" }],
};

/** Rewrites `source` on the miniature, executes what comes out, and puts the refusals back. */
function answer(source: string, refused: string[], variableValues?: Record<string, unknown>) {
  const { decide } = door(...refused);
  const rewritten = rewriteForAccess(miniature, parse(source), undefined, decide);
  const result = execute({ schema: miniature, document: rewritten.document, rootValue, variableValues }) as ExecutionResult;
  return { rewritten, result: insertRefusals(result, rewritten.refused) };
}

const paths = (result: ExecutionResult) => (result.errors ?? []).map((error) => error.path);
const fragmentNames = (document: DocumentNode) =>
  document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : []));

describe("rewriteForAccess on the hub's schema", () => {
  let hub: GraphQLSchema;
  beforeAll(async () => {
    hub = (await buildHubSchema()).schema;
  });

  it("replaces a refused field on a list path by its response key over __typename, and decides nothing under it", () => {
    const { asked, decide } = door("Enterprise.taxHeadcount");
    const rewritten = rewriteForAccess(
      hub,
      parse(`{ enterprises(first: 3) { edges { node { taxCode name taxHeadcount(period: "2025-Q2") { employees source { owner } } } } } }`),
      undefined,
      decide,
    );

    expect(print(rewritten.document)).toContain("taxHeadcount: __typename");
    expect(rewritten.refused.map((field) => [field.coordinate, field.responseKeys])).toEqual([
      ["Enterprise.taxHeadcount", ["enterprises", "edges", "node", "taxHeadcount"]],
    ]);
    expect(asked).not.toContain("TaxHeadcount.employees");
    expect(asked.filter((coordinate) => coordinate.startsWith("TaxHeadcount.") || coordinate.startsWith("Source."))).toEqual([]);
    // The audit still learns what the original operation asked for.
    expect(rewritten.coordinates).toEqual(expect.arrayContaining(["Enterprise.taxHeadcount", "TaxHeadcount.employees", "TaxHeadcount.source"]));
    expect(validate(hub, rewritten.document)).toEqual([]);
  });

  it("returns the very same document when nothing is refused", () => {
    const document = parse(`query Page { enterprises { totalCount edges { node { ...Ident } } } } fragment Ident on Enterprise { taxCode name }`);
    const rewritten = rewriteForAccess(hub, document, "Page", door().decide);
    expect(rewritten.unchanged).toBe(true);
    expect(rewritten.document).toBe(document);
    expect(rewritten.refused).toEqual([]);
    expect(rewritten.coordinates.sort()).toEqual([
      "Enterprise.name",
      "Enterprise.taxCode",
      "EnterpriseConnection.edges",
      "EnterpriseConnection.totalCount",
      "EnterpriseEdge.node",
      "Query.enterprises",
    ]);
  });

  it("decides each coordinate once, however often the operation selects it", () => {
    const { asked, decide } = door("Enterprise.address");
    rewriteForAccess(
      hub,
      parse(`{
        a: enterprise(taxCode: "0100000001") { name address province { name } }
        b: enterprise(taxCode: "0100000002") { name address ... on Enterprise { name address } }
        enterprises { edges { node { name address province { name } } } }
      }`),
      undefined,
      decide,
    );
    expect(asked.length).toBe(new Set(asked).size);
    expect(asked.sort()).toEqual([
      "Enterprise.address",
      "Enterprise.name",
      "Enterprise.province",
      "EnterpriseConnection.edges",
      "EnterpriseEdge.node",
      "Province.name",
      "Query.enterprise",
      "Query.enterprises",
    ]);
  });

  it("never decides __typename or introspection, and leaves them out of the coordinates", () => {
    const { asked, decide } = door("EnterpriseConnection.totalCount");
    const rewritten = rewriteForAccess(
      hub,
      parse(`{ __typename __schema { types { name fields { name } } } __type(name: "Enterprise") { name } enterprises { __typename totalCount } }`),
      undefined,
      decide,
    );
    expect(asked).toEqual(["Query.enterprises", "EnterpriseConnection.totalCount"]);
    expect(rewritten.coordinates).toEqual(["Query.enterprises", "EnterpriseConnection.totalCount"]);
    expect(print(rewritten.document)).toContain("__schema {");
  });

  it("inlines a fragment holding a refusal at each spread, with the path of each, and keeps the others as spreads", () => {
    const rewritten = rewriteForAccess(
      hub,
      parse(`
        query Two($tc: String!) {
          head: enterprise(taxCode: $tc) { ...Ident province { ...Place } }
          enterprises(first: 2) { edges { node { ...Ident } } }
        }
        query Other { provinces { code } }
        fragment Ident on Enterprise { taxCode rep: legalRepresentative { fullName id: idNumber } }
        fragment Place on Province { code name }
      `),
      "Two",
      door("LegalRepresentative.idNumber").decide,
    );
    expect(rewritten.refused.map((field) => field.responseKeys)).toEqual([
      ["head", "rep", "id"],
      ["enterprises", "edges", "node", "rep", "id"],
    ]);
    expect(fragmentNames(rewritten.document)).toEqual(["Place"]);
    expect(rewritten.document.definitions).toHaveLength(2); // the other operation is left out
    expect(print(rewritten.document)).toContain("id: __typename");
    expect(validate(hub, rewritten.document)).toEqual([]);
  });

  it("keeps @include and @skip on a refused field, and the variables they read", () => {
    const rewritten = rewriteForAccess(
      hub,
      parse(
        `query ($withTax: Boolean!, $period: String) { enterprise(taxCode: "0100000001") { name taxHeadcount(period: $period) @include(if: $withTax) { employees } } }`,
      ),
      undefined,
      door("Enterprise.taxHeadcount").decide,
    );
    expect(print(rewritten.document)).toContain("taxHeadcount: __typename @include(if: $withTax)");
    const operation = rewritten.document.definitions[0];
    expect(operation.kind === Kind.OPERATION_DEFINITION && operation.variableDefinitions?.map((variable) => variable.variable.name.value)).toEqual([
      "withTax",
      "period",
    ]);
  });

  it("leaves a document whose operation cannot be chosen for execution to report", () => {
    const document = parse(`query A { provinces { code } } query B { sectors { code } }`);
    const { asked, decide } = door();
    const rewritten = rewriteForAccess(hub, document, undefined, decide);
    expect(rewritten).toEqual({ document, refused: [], coordinates: [], unchanged: true });
    expect(asked).toEqual([]);
  });
});

describe("insertRefusals after executing the rewritten operation", () => {
  it("puts null and one error per row at the concrete path of a refused leaf in a list", () => {
    const { result } = answer(`{ enterprises { edges { node { taxCode taxHeadcount { employees } } } } }`, ["Enterprise.taxHeadcount"]);
    expect(result.data).toEqual({
      enterprises: { edges: [0, 1, 2].map((n) => ({ node: { taxCode: `010000000${n}`, taxHeadcount: null } })) },
    });
    expect(paths(result)).toEqual([0, 1, 2].map((n) => ["enterprises", "edges", n, "node", "taxHeadcount"]));
    for (const error of result.errors!) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.message).toBe("Refused: Enterprise.taxHeadcount needs a mandate.");
      expect(error.extensions).toEqual({ code: "FORBIDDEN", field: "Enterprise.taxHeadcount" });
    }
  });

  it("follows aliases and a named fragment spread under two parents", () => {
    const { result } = answer(
      `{
        head: enterprise(taxCode: "0100000002") { ...Ident }
        page: enterprises { edges { node { ...Ident } } }
      }
      fragment Ident on Enterprise { taxCode rep: legalRepresentative { name: fullName id: idNumber } }`,
      ["LegalRepresentative.idNumber"],
    );
    expect(result.data!.head).toEqual({ taxCode: "0100000002", rep: { name: "Người 2", id: null } });
    // Row 1 has no representative: nothing is inserted under a null parent.
    expect((result.data!.page as { edges: unknown[] }).edges).toEqual([
      { node: { taxCode: "0100000000", rep: { name: "Người 0", id: null } } },
      { node: { taxCode: "0100000001", rep: null } },
      { node: { taxCode: "0100000002", rep: { name: "Người 2", id: null } } },
    ]);
    expect(paths(result)).toEqual([
      ["head", "rep", "id"],
      ["page", "edges", 0, "node", "rep", "id"],
      ["page", "edges", 2, "node", "rep", "id"],
    ]);
  });

  it("refuses a root field with null and one error, without resolving it", () => {
    const resolved = jest.spyOn(rootValue, "enterprise");
    const { rewritten, result } = answer(`query ($tc: String!) { enterprise(taxCode: $tc) { name } provinces: __typename }`, ["Query.enterprise"], {
      tc: "0100000001",
    });
    expect(resolved).not.toHaveBeenCalled();
    resolved.mockRestore();
    expect(rewritten.coordinates).toEqual(["Query.enterprise", "Enterprise.name"]);
    expect(result.data).toEqual({ enterprise: null, provinces: "Query" });
    expect(paths(result)).toEqual([["enterprise"]]);
  });

  it("keeps the errors execution raised and adds the refusals after them, in document order then list index", () => {
    const { decide } = door("LegalRepresentative.idNumber", "Enterprise.taxHeadcount");
    const rewritten = rewriteForAccess(
      miniature,
      parse(`{ enterprises { edges { node { legalRepresentative { idNumber } taxHeadcount { employees } } } } }`),
      undefined,
      decide,
    );
    const failed = new GraphQLError("Upstream failed", { path: ["enterprises", "totalCount"] });
    const result = execute({ schema: miniature, document: rewritten.document, rootValue }) as ExecutionResult;
    result.errors = [failed];
    insertRefusals(result, rewritten.refused);
    expect(result.errors[0]).toBe(failed);
    expect(paths(result).slice(1)).toEqual([
      ["enterprises", "edges", 0, "node", "legalRepresentative", "idNumber"],
      ["enterprises", "edges", 2, "node", "legalRepresentative", "idNumber"],
      ["enterprises", "edges", 0, "node", "taxHeadcount"],
      ["enterprises", "edges", 1, "node", "taxHeadcount"],
      ["enterprises", "edges", 2, "node", "taxHeadcount"],
    ]);
  });

  it("inserts nothing where @include left the refused field out", () => {
    const source = `query ($withTax: Boolean!) { enterprise(taxCode: "0100000001") { name taxHeadcount @include(if: $withTax) { employees } } }`;
    const without = answer(source, ["Enterprise.taxHeadcount"], { withTax: false }).result;
    expect(without).toEqual({ data: { enterprise: { name: "Công ty 1" } } });
    const withTax = answer(source, ["Enterprise.taxHeadcount"], { withTax: true }).result;
    expect(withTax.data).toEqual({ enterprise: { name: "Công ty 1", taxHeadcount: null } });
    expect(paths(withTax)).toEqual([["enterprise", "taxHeadcount"]]);
  });

  it("empties the nearest nullable parent of a refused non-null field, as execution would", () => {
    const { result } = answer(`{ enterprises { totalCount edges { cursor node { taxCode name } } } }`, ["Enterprise.taxCode"]);
    // node is Enterprise!, the edges EnterpriseEdge!: the null stops at the nullable list.
    expect(result.data).toEqual({ enterprises: { totalCount: 3, edges: null } });
    expect(paths(result)).toEqual([0, 1, 2].map((n) => ["enterprises", "edges", n, "node", "taxCode"]));

    const root = answer(`{ enterprises { totalCount } enterprise(taxCode: "0100000001") { name } }`, ["Query.enterprises"]).result;
    expect(root.data).toBeNull();
    expect(paths(root)).toEqual([["enterprises"]]);
  });

  it("decides on an inline fragment's concrete type, and on the interface without one", () => {
    const concrete = answer(`{ nodes { id ... on Enterprise { name } ... on Province { name } } }`, ["Enterprise.name"]);
    expect(concrete.result.data).toEqual({
      nodes: [
        { id: "e0", name: null },
        { id: "p40", name: "Nghệ An" },
      ],
    });
    expect(paths(concrete.result)).toEqual([["nodes", 0, "name"]]);

    const onInterface = answer(`{ nodes { id ... on Province { name } } }`, ["Node.id"]);
    expect(onInterface.rewritten.coordinates).toEqual(["Query.nodes", "Node.id", "Province.name"]);
    expect(onInterface.result.data).toEqual({ nodes: [null, null] });
    expect(paths(onInterface.result)).toEqual([
      ["nodes", 0, "id"],
      ["nodes", 1, "id"],
    ]);
  });

  it("leaves a result alone when nothing was refused", () => {
    const { rewritten, result } = answer(`{ enterprise(taxCode: "0100000001") { name } }`, []);
    expect(rewritten.unchanged).toBe(true);
    expect(result).toEqual({ data: { enterprise: { name: "Công ty 1" } } });
  });
});

import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print, stripIgnoredCharacters, visit, type ArgumentNode, type OperationDefinitionNode, type VariableDefinitionNode } from "graphql";
import { signToken } from "../../../src/identity/sign-token";
import { PROJECT_ROOT } from "../../support/processes";
import { SECRETS, type SystemKey } from "./systems";

/** The three queries measured, in the order the tables list them. */
export const QUERIES = ["nested100", "nested10", "lookup"] as const;
export type QueryKey = (typeof QUERIES)[number];

export const QUERY_LABELS: Record<QueryKey, string> = {
  nested100: "nested page, first: 100 (test/graph/nested-enterprises.graphql by province)",
  nested10: "nested page, first: 10",
  lookup: "one-enterprise lookup by tax code",
};

/** One HTTP request as the load generators send it. */
export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the requests vary over: every province, and tax codes sampled from the set. */
export interface Fixtures {
  provinces: string[];
  taxCodes: string[];
}

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");

/**
 * test/graph/nested-enterprises.graphql with `filter: { provinceCode: $province }` added to its
 * page, so that each request can read another province (nothing answered from a cache) while the
 * selection stays exactly the graph contract's.
 */
export function byProvince(document: string): string {
  const template = parse("query($province: String!) { enterprises(filter: { provinceCode: $province }) { totalCount } }");
  const operation = template.definitions[0] as OperationDefinitionNode;
  const variable: VariableDefinitionNode = operation.variableDefinitions![0];
  const filter: ArgumentNode = (operation.selectionSet.selections[0] as { arguments: readonly ArgumentNode[] }).arguments[0];
  let filtered = 0;
  const result = visit(parse(document), {
    OperationDefinition: (node) => ({ ...node, variableDefinitions: [...(node.variableDefinitions ?? []), variable] }),
    Field: (node) => {
      if (node.name.value !== "enterprises") return undefined;
      filtered += 1;
      return { ...node, arguments: [...(node.arguments ?? []), filter] };
    },
  });
  if (filtered !== 1 || result.definitions[0].kind !== Kind.OPERATION_DEFINITION)
    throw new Error("nested-enterprises.graphql no longer has one enterprises page to filter");
  return stripIgnoredCharacters(print(result));
}

export const DOCUMENTS = {
  hubNested: byProvince(read("test/graph/nested-enterprises.graphql")),
  hubLookup: read("test/bench/peer/queries/lookup.hub.graphql"),
  postgraphileNested: read("test/bench/peer/queries/nested.postgraphile.graphql"),
  postgraphileLookup: read("test/bench/peer/queries/lookup.postgraphile.graphql"),
};

/**
 * Tokens of BHXH inspectors reading for inspection, a different caller per province: every field of
 * the nested query is theirs to read in their own province (Province.labourForce is an own-province
 * mandate, schema/mandates.yaml), and each caller keeps its own budget. The lookup is read with
 * national tokens (no province claim), eight callers.
 */
export async function hubTokens(provinces: readonly string[]): Promise<{ byProvince: Map<string, string>; national: string[] }> {
  const sign = (subject: string, provinceCode?: string) =>
    signToken({ subject, agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], provinceCode }, SECRETS.LIENTHONG_JWT_SECRET, 24);
  const byProvince = new Map(await Promise.all(provinces.map(async (code) => [code, await sign(`bench-inspector-${code}`, code)] as const)));
  const national = await Promise.all(Array.from({ length: 8 }, (_, i) => sign(`bench-national-${i}`)));
  return { byProvince, national };
}

type Tokens = Awaited<ReturnType<typeof hubTokens>>;

/** Every distinct request of `query` to `system`; the load generators pick one at random each time. */
export function requestsFor(system: SystemKey, query: QueryKey, fixtures: Fixtures, tokens: Tokens): RequestSpec[] {
  const first = query === "nested10" ? 10 : 100;
  const post = (body: unknown, headers: Record<string, string> = {}): RequestSpec => ({
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const hubHeaders = (token: string) => ({ authorization: `Bearer ${token}`, "x-purpose": "inspection" });
  if (query === "lookup") {
    return fixtures.taxCodes.map((taxCode, i) => {
      const variables = { taxCode };
      if (system === "postgraphile") return post({ query: DOCUMENTS.postgraphileLookup, variables });
      if (system === "floor") return { method: "GET", path: `/lookup?taxCode=${encodeURIComponent(taxCode)}`, headers: {} };
      return post({ query: DOCUMENTS.hubLookup, variables }, hubHeaders(tokens.national[i % tokens.national.length]));
    });
  }
  return fixtures.provinces.map((province) => {
    const variables = { first, province };
    if (system === "postgraphile") return post({ query: DOCUMENTS.postgraphileNested, variables });
    if (system === "floor") return { method: "GET", path: `/nested?province=${province}&first=${first}`, headers: {} };
    return post({ query: DOCUMENTS.hubNested, variables }, hubHeaders(tokens.byProvince.get(province)!));
  });
}

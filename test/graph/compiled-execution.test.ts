import fs from "node:fs";
import path from "node:path";
import { useTestHub, type GraphQLResponse, type TestHub } from "../support/hub";
import { headersFor, type TestClaims } from "../support/tokens";

/**
 * graphql-jit (LIENTHONG_COMPILED_EXECUTION, on by default) must change nothing a client or an
 * auditor sees. Two hubs over the same database, one compiling and one on graphql-js alone, answer
 * the same requests in the same order; bodies (but timings), statuses, statement counts, where the
 * operation ran, and audit rows must be equal. Each request is sent three times, because a document
 * is compiled on its second run: the first answer is graphql-js's on both hubs, the next two the
 * compiled plan's (in the execution worker for the 100-row page, on the hub thread for the others).
 */
const compiled = useTestHub({ LIENTHONG_COMPILED_EXECUTION: "true" });
const interpreted = useTestHub({ LIENTHONG_COMPILED_EXECUTION: "false" });

const NESTED = fs.readFileSync(path.join(__dirname, "nested-enterprises.graphql"), "utf8");

const PROVINCIAL_INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], province: "79" };
const NATIONAL_INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] };
/** Reads some of the nested page and is refused the rest: the door rewrites its documents. */
const TAX_ANALYST: TestClaims = { agency: "tax", roles: ["analyst"], purposes: ["statistics"] };
const LABOUR_INSPECTOR: TestClaims = { agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: "19" };
const OPERATOR: TestClaims = { agency: "bhxh", roles: ["operator"], purposes: ["monitoring"], sub: "hub-operator" };
const ANONYMOUS = null;

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  as: TestClaims | null;
}

/** Scalars of every kind the graph serializes: Date, DateTime, VND, enums, ID, Int, Float, Boolean, lists. */
const SCALARS = /* GraphQL */ `
  query Scalars($first: Int) {
    enterprises(first: $first) {
      edges {
        node {
          taxCode
          status
          legalForm
          registeredOn
          source {
            asOf
            batchId
            period
          }
          taxHeadcount {
            period
            employees
            operatingStatus
            totalWages
          }
          bhxhUnit {
            code
            registeredOn
            enrolment {
              period
              arrears
              arrearsMonths
              compulsoryInsured
              contributionDue
              contributionPaid
            }
          }
        }
      }
    }
  }
`;

const SHAPES = /* GraphQL */ `
  query Shapes($withName: Boolean!, $skipSector: Boolean!, $first: Int = 3) {
    __typename
    first: enterprises(first: $first) {
      ...page
    }
    again: enterprises(first: 2, filter: { status: [ACTIVE, SUSPENDED] }) {
      totalCount
      edges {
        node {
          ... on Enterprise {
            id: taxCode
            __typename
          }
        }
      }
    }
    provinces {
      code
      name
      inForceFrom
    }
    sectors {
      ...sector
    }
  }
  fragment page on EnterpriseConnection {
    __typename
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        taxCode
        name @include(if: $withName)
        sector @skip(if: $skipSector) {
          ...sector
        }
        province {
          code
        }
      }
    }
  }
  fragment sector on Sector {
    code
    name
    nameEn
  }
`;

const CASES: Case[] = [
  { name: "nested page of 100 (execution worker)", query: NESTED, variables: { first: 100 }, as: PROVINCIAL_INSPECTOR },
  { name: "nested page of 5 (hub thread)", query: NESTED, variables: { first: 5 }, as: PROVINCIAL_INSPECTOR },
  { name: "nested page, national (the door withholds some fields)", query: NESTED, variables: { first: 20 }, as: NATIONAL_INSPECTOR },
  { name: "nested page with refusals (door rewrites)", query: NESTED, variables: { first: 20 }, as: TAX_ANALYST },
  { name: "nested page, labour in one province", query: NESTED, variables: { first: 20 }, as: LABOUR_INSPECTOR },
  { name: "nested page, anonymous", query: NESTED, variables: { first: 3 }, as: ANONYMOUS },
  { name: "scalars", query: SCALARS, variables: { first: 30 }, as: NATIONAL_INSPECTOR },
  { name: "aliases, fragments, @include/@skip, __typename", query: SHAPES, variables: { withName: true, skipSector: false }, as: NATIONAL_INSPECTOR },
  { name: "the same with directives flipped", query: SHAPES, variables: { withName: false, skipSector: true, first: 1 }, as: NATIONAL_INSPECTOR },
  { name: "variable of the wrong type", query: NESTED, variables: { first: "ten" }, as: PROVINCIAL_INSPECTOR },
  { name: "required variable missing", query: NESTED, variables: {}, as: PROVINCIAL_INSPECTOR },
  { name: "variable out of Int's range", query: NESTED, variables: { first: 2 ** 31 }, as: PROVINCIAL_INSPECTOR },
  { name: "Int variable given as a float", query: NESTED, variables: { first: 2.5 }, as: PROVINCIAL_INSPECTOR },
  { name: "Int variable given as a numeric string", query: NESTED, variables: { first: "3" }, as: PROVINCIAL_INSPECTOR },
  { name: "required variable null", query: NESTED, variables: { first: null }, as: PROVINCIAL_INSPECTOR },
  {
    name: "unknown enum value in a variable",
    query: `query ($status: [EnterpriseStatus!]) { enterprises(first: 2, filter: { status: $status }) { totalCount } }`,
    variables: { status: ["NOPE"] },
    as: NATIONAL_INSPECTOR,
  },
  {
    name: "enum list variable",
    query: `query ($status: [EnterpriseStatus!]) { enterprises(first: 2, filter: { status: $status }) { totalCount edges { node { taxCode status } } } }`,
    variables: { status: ["DISSOLVED", "ACTIVE"] },
    as: NATIONAL_INSPECTOR,
  },
  {
    name: "enum variable given as a single value (list coercion)",
    query: `query ($status: [EnterpriseStatus!]) { enterprises(first: 2, filter: { status: $status }) { totalCount } }`,
    variables: { status: "ACTIVE" },
    as: NATIONAL_INSPECTOR,
  },
  {
    name: "malformed tax code (BAD_USER_INPUT from a resolver)",
    query: `query ($taxCode: String!) { enterprise(taxCode: $taxCode) { taxCode name } }`,
    variables: { taxCode: "12ab" },
    as: NATIONAL_INSPECTOR,
  },
  {
    name: "unknown tax code (null)",
    query: `query ($taxCode: String!) { enterprise(taxCode: $taxCode) { taxCode name } }`,
    variables: { taxCode: "0000000001" },
    as: NATIONAL_INSPECTOR,
  },
  { name: "page too large (error on a non-null root: data null)", query: `{ enterprises(first: 100000) { totalCount } }`, as: NATIONAL_INSPECTOR },
  { name: "bad cursor", query: `{ enterprises(first: 2, after: "not-a-cursor") { edges { cursor } } }`, as: NATIONAL_INSPECTOR },
  {
    name: "error beside data (null propagation within a list)",
    query: `{ ok: provinces { code } bad: enterprises(first: 100000) { totalCount } also: sectors { code } }`,
    as: NATIONAL_INSPECTOR,
  },
  {
    name: "anonymous asks for personal data (FORBIDDEN)",
    query: `{ enterprises(first: 2) { edges { node { taxCode legalRepresentative { fullName idNumber } } } } }`,
    as: ANONYMOUS,
  },
  {
    name: "filter on a field the caller may not read",
    query: `{ enterprises(first: 2, filter: { search: "cong ty" }) { totalCount edges { node { taxCode } } } }`,
    as: ANONYMOUS,
  },
  {
    name: "my mandates",
    query: `{ myMandates { id owner fields applies purposes provinces validFrom validTo legalBasis { __typename } } }`,
    as: LABOUR_INSPECTOR,
  },
  {
    name: "open data, anonymous",
    query: `{ provinces { code name communes { code kind } } industrialZones(provinceCode: "79") { code name province { name } } }`,
    as: ANONYMOUS,
  },
  {
    name: "audit log with a DateTime variable",
    query: `query ($from: DateTime) { auditLog(first: 3, filter: { from: $from }) { totalCount edges { node { at outcome durationMs rowsReturned fieldsTouched } } } }`,
    variables: { from: "2000-01-01T00:00:00Z" },
    as: OPERATOR,
  },
  {
    name: "audit log with a malformed DateTime variable",
    query: `query ($from: DateTime) { auditLog(first: 3, filter: { from: $from }) { totalCount } }`,
    variables: { from: "yesterday" },
    as: OPERATOR,
  },
  { name: "introspection", query: `{ __type(name: "Enterprise") { name fields { name type { name kind } } } }`, as: ANONYMOUS },
  { name: "chosen operation of several", query: `query A { provinces { code } } query B { sectors { code } }`, as: ANONYMOUS },
];

// The audit log moves while the test runs; its answers are compared for shape and errors, not rows.
const VOLATILE_ANSWERS = new Set(["audit log with a DateTime variable"]);

describe("compiled execution (graphql-jit) answers as graphql-js does", () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      for (let round = 1; round <= 3; round++) {
        const [a, b] = [await send(compiled, testCase), await send(interpreted, testCase)];
        const [left, right] = [comparable(a), comparable(b)];
        if (VOLATILE_ANSWERS.has(testCase.name)) {
          expect(left.errors).toEqual(right.errors);
          expect(Object.keys(left.data ?? {})).toEqual(Object.keys(right.data ?? {}));
        } else {
          expect({ round, ...left }).toEqual({ round, ...right });
          // Byte for byte, not only as equal values: member order and number formatting too.
          expect(JSON.stringify(left)).toBe(JSON.stringify(right));
        }
        expect(await auditRow(compiled, a)).toEqual(await auditRow(interpreted, b));
      }
    });
  }
});

let sequence = 0;

async function send(hub: TestHub, testCase: Case): Promise<GraphQLResponse & { clientRequestId: string }> {
  const clientRequestId = `compiled-execution-${process.pid}-${++sequence}`;
  const credentials = testCase.as ? await headersFor(testCase.as) : { authorization: "" };
  const operationName = testCase.name === "chosen operation of several" ? "B" : undefined;
  const response = await fetch(`${hub.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": clientRequestId, ...credentials },
    body: JSON.stringify({ query: testCase.query, variables: testCase.variables, operationName }),
  });
  const text = await response.text();
  return { ...(JSON.parse(text) as GraphQLResponse), status: response.status, headers: response.headers, clientRequestId };
}

/** The response without what differs between any two runs (timing). */
function comparable(response: GraphQLResponse): Record<string, any> {
  const { durationMs: _durationMs, ...stats } = response.extensions?.stats ?? {};
  return { status: response.status, errors: response.errors, data: response.data, extensions: { ...response.extensions, stats } };
}

/** The request's audit row, without what differs between any two requests (ids, times, the chain). */
async function auditRow(hub: TestHub, response: { clientRequestId: string }): Promise<Record<string, unknown>> {
  const rows = await hub.sql<{ entry: Record<string, unknown> }>(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE client_request_id = $1`, [
    response.clientRequestId,
  ]);
  expect(rows).toHaveLength(1);
  const { at: _at, requestId: _requestId, clientRequestId: _clientRequestId, durationMs: _durationMs, ...entry } = rows[0].entry;
  return entry;
}

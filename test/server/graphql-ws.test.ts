import { randomUUID } from "node:crypto";
import { useGraphqlWsClients, run } from "../support/graphql-ws";
import { useTestHub } from "../support/hub";
import { signRaw, tokenFor } from "../support/tokens";

/** graphql-ws on /graphql: the same credentials, purposes, field rules and audit rows as HTTP. */
const hub = useTestHub();
const connect = useGraphqlWsClients(() => hub.url);

describe("GraphQL over graphql-ws", () => {
  it("answers as the token's mandates allow, refusing fields on their own paths", async () => {
    const [row] = await hub.sql(`SELECT tax_code, name FROM registry.enterprise WHERE legal_rep_id_number IS NOT NULL LIMIT 1`);
    const token = await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: `ws-${randomUUID()}` });
    const client = connect({ authorization: `Bearer ${token}`, purpose: "enrolment" });
    const result = await run(client, `query($t: String!) { enterprise(taxCode: $t) { name legalRepresentative { idNumber } } }`, { t: row.tax_code });
    expect(result.data).toEqual({ enterprise: { name: row.name, legalRepresentative: { idNumber: null } } });
    expect(result.errors.map((e: any) => [e.path.join("."), e.extensions.code])).toEqual([["enterprise.legalRepresentative.idNumber", "FORBIDDEN"]]);
  });

  it("writes an audit row for each operation", async () => {
    const subject = `ws-audit-${randomUUID()}`;
    const client = connect({ authorization: `Bearer ${await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: subject })}` });
    await run(client, `query Sectors { sectors { code } }`);
    const rows = await hub.sql(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE subject = $1`, [subject]);
    expect(rows.map((r) => r.entry)).toEqual([
      expect.objectContaining({ operationName: "Sectors", operationType: "query", purpose: "enrolment", outcome: "ok" }),
    ]);
  });

  it("serves open data to an anonymous connection and nothing else", async () => {
    const result = await run(connect({}), `{ provinces { code } enterprises { totalCount } }`);
    expect(result.data.provinces).toHaveLength(34);
    expect(result.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
  });

  it("closes the connection with 4401 and the reason when the token is expired", async () => {
    const expired = await signRaw({ sub: "x", agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(run(connect({ authorization: `Bearer ${expired}` }), `{ sectors { code } }`)).rejects.toMatchObject({
      code: 4401,
      reason: expect.stringContaining("expired"),
    });
  });

  it("closes the connection with 4403 when the stated purpose is not in the token", async () => {
    const token = await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"] });
    await expect(run(connect({ authorization: `Bearer ${token}`, purpose: "inspection" }), `{ sectors { code } }`)).rejects.toMatchObject({
      code: 4403,
      reason: expect.stringContaining("inspection"),
    });
  });
});

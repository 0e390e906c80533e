import { dataOf, useTestHub } from "../support/hub";
import { headersFor } from "../support/tokens";

/**
 * A mandate resting on a provincial text binds that province only (schema/mandates.yaml,
 * `provinces`): Bắc Kạn's plan 317/QĐ-UBND grants the labour side tax records, and Bắc Kạn is now
 * part of Thái Nguyên (19), so Thái Nguyên's labour inspectors read them and Nghệ An's (40) do not.
 */
const hub = useTestHub();
const labourInspector = (province: string) => headersFor({ agency: "labour", roles: ["inspector"], purposes: ["inspection"], province });

async function enterpriseWithHeadcountIn(province: string): Promise<string> {
  const [row] = await hub.sql(
    `SELECT e.tax_code FROM registry.enterprise e WHERE e.province_code = $1 AND EXISTS (SELECT 1 FROM tax.headcount h WHERE h.tax_code = e.tax_code) ORDER BY e.tax_code LIMIT 1`,
    [province],
  );
  return row.tax_code;
}

const HEADCOUNT = `query($t: String!) { enterprise(taxCode: $t) { taxCode taxHeadcount { employees } } }`;

describe("mandates resting on a provincial text", () => {
  it("let the named province's principals read under them", async () => {
    const taxCode = await enterpriseWithHeadcountIn("19");
    const data = dataOf(await hub.graphql(HEADCOUNT, { t: taxCode }, await labourInspector("19")));
    expect(data.enterprise.taxHeadcount.employees).toEqual(expect.any(Number));
  });

  it("refuse the same office of another province, citing the text and the province it binds", async () => {
    const taxCode = await enterpriseWithHeadcountIn("40");
    const response = await hub.graphql(HEADCOUNT, { t: taxCode }, await labourInspector("40"));
    expect(response.data?.enterprise.taxHeadcount).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ["enterprise", "taxHeadcount"], extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    ]);
  });

  it("show in myMandates which provinces they bind, and why they do not apply elsewhere", async () => {
    const query = `{ myMandates { id provinces applies reason legalBasis { document article } } }`;
    const find = (data: any) => data.myMandates.find((m: { id: string }) => m.id === "tax-headcount-to-labour");
    const inThaiNguyen = find(dataOf(await hub.graphql(query, {}, await labourInspector("19"))));
    expect(inThaiNguyen).toMatchObject({
      provinces: ["19"],
      applies: true,
      reason: null,
      legalBasis: { document: "317/QĐ-UBND", article: "Mục III, khoản 3" },
    });
    const inNgheAn = find(dataOf(await hub.graphql(query, {}, await labourInspector("40"))));
    expect(inNgheAn).toMatchObject({
      provinces: ["19"],
      applies: false,
      reason: "it rests on a provincial text (317/QĐ-UBND) and applies only in province 19, not 40",
    });
  });

  it("leave national mandates citing Law 41/2024 with provinces null", async () => {
    const data = dataOf(
      await hub.graphql(
        `{ myMandates { id provinces legalBasis { document article } } }`,
        {},
        await headersFor({ agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] }),
      ),
    );
    const registry = data.myMandates.find((m: { id: string }) => m.id === "registry-identity-to-bhxh");
    expect(registry).toEqual({
      id: "registry-identity-to-bhxh",
      provinces: null,
      legalBasis: { document: "41/2024/QH15", article: "Điều 17 khoản 2; Điều 30 khoản 3" },
    });
  });
});

import { dataOf, useTestHub } from "../support/hub";

const hub = useTestHub();

describe("provinces and their history", () => {
  it("lists the 34 provinces in force since 1 July 2025", async () => {
    const { provinces } = dataOf(await hub.graphql(`{ provinces { code name inForceFrom } }`));
    expect(provinces).toHaveLength(34);
    expect(provinces[0]).toEqual({ code: "01", name: "Hà Nội", inForceFrom: "2025-07-01" });
    expect(provinces.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(["19", "40", "79", "96"]));
  });

  it("knows Bắc Kạn merged into Thái Nguyên, and rolls former codes up to their successor", async () => {
    const { province } = dataOf(await hub.graphql(`{ province(code: "19") { name formerProvinces { code name mergedOn successor { code } } } }`));
    expect(province.name).toBe("Thái Nguyên");
    expect(province.formerProvinces).toEqual([
      { code: "06", name: "Bắc Kạn", mergedOn: "2025-07-01", successor: { code: "19" } },
      { code: "19", name: "Thái Nguyên", mergedOn: "2025-07-01", successor: { code: "19" } },
    ]);
    const [{ count }] = await hub.sql(`SELECT count(*)::int AS count FROM hub.former_province`);
    expect(count).toBe(63);
  });

  it("returns null for a former code no longer in force, and BAD_USER_INPUT for a malformed one", async () => {
    expect(dataOf(await hub.graphql(`{ province(code: "06") { name } }`)).province).toBeNull();
    const bad = await hub.graphql(`{ province(code: "6") { name } }`);
    expect(bad.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "code" });
  });

  it("lists the 21 VSIC 2018 sections and the demo's industrial zones", async () => {
    const { sectors, industrialZones } = dataOf(
      await hub.graphql(`{ sectors { code name nameEn } industrialZones(provinceCode: "24") { code name province { code } } }`),
    );
    expect(sectors).toHaveLength(21);
    expect(sectors.find((s: { code: string }) => s.code === "C")).toEqual({ code: "C", name: "Công nghiệp chế biến, chế tạo", nameEn: "Manufacturing" });
    expect(industrialZones.length).toBeGreaterThan(0);
    expect(industrialZones.every((z: { province: { code: string } }) => z.province.code === "24")).toBe(true);
  });
});

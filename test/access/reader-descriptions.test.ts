import { useTestHub } from "../support/hub";

/** GraphiQL's docs answer "who may read this?" from the mandates file, through plain introspection. */
const hub = useTestHub();

async function descriptions(type: string): Promise<{ type: string; fields: Record<string, string> }> {
  const response = await hub.graphql(`query($t: String!) { __type(name: $t) { description fields { name description } } }`, { t: type }, { authorization: "" });
  const found = response.data!.__type;
  return { type: found.description, fields: Object.fromEntries(found.fields.map((f: { name: string; description: string }) => [f.name, f.description])) };
}

describe("schema descriptions", () => {
  it("name the agencies and purposes that may read the legal representative's ID number, and only those", async () => {
    const { fields } = await descriptions("LegalRepresentative");
    const readers = fields.idNumber.split("Readers: ")[1];
    expect(readers).toContain("bhxh (inspection)");
    expect(readers).toContain("registry (");
    // No text grounds it for the labour side (Law 41/2024 Điều 2 grounds BHXH only).
    expect(readers).not.toMatch(/labour|union|ppc|izb/);
    expect(fields.fullName).toContain("bhxh (enrolment, inspection)");
  });

  it("mark aggregate-only readers of enterprise counts, and open reference data", async () => {
    const connection = await descriptions("EnterpriseConnection");
    expect(connection.fields.totalCount).toContain("target-setting [aggregate, own province, only 40]");
    expect(connection.fields.edges).not.toContain("ppc");
    expect((await descriptions("Sector")).type).toContain("Open data: anyone may read it");
  });

  it("say who may read every type and every field of the graph, and who may call every mutation", async () => {
    const response = await hub.graphql(`{ __schema { types { name kind description fields { name description } } } }`, {}, { authorization: "" });
    const silent: string[] = [];
    for (const type of response.data!.__schema.types as {
      name: string;
      kind: string;
      description: string;
      fields: { name: string; description: string }[] | null;
    }[]) {
      if (type.kind !== "OBJECT" || type.name.startsWith("__")) continue;
      // Mutations are called, not read: their descriptions name their callers instead.
      const who = type.name === "Mutation" ? /Callers/ : /Readers/;
      if (!/Readers|Open data/.test(type.description) && !(type.name === "Mutation" && who.test(type.description))) silent.push(type.name);
      for (const field of type.fields ?? []) if (!who.test(field.description)) silent.push(`${type.name}.${field.name}`);
    }
    expect(silent).toEqual([]);
  });
});

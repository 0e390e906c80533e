import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { buildSchema, isEnumType, isNonNullType, type GraphQLObjectType, isInputObjectType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLNamedType } from "graphql";
import { withholdableCoordinates } from "../../src/access";
import { buildHubSchema } from "../../src/schema";

const contract = buildSchema(fs.readFileSync(path.join(__dirname, "graph-contract.graphql"), "utf8"));

describe("the graph contract (shared/graph-contract.md)", () => {
  it("keeps every contracted type, field, argument and enum value with its exact type", async () => {
    const { schema: hub, accessPolicy } = await buildHubSchema();
    // The contract's own rule: every field a mandate may withhold is nullable, so a refusal nulls
    // that field alone. Where its SDL still writes such a field non-null, ours is the nullable form.
    const withholdable = new Set(withholdableCoordinates(accessPolicy.classes));
    const problems: string[] = [];
    for (const contracted of Object.values(contract.getTypeMap())) {
      if (isIntrospectionType(contracted) || isSpecifiedScalarType(contracted)) continue;
      const ours = hub.getType(contracted.name);
      if (!ours) {
        problems.push(`type ${contracted.name} is missing`);
        continue;
      }
      if (isEnumType(contracted) && isEnumType(ours)) {
        for (const value of contracted.getValues()) if (!ours.getValue(value.name)) problems.push(`${contracted.name}.${value.name} is missing`);
      }
      if ((isObjectType(contracted) && isObjectType(ours)) || (isInputObjectType(contracted) && isInputObjectType(ours))) {
        const ourFields = ours.getFields() as Record<string, { type: unknown; args?: readonly { name: string; type: unknown }[] }>;
        for (const field of Object.values(contracted.getFields()) as { name: string; type: unknown; args?: readonly { name: string; type: unknown }[] }[]) {
          const mine = ourFields[field.name];
          if (!mine) {
            problems.push(`${contracted.name}.${field.name} is missing`);
            continue;
          }
          const contractType = String(field.type);
          const allowed = withholdable.has(`${contracted.name}.${field.name}`) && contractType.endsWith("!") ? [contractType, contractType.slice(0, -1)] : [contractType];
          if (!allowed.includes(String(mine.type))) problems.push(`${contracted.name}.${field.name} is ${String(mine.type)}, contract says ${String(field.type)}`);
          for (const arg of field.args ?? []) {
            const ourArg = mine.args?.find((a) => a.name === arg.name);
            if (!ourArg || String(ourArg.type) !== String(arg.type)) problems.push(`${contracted.name}.${field.name}(${arg.name}) differs`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("describes every type and field, so GraphiQL's docs explain the whole graph", async () => {
    const { schema: hub } = await buildHubSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(hub.getTypeMap()) as GraphQLNamedType[]) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) undocumented.push(`${type.name}.${field.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("makes every field a mandate may withhold nullable, so a refusal never nulls its parent", async () => {
    const { schema: hub, accessPolicy } = await buildHubSchema();
    const nonNull = withholdableCoordinates(accessPolicy.classes).filter((coordinate) => {
      const [type, field] = coordinate.split(".");
      return isNonNullType((hub.getType(type) as GraphQLObjectType).getFields()[field].type);
    });
    expect(nonNull).toEqual([]);
  });
});

import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateResolver, DateTimeResolver } from "graphql-scalars";

/** Calendar date `YYYY-MM-DD` (no time zone). */
export const DateScalar = DateResolver;
/** Instant with time zone, ISO 8601. */
export const DateTimeScalar = DateTimeResolver;

const WHOLE_DONG = /^-?\d+$/;

/**
 * Whole Vietnamese đồng. Serialised as a decimal string because national sums exceed what a JSON
 * number carries exactly (2^53), and money must never be rounded on its way to a client.
 */
export const VndScalar = new GraphQLScalarType<string, string>({
  name: "VND",
  description: 'An amount of money in whole Vietnamese đồng (VNĐ), as a decimal string so that no amount loses precision, e.g. "14000000000000".',
  serialize(value) {
    const text = typeof value === "bigint" || typeof value === "number" ? String(value) : value;
    if (typeof text !== "string" || !WHOLE_DONG.test(text)) throw new GraphQLError(`VND cannot represent ${String(value)}`);
    return text;
  },
  parseValue(value) {
    const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== "string" || !WHOLE_DONG.test(text)) {
      throw new GraphQLError('A VND amount is a whole number of đồng written as a string of digits, e.g. "1500000".');
    }
    return text;
  },
  parseLiteral(ast) {
    if ((ast.kind === Kind.STRING || ast.kind === Kind.INT) && WHOLE_DONG.test(ast.value)) return ast.value;
    throw new GraphQLError('A VND amount is a whole number of đồng written as a string of digits, e.g. "1500000".');
  },
});

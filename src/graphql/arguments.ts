import { badUserInput } from "../errors";
import { communeCodeProblem, industrialZoneCodeProblem, periodProblem, provinceCodeProblem, taxCodeProblem, type PeriodKind } from "../identifiers";

/** Throws BAD_USER_INPUT naming `argument` when `value` is not a valid tax code. */
export function checkTaxCode(argument: string, value: string): string {
  const problem = taxCodeProblem(value);
  if (problem) throw badUserInput(argument, problem, value);
  return value;
}

/** Throws BAD_USER_INPUT unless `value` is absent or a period of one of the accepted kinds. */
export function checkPeriod(argument: string, value: string | null | undefined, accepted: readonly PeriodKind[]): string | undefined {
  if (value === null || value === undefined) return undefined;
  const problem = periodProblem(value, accepted);
  if (problem) throw badUserInput(argument, problem, value);
  return value;
}

export function checkProvinceCode(argument: string, value: string): string {
  const problem = provinceCodeProblem(value);
  if (problem) throw badUserInput(argument, problem, value);
  return value;
}

export function checkCommuneCode(argument: string, value: string): string {
  const problem = communeCodeProblem(value);
  if (problem) throw badUserInput(argument, problem, value);
  return value;
}

export function checkIndustrialZoneCode(argument: string, value: string): string {
  const problem = industrialZoneCodeProblem(value);
  if (problem) throw badUserInput(argument, problem, value);
  return value;
}

import { provinceCodeProblem } from "../identifiers";
import { PROVINCES } from "../reference-data/provinces";
import type { ReportArgument } from "./report-definition";

/** `provinceCode`: a province in force. A province outside the reader's own gives an empty report, as rows outside it do not exist for them. */
export const provinceCodeArgument: ReportArgument = {
  description: "a province code in force (two digits, e.g. 79)",
  problem: (value) =>
    provinceCodeProblem(value) ?? (PROVINCES.some((p) => p.code === value) ? null : "no province in force has this code (Decision 19/2025/QĐ-TTg)"),
};

import type { ReportDefinition } from "../report-definition";
import { annualReport } from "./annual.report";
import { enrolmentReport } from "./enrolment.report";
import { enterprisesReport } from "./enterprises.report";
import { inspectionListReport } from "./inspection-list.report";

/** Every downloadable report, once: a new report is its definition file and a line here. */
export const REPORT_DEFINITIONS: readonly ReportDefinition[] = [enrolmentReport, enterprisesReport, inspectionListReport, annualReport];

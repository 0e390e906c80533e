import type { Database } from "../../src/database";
import type { SharedReads } from "../../src/domains/domain";
import type { BhxhUnit, Enrolment } from "../../entities";
import { loaderFamily, rowLoader } from "../../src/graphql/loaders";
import type { ProvinceEnrolment } from "../../entities/bhxh/province-enrolment.entity";
import { enrolments, enrolmentsAsOf, provinceEnrolments, unitsWithLatestEnrolment } from "./bhxh.queries";

/** Per-request loaders for Vietnam Social Security's data, limited to the principal's province when it has one. */
export function createBhxhLoaders(db: Database, scopeProvinceCode: string | undefined, shared?: SharedReads) {
  /** Enrolment by unit code, one loader per requested month (undefined = latest). */
  const enrolment = loaderFamily((period) =>
    rowLoader(
      (codes) => enrolments(db, codes, period, scopeProvinceCode),
      (e: Enrolment) => e.unitCode,
    ),
  );
  return {
    /** Units read with their latest month, which primes the latest-month loader: a page's enrolment then costs no statement of its own. */
    unitByTaxCode: rowLoader(
      async (codes) => {
        const found = await unitsWithLatestEnrolment(db, codes, scopeProvinceCode);
        const latest = enrolment(undefined);
        for (const { unit, latest: month } of found) latest.prime(unit.code, month);
        return found.map(({ unit }) => unit);
      },
      (u: BhxhUnit) => u.taxCode,
    ),
    enrolment,
    /** Enrolment by unit code as known at an instant, one loader per (month, instant): the key is JSON of both. */
    enrolmentAsOf: loaderFamily((key) => {
      const { period, asOf } = JSON.parse(key!) as { period?: string; asOf: string };
      return rowLoader(
        (codes) => enrolmentsAsOf(db, codes, period, new Date(asOf), scopeProvinceCode),
        (e: Enrolment) => e.unitCode,
      );
    }),
    /**
     * A province's totals by province code, one loader per requested month (undefined = each
     * province's latest). The subscribers of one event share the statement: its answer is decided
     * by the months, provinces and scope in the key. It then runs free of any one subscriber's
     * deadline, which must not cancel it for the others.
     */
    provinceEnrolment: loaderFamily((period) =>
      rowLoader(
        (codes) =>
          shared
            ? shared.read(`bhxh.provinceEnrolments ${period ?? "latest"} ${scopeProvinceCode ?? "national"} ${codes.join(",")}`, () =>
                provinceEnrolments(db.withoutDeadline(), codes, period, scopeProvinceCode),
              )
            : provinceEnrolments(db, codes, period, scopeProvinceCode),
        (p: ProvinceEnrolment) => p.provinceCode,
      ),
    ),
  };
}

export type BhxhLoaders = ReturnType<typeof createBhxhLoaders>;

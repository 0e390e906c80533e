import { HttpClient } from "./load";
import type { RequestSpec } from "./requests";
import { LABELS, type Server, type SystemKey } from "./systems";

type Source = { agency: string; batchId: string; asOf: string } | null;

/** A page of the nested query reduced to what every system must answer alike (cursors differ by design). */
interface Page {
  totalCount: number;
  hasNextPage: boolean;
  enterprises: unknown[];
}

/** The same instant whatever the precision or offset it was written with. */
const source = (agency: string, batchId: string, asOf: string): Source => ({ agency, batchId, asOf: new Date(asOf).toISOString() });

/** The hub's answer (the floor answers in the hub's shape too). */
function fromHub(data: any): Page {
  const page = data.enterprises;
  return {
    totalCount: page.totalCount,
    hasNextPage: page.pageInfo.hasNextPage,
    enterprises: page.edges.map(({ node: e }: any) => ({
      taxCode: e.taxCode,
      name: e.name,
      status: e.status,
      registeredOn: e.registeredOn,
      province: e.province.code,
      labourForce: e.province.labourForce && {
        period: e.province.labourForce.period,
        labourForce: e.province.labourForce.labourForce,
        source: src(e.province.labourForce.source),
      },
      sector: e.sector?.code ?? null,
      legalRepresentative: e.legalRepresentative && { fullName: e.legalRepresentative.fullName, idNumber: e.legalRepresentative.idNumber },
      taxHeadcount: e.taxHeadcount && { period: e.taxHeadcount.period, employees: e.taxHeadcount.employees, source: src(e.taxHeadcount.source) },
      bhxhUnit: e.bhxhUnit && {
        code: e.bhxhUnit.code,
        enrolment: e.bhxhUnit.enrolment && {
          period: e.bhxhUnit.enrolment.period,
          compulsoryInsured: e.bhxhUnit.enrolment.compulsoryInsured,
          unemploymentInsured: e.bhxhUnit.enrolment.unemploymentInsured,
          arrearsMonths: e.bhxhUnit.enrolment.arrearsMonths,
          source: src(e.bhxhUnit.enrolment.source),
        },
      },
    })),
  };
}

const src = (s: any): Source => (s ? source(s.agency, s.batchId, s.asOf) : null);
const batch = (b: any): Source => (b ? source(b.agency, b.rowId, b.receivedAt) : null);

/** PostGraphile's answer, in the hub's terms. */
function fromPostGraphile(data: any): Page {
  const page = data.allEnterprises;
  return fromHub({
    enterprises: {
      totalCount: page.totalCount,
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ node: e }: any) => {
        const labour = e.hubProvinceByProvinceCode.statisticsLabourForcesByProvinceCode.nodes[0] ?? null;
        const headcount = e.taxHeadcountsByTaxCode.nodes[0] ?? null;
        const unit = e.bhxhUnitByTaxCode;
        const enrolment = unit?.bhxhEnrolmentsByUnitCode.nodes[0] ?? null;
        return {
          node: {
            ...e,
            province: { code: e.hubProvinceByProvinceCode.code, labourForce: labour && { ...labour, source: batch(labour.hubBatchByBatchId) } },
            sector: e.hubSectorBySectorCode,
            legalRepresentative: e.legalRepName === null ? null : { fullName: e.legalRepName, idNumber: e.legalRepIdNumber },
            taxHeadcount: headcount && { ...headcount, source: batch(headcount.hubBatchByBatchId) },
            bhxhUnit: unit && { code: unit.code, enrolment: enrolment && { ...enrolment, source: batch(enrolment.hubBatchByBatchId) } },
          },
        };
      }),
    },
  });
}

/** The first place where two JSON values differ, as a path and both values; undefined when equal. */
function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return a === b ? undefined : `${at || "(answer)"}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/**
 * Asks every system for the same page (and the same lookup) once and throws, naming the first
 * difference, unless all answer alike: tax codes, names, statuses, legal representatives, latest
 * headcount, unit, latest enrolment and the province's latest labour force with each `source`,
 * the total and whether there is a next page.
 */
export async function checkSameAnswers(
  servers: Map<SystemKey, Server>,
  nested: (system: SystemKey) => RequestSpec,
  lookup: (system: SystemKey) => RequestSpec,
): Promise<string> {
  const answers = new Map<SystemKey, { page: Page; lookup: unknown }>();
  for (const key of servers.keys()) {
    const client = new HttpClient(servers.get(key)!.url);
    try {
      const page = await client.json(nested(key));
      const one = await client.json(lookup(key));
      if (page.errors || one.errors) throw new Error(`${LABELS[key]} answered with errors: ${JSON.stringify(page.errors ?? one.errors).slice(0, 600)}`);
      const found = key === "postgraphile" ? one.data.enterpriseByTaxCode : one.data.enterprise;
      answers.set(key, {
        page: key === "postgraphile" ? fromPostGraphile(page.data) : fromHub(page.data),
        lookup: { name: found?.name, province: (found?.province ?? found?.hubProvinceByProvinceCode)?.name },
      });
    } finally {
      client.close();
    }
  }
  const reference = answers.get("hub")!;
  if (reference.page.enterprises.length === 0) throw new Error("the hub answered an empty page: nothing to compare");
  for (const key of [...servers.keys()].filter((key) => key !== "hub")) {
    const difference = firstDifference(reference.page, answers.get(key)!.page) ?? firstDifference(reference.lookup, answers.get(key)!.lookup);
    if (difference) throw new Error(`${LABELS[key]} does not answer what ${LABELS.hub} answers. First difference (hub vs it) at ${difference}`);
  }
  return `${reference.page.enterprises.length} enterprises of ${reference.page.totalCount.toLocaleString("en-US")} and one lookup answered alike by all ${servers.size}`;
}

import type { Database } from "../../src/database";
import type { Commune, FormerProvince, IndustrialZone, Province, Sector, Source } from "../../entities";
import { groupBy } from "../../src/graphql/loaders";
import * as queries from "./hub.queries";

/**
 * The hub's reference data (provinces, former provinces, communes, sectors, zones) held in memory:
 * a few thousand rows that change only with a migration, read by nearly every request. One
 * snapshot per database and process, loaded on first use, instead of a statement per request.
 */
export interface ReferenceSnapshot {
  provinces: Map<string, Province>;
  formerBySuccessor: Map<string, FormerProvince[]>;
  communes: Map<string, Commune>;
  communesByProvince: Map<string, Commune[]>;
  sectors: Map<string, Sector>;
  zones: Map<string, IndustrialZone>;
}

const snapshots = new WeakMap<Database, Promise<ReferenceSnapshot>>();

export function referenceSnapshot(requestDb: Database): Promise<ReferenceSnapshot> {
  // Shared by every request: loaded on the process's own handle, counted against no request and cancelled by no deadline.
  const db = requestDb.shared;
  let snapshot = snapshots.get(db);
  if (!snapshot) {
    snapshot = loadSnapshot(db);
    snapshots.set(db, snapshot);
    // A failed load (the database was away) is retried by the next request, not remembered.
    snapshot.catch(() => snapshots.delete(db));
  }
  return snapshot;
}

async function loadSnapshot(db: Database): Promise<ReferenceSnapshot> {
  const [provinces, sectors, zones] = await Promise.all([queries.allProvinces(db), queries.allSectors(db), queries.industrialZones(db, undefined)]);
  const codes = provinces.map((province) => province.code);
  const [former, communes] = await Promise.all([queries.formerProvincesBySuccessor(db, codes), queries.communesByProvince(db, codes)]);
  return {
    provinces: new Map(provinces.map((province) => [province.code, province])),
    formerBySuccessor: groupBy(former, (province) => province.successorCode),
    communes: new Map(communes.map((commune) => [commune.code, commune])),
    communesByProvince: groupBy(communes, (commune) => commune.provinceCode),
    sectors: new Map(sectors.map((sector) => [sector.code, sector])),
    zones: new Map(zones.map((zone) => [zone.code, zone])),
  };
}

/** Most batches a process remembers; past it the memory starts again (batches are read again on demand). */
const MAX_REMEMBERED_BATCHES = 100_000;
const remembered = new WeakMap<Database, Map<string, Source>>();

/** A batch's provenance when this process has read it already. */
export function rememberedSource(db: Database, batchId: string): Source | undefined {
  return remembered.get(db.shared)?.get(batchId);
}

/**
 * Batch provenance, which never changes once a batch is received: remembered per process, so a
 * row's `source` costs a statement only the first time its batch is seen.
 */
export async function sourcesByBatchId(db: Database, batchIds: readonly string[]): Promise<Source[]> {
  let known = remembered.get(db.shared);
  if (!known) remembered.set(db.shared, (known = new Map()));
  const missing = batchIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    if (known.size + missing.length > MAX_REMEMBERED_BATCHES) known.clear();
    for (const source of await queries.sourcesByBatchId(db, missing)) known.set(source.batchId, source);
  }
  return batchIds.flatMap((id) => known.get(id) ?? []);
}

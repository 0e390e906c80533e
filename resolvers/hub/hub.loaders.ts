import type { Database } from "../../src/database";
import { rowLoader } from "../../src/graphql/loaders";
import type { Commune, FormerProvince, IndustrialZone, IngestBatch, Province, Sector, Source } from "../../entities";
import { batchesById } from "./ingest-batch.queries";
import { referenceSnapshot, rememberedSource, sourcesByBatchId, type ReferenceSnapshot } from "./reference-snapshot";

/** Looks reference data up in the snapshot: no statement, and no promise once the snapshot is loaded. */
export interface ReferenceLookup<Value> {
  load(key: string): Value | Promise<Value>;
}

function lookup<Value>(db: Database, read: (snapshot: ReferenceSnapshot, key: string) => Value): ReferenceLookup<Value> {
  let ready: ReferenceSnapshot | undefined;
  return {
    load(key) {
      if (ready) return read(ready, key);
      return referenceSnapshot(db).then((snapshot) => read((ready = snapshot), key));
    },
  };
}

/** Per-request loaders for the hub's reference data and batch provenance. */
export function createHubLoaders(db: Database) {
  const unseenSources = rowLoader(
    (ids) => sourcesByBatchId(db, ids),
    (s) => s.batchId,
  );
  return {
    provinceByCode: lookup<Province | null>(db, (s, code) => s.provinces.get(code) ?? null),
    formerProvincesBySuccessor: lookup<FormerProvince[]>(db, (s, code) => s.formerBySuccessor.get(code) ?? []),
    sectorByCode: lookup<Sector | null>(db, (s, code) => s.sectors.get(code) ?? null),
    communeByCode: lookup<Commune | null>(db, (s, code) => s.communes.get(code) ?? null),
    communesByProvince: lookup<Commune[]>(db, (s, code) => s.communesByProvince.get(code) ?? []),
    industrialZoneByCode: lookup<IndustrialZone | null>(db, (s, code) => s.zones.get(code) ?? null),
    // A batch this process has read answers at once; only unseen ones are batched into a statement.
    /** A batch record by id (unscoped: the resolvers asking for it decide who sees it). */
    batchById: rowLoader<IngestBatch>(
      (ids) => batchesById(db, ids),
      (batch) => batch.id,
    ),
    sourceByBatchId: { load: (id: string) => rememberedSource(db, id) ?? unseenSources.load(id) } satisfies ReferenceLookup<Source | null>,
  };
}

export type HubLoaders = ReturnType<typeof createHubLoaders>;

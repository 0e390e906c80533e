/** Every TypeORM entity, by domain. Domains meet only through the shared Enterprise and Province. */
export { Province } from "./hub/province.entity";
export { FormerProvince } from "./hub/former-province.entity";
export { Sector } from "./hub/sector.entity";
export { Commune } from "./hub/commune.entity";
export { IndustrialZone } from "./hub/industrial-zone.entity";
export { IngestBatch, IngestError, IngestKind, IngestStatus, Source } from "./hub/batch.entity";
export { Enterprise, EnterpriseStatus, LegalForm, LegalRepresentative } from "./registry/enterprise.entity";
export { TaxHeadcount, TaxOperatingStatus } from "./tax/tax-headcount.entity";
export { BhxhUnit } from "./bhxh/bhxh-unit.entity";
export { Enrolment } from "./bhxh/enrolment.entity";
export { LabourForceStat } from "./statistics/labour-force-stat.entity";

import { Province } from "./hub/province.entity";
import { FormerProvince } from "./hub/former-province.entity";
import { Sector } from "./hub/sector.entity";
import { Commune } from "./hub/commune.entity";
import { IndustrialZone } from "./hub/industrial-zone.entity";
import { IngestBatch } from "./hub/batch.entity";
import { Enterprise } from "./registry/enterprise.entity";
import { TaxHeadcount } from "./tax/tax-headcount.entity";
import { BhxhUnit } from "./bhxh/bhxh-unit.entity";
import { Enrolment } from "./bhxh/enrolment.entity";
import { LabourForceStat } from "./statistics/labour-force-stat.entity";

export const ENTITIES = [
  Province,
  FormerProvince,
  Sector,
  Commune,
  IndustrialZone,
  IngestBatch,
  Enterprise,
  TaxHeadcount,
  BhxhUnit,
  Enrolment,
  LabourForceStat,
];

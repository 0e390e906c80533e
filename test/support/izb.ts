/** The mandate the zone board's data needs: without it, Enterprise.zoneWorkforce is refused like any owner's field. */
export const IZB_MANDATE = `
  - id: izb-zone-workforce-to-bhxh-inspection
    grantee: { agency: bhxh, roles: [inspector] }
    owner: izb
    fields: [Enterprise.zoneWorkforce, ZoneWorkforce.*]
    granularity: record
    scope: national
    purposes: [inspection]
    legalBasis: { document: "41/2024/QH15", date: 2024-06-29, article: "Điều 35", title: "Luật Bảo hiểm xã hội" }
    validFrom: 2025-07-01
    validTo: null
`;

/** The board reading its own reports, limited to its zones like its reading of the registry (scope own-zones). */
export const IZB_OWN_ZONES_MANDATE = `
  - id: izb-own-zone-workforce
    grantee: { agency: izb, roles: [analyst] }
    owner: izb
    fields: [Enterprise.zoneWorkforce, ZoneWorkforce.*]
    granularity: record
    scope: own-zones
    purposes: [monitoring]
    legalBasis: { document: "60/2024/QH15", date: 2024-11-30, article: "Điều 13", title: "Luật Dữ liệu" }
    validFrom: 2025-07-01
    validTo: null
`;

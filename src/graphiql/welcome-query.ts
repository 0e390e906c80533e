/** What a first-time visitor finds in GraphiQL's editor: one enterprise as all four owners see it. */
export const WELCOME_QUERY = `# Liên thông: one graph over the business registry, the tax authority,
# the statistics office and Vietnam Social Security (BHXH).
# Press ▶ to run. The Docs panel (left) describes every type and field,
# and who may read it.
#
# Without a token only open reference data answers. For a token, run
#   npm run token -- --agency bhxh --roles inspector --province 40 --purposes inspection
# and paste the line it prints into the Headers tab below.

query OneEnterpriseSeenByFourAgencies {
  enterprises(first: 3, filter: { provinceCode: "40", status: [ACTIVE] }) {
    totalCount
    edges {
      node {
        taxCode
        name
        province { name labourForce { period workingAgeLabourForce } }
        taxHeadcount { period employees }
        bhxhUnit { code enrolment { period compulsoryInsured arrearsMonths } }
      }
    }
  }
}
`;

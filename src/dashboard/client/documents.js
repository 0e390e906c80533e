// Every GraphQL document the dashboard sends, in one place: the names are the graph contract's
// (../shared/graph-contract.md), and the browser test reads the page's behaviour, not these strings.

/**
 * Province names and the statistics office's labour force. Kept apart from the enrolment query:
 * a document the hub cannot validate (an older gateway without `Province.enrolment`) is refused
 * whole, and the map of provinces and their labour force must still show. A field a mandate
 * refuses does not need this: it comes back null with a FORBIDDEN error on its own path.
 */
export const PROVINCES_QUERY = /* GraphQL */ `
  query DashboardProvinces {
    provinces {
      code
      name
      labourForce {
        period
        labourForce
        workingAgeLabourForce
        source {
          batchId
          asOf
        }
      }
    }
  }
`;

/** BHXH's enrolment per province: the latest month the hub holds. */
export const ENROLMENT_QUERY = /* GraphQL */ `
  query DashboardEnrolment {
    provinces {
      code
      enrolment {
        period
        units
        compulsoryInsured
        unemploymentInsured
        unitsInArrears
      }
    }
  }
`;

/** One province's enrolment as each BHXH batch lands; `$p` is the province code. */
export const ENROLMENT_CHANGED_SUBSCRIPTION = /* GraphQL */ `
  subscription DashboardEnrolmentChanged($p: String!) {
    enrolmentChanged(provinceCode: $p) {
      province {
        code
      }
      period
      units
      compulsoryInsured
      unemploymentInsured
      unitsInArrears
    }
  }
`;

export { Admission, loadCostModel, rateLimited, type AdmissionEvents, type Caller } from "./admission";
export { checkOperationLimits, checkTokenLimit, parseWithinTokenLimit, tooComplex, type LimitName } from "./operation-limits";
export { operationCost, UNKNOWN_LIST_FAN_OUT, type CostModel, type OperationCost } from "./operation-cost";

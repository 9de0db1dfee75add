import { EVENT_TYPES, JOB_STATES, MODEL_STATUSES, SOURCES } from '@magpie/contracts';

/** `['view', 'click']` → `{ VIEW: 'view', CLICK: 'click' }`: GraphQL enum name → contract value. */
const upperCaseNames = <T extends string>(values: readonly T[]): Record<string, T> =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value]));

/**
 * Internal values of the schema's enums. Apollo converts in both directions: an argument
 * `type: VIEW` arrives in resolvers as 'view', and a service's `source: 'cooccurrence'` leaves as
 * `COOCCURRENCE`. A value outside the contract fails serialisation (masked as an internal error).
 */
export const enumResolvers = {
  EventType: upperCaseNames(EVENT_TYPES),
  Source: upperCaseNames(SOURCES),
  JobState: upperCaseNames(JOB_STATES),
  ModelStatus: upperCaseNames(MODEL_STATUSES),
};

export { IncidentService, MAX_HELD, type IncidentServiceOptions } from './service';
export { IncidentStore, type IncidentRecord } from './store';
export { createIncident, type DeclareInput } from './declare';
export { foldIncident, applyEvent } from './fold';
export { newIncidentId } from './id';

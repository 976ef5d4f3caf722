import type { IncidentDetails, MarkerKind } from '../../shared/model/incident';
import type { IncidentSummary, SearchHit } from '../../shared/model/incidentList';
import { indexAnnotations, type EventAnnotations } from './eventAnnotations';
import type { Slice } from './types';

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** Incidents whose journals could not be read, with why. */
  skipped: string[];
}

/** Timeline filters beyond the kind and host chips: markers and actors (#4). Empty means "any". */
export interface TimelineExtraFilter {
  markers: MarkerKind[];
  actors: string[];
}

export interface IncidentDetailsSlice {
  /** Roles, milestones, clocks, suggestions, markers, pins, edits: the Node side's fold of the journal. */
  details: IncidentDetails | null;
  /** Which incident `details` belong to, so a switch never shows the last incident's roles. */
  detailsFor: string | null;
  /** `details` indexed by the event each annotation points at, for the timeline rows. */
  annotations: Record<number, EventAnnotations>;
  incidentList: IncidentSummary[] | null;
  searchResult: SearchResult | null;
  timelineExtra: TimelineExtraFilter;
  setDetails(incidentId: string | null, details: IncidentDetails | null): void;
  setIncidentList(list: IncidentSummary[]): void;
  setSearchResult(result: SearchResult | null): void;
  setTimelineExtra(extra: Partial<TimelineExtraFilter>): void;
}

export const createIncidentDetailsSlice: Slice<IncidentDetailsSlice> = (set, get) => ({
  details: null,
  detailsFor: null,
  annotations: {},
  incidentList: null,
  searchResult: null,
  timelineExtra: { markers: [], actors: [] },
  setDetails: (incidentId, details) => {
    // Another incident's seqs mean other events: never carry its annotation objects over.
    const previous = get().detailsFor === incidentId ? get().annotations : {};
    set({ detailsFor: incidentId, details, annotations: indexAnnotations(details, previous) });
  },
  setIncidentList: (list) => set({ incidentList: list }),
  setSearchResult: (result) => set({ searchResult: result }),
  setTimelineExtra: (extra) => set({ timelineExtra: { ...get().timelineExtra, ...extra } }),
});

import type { HistoryEntry } from '@magpie/contracts';
import type { ShopperState } from '../ports';

/** Options every history store takes. */
export interface HistoryStoreLimits {
  /** Recent events kept per shopper (oldest dropped first). */
  historyLength: number;
}

/** Impressions are exposure, not interest: they never enter a shopper's recent history. */
export const isInterest = (entry: HistoryEntry): boolean => entry.type !== 'impression';

/** A state no longer than `historyLength`, with arrays the caller may mutate freely. */
export const boundedCopy = (state: ShopperState, historyLength: number): ShopperState => ({
  recent: state.recent.slice(-historyLength).map((e) => ({ ...e })),
  purchased: [...state.purchased],
  disliked: [...state.disliked],
});

import type { HistoryEntry, Product } from '@magpie/contracts';
import { anchorOf, type Candidate } from './candidate';

const quote = (p: Product | undefined) => (p ? `“${p.title.length > 60 ? `${p.title.slice(0, 57)}…` : p.title}”` : 'an item you viewed');

const VERB: Record<string, string> = { purchase: 'bought', cart: 'added to your cart', click: 'looked at', view: 'viewed' };

/** What a less known item shown for discovery (long-tail source or tail exposure) says. */
export const DISCOVER_REASON = 'Discover: less known item similar to your taste';

/** A human-readable reason for one recommended item. */
export function reasonFor(
  candidate: Candidate,
  lookup: (id: number) => Product | undefined,
  history: readonly HistoryEntry[] = [],
): string {
  if (candidate.discover) return DISCOVER_REASON;
  switch (candidate.source) {
    case 'cooccurrence': {
      const anchor = candidate.anchorId !== undefined ? lookup(candidate.anchorId) : undefined;
      const type = [...history].reverse().find((h) => h.productId === candidate.anchorId)?.type ?? 'view';
      return `Shoppers who ${VERB[type] ?? 'viewed'} ${quote(anchor)} also looked at this`;
    }
    case 'similar': {
      const anchor = candidate.anchorId !== undefined ? lookup(candidate.anchorId) : undefined;
      return `Often viewed together with ${quote(anchor)}`;
    }
    case 'sequence': {
      const anchor = anchorOf(candidate);
      if (anchor === undefined) return 'Picked for you from what you did recently';
      const type = [...history].reverse().find((h) => h.productId === anchor)?.type;
      const verb = type === 'purchase' ? 'bought' : 'viewed';
      return `Because you ${verb} ${quote(lookup(anchor))}`;
    }
    case 'longtail':
      return DISCOVER_REASON;
    case 'popular': {
      const p = lookup(candidate.productId);
      const leaf = p?.categories[p.categories.length - 1];
      return leaf ? `Popular right now in ${leaf}` : 'Popular right now';
    }
    default:
      return 'Recommended for you';
  }
}

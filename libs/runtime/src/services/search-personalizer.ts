import type { EventRepository, HistoryStore, UserRepository } from '@magpie/data';
import type { ActiveModels } from '../active-models';
import type { Personalizer } from './search-service';

export interface SearchPersonalizerDeps {
  users: Pick<UserRepository, 'find'>;
  events: Pick<EventRepository, 'shopperState'>;
  history: Pick<HistoryStore, 'get'>;
  models: Pick<ActiveModels, 'sequence'>;
  historyLength: number;
}

/**
 * The shopper's affinities from the served sequence model over their fresh history (the same state
 * recommendations read); null for an unknown shopper, without a model, or when the model fails — search
 * then answers unpersonalised rather than not at all.
 */
export const personalizer =
  ({ users, events, history, models, historyLength }: SearchPersonalizerDeps): Personalizer =>
  async (userExternalId, productIds) => {
    const model = models.sequence();
    if (!model) return null;
    const userId = await users.find(userExternalId);
    if (userId === null) return null;
    const state = await history.get(userId, () => events.shopperState(userId, historyLength));
    if (state.recent.length === 0) return null;
    try {
      return await model.affinities(state.recent, productIds);
    } catch {
      return null;
    }
  };

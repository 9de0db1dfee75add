import type { ForgetUserResult } from '@magpie/contracts';
import type { HistoryStore, PrivacyRepository } from '@magpie/data';

/** Forgets a shopper everywhere: stored events and candidates, then the cached real-time state. */
export class PrivacyService {
  constructor(
    private readonly privacy: Pick<PrivacyRepository, 'forgetUser'>,
    private readonly history: Pick<HistoryStore, 'forget'>,
    /** Drops the shopper from request-path caches (the user id cache). */
    private readonly onForget: (externalId: string) => void = () => undefined,
  ) {}

  async forgetUser(externalId: string): Promise<ForgetUserResult> {
    const result = await this.privacy.forgetUser(externalId);
    this.onForget(externalId);
    if (result.userId !== null) await this.history.forget(result.userId);
    return { events: result.events, candidates: result.candidates };
  }
}

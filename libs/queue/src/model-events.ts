import { z } from 'zod';
import { badInput, MODEL_KINDS, type ModelKind } from '@magpie/contracts';

/** "A model version of this kind became the active one": gateways reload it (hot swap). */
export interface ModelChange {
  kind: ModelKind;
  versionId: number;
}

/** The wire shape of a `ModelChange`; messages that do not fit are dropped. */
export const ModelChangeSchema = z.object({
  kind: z.enum(MODEL_KINDS),
  versionId: z.number().int().positive(),
});

/**
 * Model-change notifications between processes (workers and admins publish, gateways subscribe).
 * Delivery is fire-and-forget, as pub/sub is: a process that starts later must read the active
 * versions itself.
 */
export interface ModelEvents {
  publish(event: ModelChange): Promise<void>;
  /** Calls `handler` for every change published from now on; returns the unsubscribe function. */
  subscribe(handler: (event: ModelChange) => void): () => void;
  close(): Promise<void>;
}

/** Checks an event before it is published; throws `badInput`. */
export function checkModelChange(event: ModelChange): ModelChange {
  const parsed = ModelChangeSchema.safeParse(event);
  if (!parsed.success) throw badInput(`invalid model change: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Calls each handler; one that throws is reported and does not stop the others. */
export function deliver(
  handlers: Iterable<(event: ModelChange) => void>,
  event: ModelChange,
  onError: (err: Error) => void,
): void {
  for (const handler of handlers) {
    try {
      handler({ ...event });
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

export const logModelEventError = (err: Error) => console.error('[model-events]', err);

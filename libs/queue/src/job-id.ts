import { QUEUES, type QueueName } from '@magpie/contracts';

const isQueueName = (value: string): value is QueueName => (QUEUES as readonly string[]).includes(value);

/** "<queue>:<queue-local id>", the id callers see. */
export const formatJobId = (queue: QueueName, localId: string): string => `${queue}:${localId}`;

/** Splits "<queue>:<local id>"; null when the queue is unknown or a part is missing. */
export function parseJobId(id: string): { queue: QueueName; localId: string } | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const queue = id.slice(0, colon);
  const localId = id.slice(colon + 1);
  if (!isQueueName(queue) || localId.length === 0) return null;
  return { queue, localId };
}

export { isQueueName };

import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface SampledNode {
  selfSize: number;
  children: SampledNode[];
}

const totalBytes = (node: SampledNode): number => node.children.reduce((sum, child) => sum + totalBytes(child), node.selfSize);

/**
 * V8's sampling heap profiler on this thread, counting objects the GC has already collected too, so the
 * total is what the thread allocated meanwhile (an estimate from one sample per ~`intervalBytes`), not what
 * it keeps: allocation is what GC work follows, and it does not depend on how fast the machine is that day.
 * `stop` returns the estimated bytes, and writes the profile as a .heapprofile (Chrome DevTools) when given a file.
 */
export async function startHeapSampler(intervalBytes = 16_384): Promise<{ stop(file?: string): Promise<number> }> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  // The two include* flags are V8's (Node ≥ 18); @types/node does not list them.
  await session.post('HeapProfiler.startSampling', { samplingInterval: intervalBytes, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as { samplingInterval: number });
  return {
    async stop(file) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      if (file) await writeFile(file, JSON.stringify(profile));
      return totalBytes(profile.head as SampledNode);
    },
  };
}

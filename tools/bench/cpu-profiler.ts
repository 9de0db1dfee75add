import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** The V8 profiler of this thread (an embedded gateway's request thread); `stop` writes a .cpuprofile (Chrome DevTools, speedscope). */
export async function startProfiler(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      return file;
    },
  };
}

import { SingleBar, Presets } from 'cli-progress';

/** A terminal progress bar on stderr (silent when stderr is not a terminal, e.g. in CI logs). */
export function progressBar(label: string) {
  const bar = new SingleBar(
    { format: `${label.padEnd(12)} [{bar}] {percentage}% | {value}/{total} {phase}`, stream: process.stderr, noTTYOutput: false, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number, phase = '') {
      if (!started) { bar.start(total, done, { phase }); started = true; }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop() { if (started) bar.stop(); },
  };
}

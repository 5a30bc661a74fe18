// What the demo server serves: the built-in scenarios (or, with `--from`, only the loaded
// objects) plus `--pods N` generated pods.
import { loadObjects } from './from-loader.js';
import { generatePods } from './generator.js';
import { buildScenarios } from './scenarios/index.js';
import type { DemoDataset } from './types.js';

export async function buildDataset(opts: { now: Date; pods?: number; from?: string[] }): Promise<DemoDataset> {
  const base: DemoDataset = opts.from?.length ? await loadObjects(opts.from) : buildScenarios(opts.now);
  const count = opts.pods ?? 0;
  if (!Number.isInteger(count) || count < 0) throw new Error(`--pods must be a whole number >= 0, got ${opts.pods}`);
  if (count === 0) return base;
  const generated = generatePods({ now: opts.now, count });
  return { objects: [...base.objects, ...generated.objects], logs: [...base.logs, ...generated.logs] };
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../../src/demo/dataset.js';
import { DemoWorld } from '../../../src/demo/world.js';

const NOW = new Date('2025-03-14T12:00:00Z');
const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const pods = (objects: { kind?: string }[]) => objects.filter((o) => o.kind === 'Pod').length;

describe('buildDataset', () => {
  it('serves the scenarios, plus exactly N generated pods with --pods', async () => {
    const base = await buildDataset({ now: NOW });
    const more = await buildDataset({ now: NOW, pods: 500 });
    expect(pods(base.objects)).toBeGreaterThan(20);
    expect(pods(more.objects)).toBe(pods(base.objects) + 500);
    expect(base.objects.some((o) => o.metadata?.name === 'port-clash')).toBe(true);
  });

  it('with --from serves only the loaded objects (plus generated pods)', async () => {
    const ds = await buildDataset({ now: NOW, from: [path.join(FIX, 'dump')], pods: 10 });
    expect(ds.objects.some((o) => o.metadata?.namespace === 'shop' && o.metadata?.name === 'web-1')).toBe(true);
    expect(ds.objects.some((o) => o.metadata?.name === 'port-clash')).toBe(false);
    expect(pods(ds.objects)).toBe(11);
  });

  it('rejects a bad --pods value in one line', async () => {
    await expect(buildDataset({ now: NOW, pods: -3 })).rejects.toThrow(/^--pods must be a whole number >= 0, got -3$/);
    await expect(buildDataset({ now: NOW, pods: 1.5 })).rejects.toThrow(/--pods/);
  });

  it('loads into the server world without losing an object (unique keys per kind)', async () => {
    const ds = await buildDataset({ now: NOW, pods: 300 });
    const world = DemoWorld.fromDataset(ds);
    expect(world.list('pods')).toHaveLength(pods(ds.objects));
    expect(world.list('events').length).toBe(ds.objects.filter((o) => o.kind === 'Event').length);
    expect(world.list('nodes').length).toBe(ds.objects.filter((o) => o.kind === 'Node').length);
  });
});

import { describe, expect, it } from 'vitest';
import { demoStore } from './fixtures/demo-store.js';

describe('demo fixture', () => {
  it('holds the scenario pods and their findings', async () => {
    const { store, analysis } = await demoStore();
    const keys = store.list('pods').map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    expect(keys).toContain('legacy/port-clash');
    expect(analysis.findingsForPod('legacy/port-clash').some((x) => x.rule === 'port-conflict')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAge, formatAgo, formatBytes, formatCount, formatCpu, formatDurationMs, parseQuantity } from '../../src/model/format.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatAge (kubectl HumanDuration)', () => {
  it.each([
    [45 * S, '45s'],
    [119 * S, '119s'],
    [3 * M + 20 * S, '3m20s'],
    [5 * M, '5m'],
    [12 * M, '12m'],
    [179 * M, '179m'],
    [5 * H + 10 * M, '5h10m'],
    [5 * H, '5h'],
    [20 * H, '20h'],
    [3 * D + 4 * H, '3d4h'],
    [12 * D, '12d'],
    [400 * D, '400d'],
    [760 * D, '2y30d'],
    [365 * 3 * D, '3y'],
    [365 * 9 * D, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatAge(ago(ms), NOW)).toBe(text);
  });

  it('says <unknown> for missing or invalid timestamps, 0s for small clock skew', () => {
    expect(formatAge(undefined, NOW)).toBe('<unknown>');
    expect(formatAge('yesterday', NOW)).toBe('<unknown>');
    expect(formatDurationMs(-500)).toBe('0s');
    expect(formatDurationMs(-5000)).toBe('<invalid>');
  });

  it('formatAgo', () => {
    expect(formatAgo(ago(3 * M), NOW)).toBe('3m ago');
    expect(formatAgo(undefined, NOW)).toBe('');
  });
});

describe('quantities', () => {
  it.each([
    ['100m', 0.1],
    ['2', 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['500k', 5e5],
    ['1e3', 1000],
    ['2E6', 2e6],
    ['250u', 250e-6],
  ])('%s → %d', (q, n) => {
    expect(parseQuantity(q)).toBeCloseTo(n, 12);
  });

  it('rejects nonsense', () => {
    for (const q of ['', 'abc', '12Xi', null, undefined, {}, '1..2']) expect(parseQuantity(q)).toBeUndefined();
    expect(parseQuantity(3)).toBe(3);
  });

  it('formats bytes and cpu', () => {
    expect(formatBytes(128 * 2 ** 20)).toBe('128Mi');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512');
    expect(formatCpu(0.1)).toBe('100m');
    expect(formatCpu(2)).toBe('2');
    expect(formatCpu(1.5)).toBe('1.5');
  });

  it('writes counts as toLocaleString("en-US") does, without ICU', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(50027)).toBe('50,027');
    expect(formatCount(-1234567)).toBe('-1,234,567');
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => formatCount(n) === n.toLocaleString('en-US')), { numRuns: 2000 });
  });
});

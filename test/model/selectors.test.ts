import { describe, expect, it } from 'vitest';
import { matchLabelSelector, matchLabels, matchSelectorMap, parseLabelSelector } from '../../src/model/selectors.js';

const web = { app: 'web', tier: 'frontend', 'app.kubernetes.io/version': '3' };

describe('parseLabelSelector', () => {
  it('parses the whole kubectl grammar', () => {
    expect(parseLabelSelector('a=b,c!=d,e in (x, y),f notin (z),g,!h,i==j')).toEqual([
      { key: 'a', operator: 'Equals', values: ['b'] },
      { key: 'c', operator: 'NotEquals', values: ['d'] },
      { key: 'e', operator: 'In', values: ['x', 'y'] },
      { key: 'f', operator: 'NotIn', values: ['z'] },
      { key: 'g', operator: 'Exists', values: [] },
      { key: 'h', operator: 'DoesNotExist', values: [] },
      { key: 'i', operator: 'Equals', values: ['j'] },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('app.kubernetes.io/name = web')[0]).toEqual({
      key: 'app.kubernetes.io/name',
      operator: 'Equals',
      values: ['web'],
    });
    expect(parseLabelSelector('v>2')[0].operator).toBe('Gt');
  });

  it.each(['a=b,', ',a', 'a in (x', 'a in ()', 'a=b=c', 'a=b)', 'bad key=x', '-a=b', 'a=-b', 'a>x', 'x/=y', 'A_/b=c'])(
    'rejects %j with a one-line message',
    (text) => {
      let error: unknown;
      try {
        parseLabelSelector(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^invalid label selector: [^\n]+$/);
    },
  );
});

describe('matchLabels', () => {
  it('applies Kubernetes semantics', () => {
    const m = (s: string) => matchLabels(parseLabelSelector(s), web);
    expect(m('app=web')).toBe(true);
    expect(m('app=api')).toBe(false);
    expect(m('app!=api')).toBe(true);
    expect(m('missing!=x')).toBe(true);
    expect(m('tier in (backend,frontend)')).toBe(true);
    expect(m('tier notin (frontend)')).toBe(false);
    expect(m('missing notin (x)')).toBe(true);
    expect(m('app')).toBe(true);
    expect(m('!app')).toBe(false);
    expect(m('!missing')).toBe(true);
    expect(m('app.kubernetes.io/version>2')).toBe(true);
    expect(m('app.kubernetes.io/version<3')).toBe(false);
    expect(m('app=web,tier=backend')).toBe(false);
    expect(m('')).toBe(true);
    expect(matchLabels(parseLabelSelector('app'), undefined)).toBe(false);
    expect(matchLabels(parseLabelSelector('!app'), null)).toBe(true);
  });
});

describe('matchLabelSelector', () => {
  it('matchLabels and matchExpressions', () => {
    expect(matchLabelSelector({ matchLabels: { app: 'web' } }, web)).toBe(true);
    expect(matchLabelSelector({ matchLabels: { app: 'api' } }, web)).toBe(false);
    expect(
      matchLabelSelector(
        {
          matchLabels: { app: 'web' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['frontend'] },
            { key: 'x', operator: 'DoesNotExist' },
          ],
        },
        web,
      ),
    ).toBe(true);
    expect(matchLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, web)).toBe(false);
    expect(matchLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, web)).toBe(true);
  });

  it('empty selects all, null selects none, unknown operator selects none', () => {
    expect(matchLabelSelector({}, web)).toBe(true);
    expect(matchLabelSelector(null, web)).toBe(false);
    expect(matchLabelSelector(undefined, web)).toBe(false);
    expect(matchLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Like', values: ['w'] }] }, web)).toBe(false);
  });
});

describe('matchSelectorMap (Service selector)', () => {
  it('needs every pair; empty or missing selects nothing', () => {
    expect(matchSelectorMap({ app: 'web' }, web)).toBe(true);
    expect(matchSelectorMap({ app: 'web', tier: 'backend' }, web)).toBe(false);
    expect(matchSelectorMap({}, web)).toBe(false);
    expect(matchSelectorMap(undefined, web)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/privilege-escalation.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

function containerWith(securityContext: unknown) {
  return manifestSubject(pod({ containers: [{ name: 'app', image: 'shop/app:1', securityContext }] }));
}

describe('privilege-escalation', () => {
  it('fires when unset or true', () => {
    const unset = run(rule, containerWith(undefined));
    expect(unset).toHaveLength(1);
    expect(unset[0]).toMatchObject({ severity: 'warning', container: 'app' });
    expect(unset[0].evidence).toEqual(['spec.containers[0].securityContext.allowPrivilegeEscalation: unset']);
    const yes = run(rule, containerWith({ allowPrivilegeEscalation: true }));
    expect(yes[0].message).toContain('allowPrivilegeEscalation is true');
  });

  it('fires on init containers too', () => {
    const s = manifestSubject(pod({ initContainers: [{ name: 'i', image: 'x:1' }], containers: [{ name: 'a', image: 'x:1', securityContext: { allowPrivilegeEscalation: false } }] }));
    expect(run(rule, s).map((f) => f.container)).toEqual(['i']);
  });

  it('does not fire when set to false', () => {
    expect(run(rule, containerWith({ allowPrivilegeEscalation: false }))).toEqual([]);
  });

  it('stays quiet where privileged or dangerous-capabilities already say more', () => {
    expect(run(rule, containerWith({ privileged: true }))).toEqual([]);
    expect(run(rule, containerWith({ capabilities: { add: ['SYS_ADMIN'] } }))).toEqual([]);
    expect(run(rule, containerWith({ capabilities: { add: ['cap_sys_admin'] } }))).toEqual([]);
    // NET_ADMIN does not force escalation: still reported.
    expect(run(rule, containerWith({ capabilities: { add: ['NET_ADMIN'] } }))).toHaveLength(1);
  });

  it('does not apply to Windows pods', () => {
    expect(run(rule, manifestSubject(pod({ os: { name: 'windows' }, containers: [{ name: 'a', image: 'x:1' }] })))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});

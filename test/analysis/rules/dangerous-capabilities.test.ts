import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/dangerous-capabilities.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

function withCaps(capabilities: unknown, name = 'app', init = false) {
  const c = { name, image: 'shop/app:1', securityContext: { capabilities } };
  return manifestSubject(pod(init ? { initContainers: [c], containers: [{ name: 'main', image: 'x:1' }] } : { containers: [c] }));
}

describe('dangerous-capabilities', () => {
  it('fires on each dangerous capability, however it is written', () => {
    for (const cap of ['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'cap_sys_admin', 'CAP_NET_ADMIN']) {
      const f = run(rule, withCaps({ add: [cap] }));
      expect(f, cap).toHaveLength(1);
      expect(f[0].severity).toBe('error');
    }
  });

  it('names every dangerous capability of a container in one finding', () => {
    const f = run(rule, withCaps({ add: ['NET_BIND_SERVICE', 'SYS_PTRACE', 'NET_ADMIN'] }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe('container app adds SYS_PTRACE, NET_ADMIN: each is close to root on the node');
    expect(f[0].evidence).toEqual([
      'spec.containers[0].securityContext.capabilities.add[1]: SYS_PTRACE',
      'spec.containers[0].securityContext.capabilities.add[2]: NET_ADMIN',
    ]);
  });

  it('does not fire on dropped or narrow capabilities', () => {
    expect(run(rule, withCaps({ drop: ['ALL'], add: ['NET_BIND_SERVICE', 'NET_RAW'] }))).toEqual([]);
  });

  it('a mesh init container adding NET_ADMIN is info; other containers of that name are not excused', () => {
    const f = run(rule, withCaps({ add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, 'istio-init', true));
    expect(f[0]).toMatchObject({ severity: 'info', container: 'istio-init' });
    expect(run(rule, withCaps({ add: ['NET_ADMIN'] }, 'istio-init', false))[0].severity).toBe('error');
    expect(run(rule, withCaps({ add: ['NET_ADMIN', 'SYS_ADMIN'] }, 'istio-init', true))[0].severity).toBe('error');
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatEmdrId, SandboxRegistry } from '../../../../agent/sandbox/sandbox-registry.ts';

const at = new Date('2026-11-26T08:00:00Z');
const fields = (localUid: string, clientEntityId = 'sys-a') => ({
  localUid, kind: '119', patientSnils: '15642781886', organization: '1.2.643.5.1.13.13.12.2.77.7701',
  creationDateTime: '2026-11-26T10:15:00+03:00', clientEntityId,
});

describe('sandbox-registry', () => {
  it.each([
    ['1.2.643.5.1.13.13.12.2.77.7701', '119', 1, '77.119.26.11.000001'],
    ['1.2.643.5.1.13.13.12.2.16.1234', '62', 14523, '16.62.26.11.014523'],
    ['1.2.3', '119', 5, '00.119.26.11.000005'],
  ])('formats the registry number of %s kind %s', (org, kind, serial, id) => {
    expect(formatEmdrId(org, kind, at, serial)).toBe(id);
  });

  it('refuses a localUid that is registered or still in progress, and frees a failed one', () => {
    const registry = new SandboxRegistry();
    expect(registry.claim('a')).toBe(true);
    expect(registry.claim('a')).toBe(false);
    registry.release('a');
    expect(registry.claim('a')).toBe(true);
    registry.register(fields('a'), at);
    expect(registry.claim('a')).toBe(false);
  });

  it('numbers registrations in order and shows each system only its own', () => {
    const registry = new SandboxRegistry();
    const first = registry.register(fields('a'), at);
    const second = registry.register(fields('b', 'sys-b'), at);
    expect([first.emdrId, second.emdrId]).toEqual(['77.119.26.11.000001', '77.119.26.11.000002']);
    expect(first.registeredAt).toBe(at.toISOString());
    expect(registry.byEmdrId(first.emdrId, 'sys-a')?.localUid).toBe('a');
    expect(registry.byEmdrId(first.emdrId, 'sys-b')).toBeUndefined();
    expect(registry.search({ kind: '119' }, 'sys-b').map((e) => e.localUid)).toEqual(['b']);
    expect(registry.search({ registerDateBegin: '2026-11-27' }, 'sys-a')).toEqual([]);
    expect(registry.search({ registerDateEnd: '2026-11-26', patientSnils: '15642781886' }, 'sys-a')).toHaveLength(1);
  });
});

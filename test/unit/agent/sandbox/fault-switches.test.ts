import { describe, expect, it } from 'vitest';
import { applyFaultSettings } from '../../../../agent/sandbox/fault-settings.ts';
import { FaultSwitches } from '../../../../agent/sandbox/fault-switches.ts';

describe('fault-switches', () => {
  it('fires for the next N occasions, then stops', () => {
    const faults = new FaultSwitches(() => 0.99);
    faults.set('serverError', { next: 2 });
    expect([faults.trip('serverError'), faults.trip('serverError'), faults.trip('serverError')]).toEqual([true, true, false]);
    expect(faults.trip('rateLimit')).toBe(false);
  });

  it('fires at random with its rate', () => {
    const draws = [0.1, 0.6, 0.3];
    const faults = new FaultSwitches(() => draws.shift() ?? 1);
    faults.set('lostCallback', { rate: 0.5 });
    expect([faults.trip('lostCallback'), faults.trip('lostCallback'), faults.trip('lostCallback')]).toEqual([true, false, true]);
  });

  it('resets everything', () => {
    const faults = new FaultSwitches();
    faults.latencyMs = 100;
    faults.set('dropConnection', { next: 1, rate: 1 });
    faults.reset();
    expect(faults.state()).toEqual({
      latencyMs: 0,
      faults: {
        serverError: { next: 0, rate: 0 }, rateLimit: { next: 0, rate: 0 }, dropConnection: { next: 0, rate: 0 },
        lostResponse: { next: 0, rate: 0 }, caUnavailable: { next: 0, rate: 0 }, lostCallback: { next: 0, rate: 0 },
      },
    });
  });
});

describe('fault-settings', () => {
  it('applies a valid body', () => {
    const faults = new FaultSwitches();
    expect(applyFaultSettings(faults, { latencyMs: 50, rateLimit: { next: 3 }, serverError: { rate: 0.2 } })).toBeUndefined();
    expect(faults.state()).toMatchObject({ latencyMs: 50, faults: { rateLimit: { next: 3, rate: 0 }, serverError: { next: 0, rate: 0.2 } } });
  });

  it.each([
    [[]], [null], ['x'], [{ latencyMs: -1 }], [{ latencyMs: '5' }], [{ rateLimit: { next: 1.5 } }],
    [{ serverError: { rate: 2 } }], [{ lostCallback: true }], [{ explode: {} }],
  ])('refuses %j and changes nothing', (body) => {
    const faults = new FaultSwitches();
    expect(applyFaultSettings(faults, body)).toEqual(expect.any(String));
    expect(faults.state().latencyMs).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { classifySample } from '../../src/quality/classify-sample.js';
import { EMPTY_GATE_STATE, type GateState } from '../../src/quality/gate-state.js';
import { QualityGate } from '../../src/quality/quality-gate.js';
import { DEFAULT_QUALITY_TUNING } from '../../src/quality/quality-tuning.js';
import { levelIsTrusted } from '../../src/quality/trust.js';
import { everyMinutes, qualities, runSeries, type Step, sample, WHEELIE } from './series.js';

describe('quality gate: spikes', () => {
  it('flags a single spike and keeps it a spike when the next reading returns', () => {
    const stored = runSeries(WHEELIE, everyMinutes(15, [30, 30.5, 31, 85, 31.5, 32]));

    expect(qualities(stored)).toEqual({
      r0: 'ok',
      r15: 'ok',
      r30: 'ok',
      r45: 'spike',
      r60: 'ok',
      r75: 'ok',
    });
    expect(stored.get('r45')!.reason).toContain('not confirmed: the next reading was 31%');
  });

  it('confirms a real step (a cart emptied into the bin) once later readings hold it', () => {
    const stored = runSeries(WHEELIE, everyMinutes(15, [30, 31, 70, 71, 72, 73]));

    expect(stored.get('r30')).toMatchObject({ first: 'spike', quality: 'ok', corrected: true });
    expect(stored.get('r45')).toMatchObject({ first: 'spike', quality: 'ok', corrected: true });
    expect(stored.get('r60')).toMatchObject({ first: 'ok', quality: 'ok' });
    expect(stored.get('r60')!.reason).toContain('confirms the jump to 70%');
    expect(stored.get('r75')!.quality).toBe('ok');
  });

  it('does not call a genuine fast market-day fill a spike', () => {
    // 70 %/h at its peak: each late step alone exceeds the bin's base allowance (8 + 35/4 %),
    // but the morning's steady climb makes it plausible.
    const market = { ...WHEELIE, maxRisePctPerH: 35, typicalRisePctPerH: 4 };
    const fills = [10, 20, 32, 46, 63, 80, 96, 99];
    const stored = runSeries(market, everyMinutes(15, fills));
    const withoutLearning = runSeries(market, everyMinutes(15, fills), { recentRiseWindowMs: 0 });

    expect(new Set(Object.values(qualities(stored)))).toEqual(new Set(['ok']));
    expect(Object.values(qualities(withoutLearning))).toContain('spike');
  });

  it('would flag the same 17-point step on a bin that was not climbing', () => {
    const market = { ...WHEELIE, maxRisePctPerH: 35, typicalRisePctPerH: 4 };
    const stored = runSeries(market, everyMinutes(15, [46, 46, 46.5, 63.5]));

    expect(stored.get('r45')!.quality).toBe('spike');
  });

  it('marks a drop that bounces straight back as a glitch, but accepts a real collection', () => {
    const glitch = runSeries(WHEELIE, everyMinutes(15, [70, 71, 5, 72, 72.5]));
    const collection = runSeries(WHEELIE, everyMinutes(15, [80, 81, 5, 6, 8]));

    expect(glitch.get('r30')).toMatchObject({ first: 'ok', quality: 'spike', corrected: true });
    expect(glitch.get('r30')!.reason).toContain('a glitch, not a collection');
    expect(glitch.get('r45')!.quality).toBe('ok');
    expect(new Set(Object.values(qualities(collection)))).toEqual(new Set(['ok']));
  });
});

describe('quality gate: something in the beam', () => {
  // A sensor on a post over a masonry TPS: 2000 mm to the floor, rim 500 mm down.
  const tps = { ...WHEELIE, mountHeightMm: 2000, usableDepthMm: 1500 };

  it('flags a lid-in-beam run over the rim and returns to ok when it clears', () => {
    const steps: Step[] = [
      ...everyMinutes(30, [40, 41]),
      ...[60, 90, 120, 150].map((minute) => ({ minute, distanceMm: 250 })),
      ...everyMinutes(30, [43, 44], 180),
    ];
    const stored = runSeries(tps, steps);

    for (const id of ['r60', 'r90', 'r120', 'r150']) {
      expect(stored.get(id)).toMatchObject({ quality: 'out-of-range', corrected: false });
    }
    expect(stored.get('r60')!.reason).toContain('object (lid, bag) in the beam');
    expect(stored.get('r180')!.quality).toBe('ok');
    expect(stored.get('r210')!.quality).toBe('ok');
  });

  it('flags a bag hanging in the beam at a plausible level while it hangs, and after', () => {
    const stored = runSeries(tps, everyMinutes(30, [40, 41, 80, 81, 42, 43]));

    expect(stored.get('r60')).toMatchObject({ first: 'spike', quality: 'spike' });
    expect(stored.get('r90')).toMatchObject({ first: 'spike', quality: 'spike' });
    expect(stored.get('r90')!.reason).toContain('not confirmed');
    expect(stored.get('r120')!.quality).toBe('ok');
  });

  it('flags readings while an in-lid sensor reports it is tilted (lid open)', () => {
    const steps: Step[] = [
      { minute: 0, fillPct: 50 },
      { minute: 15, distanceMm: 600, tilted: true },
      { minute: 30, distanceMm: 4000, tilted: true },
      { minute: 45, fillPct: 51, tilted: false },
    ];
    const stored = runSeries(WHEELIE, steps);

    expect(qualities(stored)).toEqual({
      r0: 'ok',
      r15: 'out-of-range',
      r30: 'out-of-range',
      r45: 'ok',
    });
    expect(stored.get('r15')!.reason).toContain('tilted');
  });

  it('accepts waste heaped over the rim when the level climbed there', () => {
    const stored = runSeries(tps, everyMinutes(60, [90, 97, 103, 108, 113, 118]));

    expect(new Set(Object.values(qualities(stored)))).toEqual(new Set(['ok']));
  });
});

describe('quality gate: no echo and range', () => {
  it('never reads no-echo or a 0 mm distance as a full bin', () => {
    const steps: Step[] = [
      { minute: 0, fillPct: 30 },
      { minute: 15, noEcho: true },
      { minute: 30, distanceMm: 0 },
      { minute: 45, fillPct: 31 },
    ];
    const stored = runSeries(WHEELIE, steps);

    expect(stored.get('r15')).toMatchObject({ quality: 'no-echo' });
    expect(stored.get('r30')).toMatchObject({ quality: 'no-echo' });
    expect(stored.get('r30')!.reason).toContain('0 mm');
    expect(levelIsTrusted('no-echo')).toBe(false);
    expect(stored.get('r45')!.quality).toBe('ok');
  });

  it('refuses distances inside the blind zone or past the floor', () => {
    const stored = runSeries(WHEELIE, [
      { minute: 0, distanceMm: 60 },
      { minute: 15, distanceMm: 1600 },
      { minute: 30, distanceMm: 1400 },
    ]);

    expect(stored.get('r0')!.reason).toContain('blind zone');
    expect(stored.get('r15')!.reason).toContain('past the bin floor');
    expect(stored.get('r30')!.quality).toBe('ok');
  });
});

describe('quality gate: stuck sensors', () => {
  it('flags identical values held far longer than the fill rate allows', () => {
    // Residential bin: 1.5 %/h typical, so 25 % of change is expected within ~16.7 h.
    const steps: Step[] = Array.from({ length: 21 }, (_, hour) => ({
      minute: hour * 60,
      distanceMm: 900,
    }));
    steps.push({ minute: 21 * 60, distanceMm: 700 });
    const stored = runSeries(WHEELIE, steps);

    expect(stored.get('r960')!.quality).toBe('ok');
    expect(stored.get('r1020')!.quality).toBe('stuck');
    expect(stored.get('r1200')!.quality).toBe('stuck');
    expect(stored.get('r1200')!.reason).toContain('unchanged for 21 readings');
    expect(stored.get('r1260')!.quality).toBe('ok');
    expect(stored.get('r1260')!.reason).toContain('new baseline');
  });

  it('does not flag a quiet bin whose readings jitter by a few millimetres', () => {
    const steps: Step[] = Array.from({ length: 24 }, (_, hour) => ({
      minute: hour * 60,
      distanceMm: 900 + ((hour * 7) % 5) - 2,
    }));

    expect(new Set(Object.values(qualities(runSeries(WHEELIE, steps))))).toEqual(new Set(['ok']));
  });
});

describe('quality gate: battery', () => {
  it('marks a good level with a low battery as low-battery, a level still trusted', () => {
    const dragino = { ...WHEELIE, lowBatteryV: 2.7 };
    const stored = runSeries(dragino, [
      { minute: 0, fillPct: 30, batteryPct: 5 },
      { minute: 15, fillPct: 31, batteryV: 2.6 },
      { minute: 30, fillPct: 31, batteryV: 3.3 },
    ]);

    expect(qualities(stored)).toEqual({ r0: 'low-battery', r15: 'low-battery', r30: 'ok' });
    expect(stored.get('r15')!.reason).toBe('battery 2.6 V (below 2.7 V)');
    expect(levelIsTrusted('low-battery')).toBe(true);
  });

  it('keeps a spike a spike even with a low battery, and confirms into low-battery', () => {
    const stored = runSeries(WHEELIE, [
      { minute: 0, fillPct: 30 },
      { minute: 15, fillPct: 75, batteryPct: 4 },
      { minute: 30, fillPct: 76 },
      { minute: 45, fillPct: 77 },
    ]);

    expect(stored.get('r15')).toMatchObject({ first: 'spike', quality: 'low-battery' });
  });
});

describe('quality gate: state handling', () => {
  it('is pure: never changes the state it is given', () => {
    const deepFreeze = (state: GateState): GateState => {
      for (const value of Object.values(state)) if (value) Object.freeze(value);
      return Object.freeze(state);
    };
    let state: GateState = EMPTY_GATE_STATE;
    for (const step of everyMinutes(15, [30, 31, 80, 81, 82, 5])) {
      const frozen = deepFreeze(state);
      const before = JSON.stringify(frozen);
      const result = classifySample(frozen, sample(WHEELIE, step), WHEELIE, DEFAULT_QUALITY_TUNING);
      expect(JSON.stringify(frozen)).toBe(before);
      state = result.state;
    }
  });

  it('judges a reading that arrives out of order without touching the history', () => {
    const gate = new QualityGate();
    gate.assess('bin-1', WHEELIE, sample(WHEELIE, { minute: 60, fillPct: 40 }));
    const before = gate.stateOf('bin-1');
    const late = gate.assess('bin-1', WHEELIE, sample(WHEELIE, { minute: 30, fillPct: 90 }));

    expect(late).toMatchObject({ quality: 'ok', reason: expect.stringContaining('out of order') });
    expect(gate.stateOf('bin-1')).toBe(before);
  });

  it('keeps bins apart and rebuilds a pending spike from stored readings', () => {
    const gate = new QualityGate();
    const steps = everyMinutes(15, [30, 31, 85]);
    gate.replay(
      'bin-1',
      WHEELIE,
      steps.map((s) => sample(WHEELIE, s)),
    );
    gate.assess('bin-2', WHEELIE, sample(WHEELIE, { minute: 45, fillPct: 90 }));
    const next = gate.assess('bin-1', WHEELIE, sample(WHEELIE, { minute: 45, fillPct: 32 }));

    expect(next.corrections).toEqual([expect.objectContaining({ id: 'r30', quality: 'spike' })]);
    gate.forget('bin-1');
    expect(gate.stateOf('bin-1')).toBeUndefined();
  });
});

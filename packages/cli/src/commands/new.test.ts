import type { Dataset } from '@engagements/core';
import { describe, expect, it } from 'vitest';
import { defaultMedium } from './new.js';

const datasetOf = (engagements: { type: string; medium: string }[]) => ({ engagements: engagements.map((data) => ({ data })) }) as unknown as Dataset;

describe('defaultMedium: the medium offered first after the type', () => {
  it('is the medium the records use most for that type, ties in vocabulary order', () => {
    const records = datasetOf([
      { type: 'call', medium: 'video' },
      { type: 'call', medium: 'telephone' },
      { type: 'call', medium: 'telephone' },
      { type: 'meeting', medium: 'in-person' },
    ]);
    expect(defaultMedium('call', records)).toBe('telephone');
    expect(defaultMedium('call', datasetOf([{ type: 'call', medium: 'telephone' }, { type: 'call', medium: 'video' }]))).toBe('video');
    expect(defaultMedium('meeting', records)).toBe('in-person');
  });

  it('for a type no record has yet: remote for a call, written for correspondence, else the first term', () => {
    const empty = datasetOf([]);
    expect(defaultMedium('call', empty)).toBe('telephone');
    expect(defaultMedium('correspondence', empty)).toBe('written');
    expect(defaultMedium('official-visit', empty)).toBe('in-person');
  });
});

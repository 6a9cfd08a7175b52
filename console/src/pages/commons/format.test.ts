import { describe, expect, it } from 'vitest';
import { duration, utc } from './format';

describe('duration', () => {
  it("writes the guide's totals as the guide does", () => {
    expect(duration(23640)).toBe('6 h 34 min');
    expect(duration(12840)).toBe('3 h 34 min');
    expect(duration(10800)).toBe('3 h');
    expect(duration(139)).toBe('2 min 19 s');
    expect(duration(720)).toBe('12 min');
    expect(duration(0)).toBe('0 s');
    expect(duration(undefined)).toBe('-');
  });

  it('shows instants in UTC to the minute', () => {
    expect(utc('2026-12-03T13:05:18.115Z')).toBe('2026-12-03 13:05 UTC');
    expect(utc(undefined)).toBe('-');
  });
});

import { describe, expect, it } from 'vitest';
import { compareHaVersions, isHaVersionAtLeast, VOICE_MIN_HA_VERSION } from '../../../src/ha/ha-version.js';

describe('Home Assistant version comparison', () => {
  it('orders releases by year, month and patch as numbers, not as text', () => {
    expect(compareHaVersions('2024.8.3', '2024.11.0')).toBeLessThan(0);
    expect(compareHaVersions('2024.11.0', '2024.9.3')).toBeGreaterThan(0);
    expect(compareHaVersions('2025.1.0', '2024.12.5')).toBeGreaterThan(0);
    expect(compareHaVersions('2024.11.10', '2024.11.9')).toBeGreaterThan(0);
    expect(compareHaVersions('2024.11.0', '2024.11.0')).toBe(0);
  });

  it('puts dev builds before betas before the release of the same version', () => {
    expect(compareHaVersions('2026.12.0.dev0', '2026.12.0b0')).toBeLessThan(0);
    expect(compareHaVersions('2025.1.0b2', '2025.1.0b10')).toBeLessThan(0);
    expect(compareHaVersions('2025.1.0b2', '2025.1.0')).toBeLessThan(0);
    expect(compareHaVersions('2026.12.0.dev20261201', '2026.11.3')).toBeGreaterThan(0);
  });

  it('does not guess about a version it cannot read', () => {
    expect(compareHaVersions('unknown', '2024.11.0')).toBeUndefined();
    expect(compareHaVersions('2024.11', '2024.11.0')).toBeUndefined();
    expect(isHaVersionAtLeast('', VOICE_MIN_HA_VERSION)).toBeUndefined();
  });

  it('says whether an HA is new enough for the voice agent', () => {
    expect(isHaVersionAtLeast('2024.8.3', VOICE_MIN_HA_VERSION)).toBe(false);
    expect(isHaVersionAtLeast('2024.11.0b3', VOICE_MIN_HA_VERSION)).toBe(false);
    expect(isHaVersionAtLeast('2024.11.0', VOICE_MIN_HA_VERSION)).toBe(true);
    expect(isHaVersionAtLeast('2026.12.0.dev0', VOICE_MIN_HA_VERSION)).toBe(true);
  });
});

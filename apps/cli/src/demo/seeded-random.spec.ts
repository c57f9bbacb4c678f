import { seededRandom } from './seeded-random';

describe(seededRandom.name, () => {
  it('draws the same numbers for the same seed, others for another, all in [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const values = draw(7);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    // Spread over the interval, not stuck in a corner.
    expect(values.filter((value) => value < 0.5).length).toBeGreaterThan(400);
    expect(values.filter((value) => value < 0.5).length).toBeLessThan(600);
  });
});

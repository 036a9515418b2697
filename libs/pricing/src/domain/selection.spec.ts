import { Candidate, DEFAULT_SELECTION_WEIGHTS, pickRecommended, recommendationReason, scoreCandidates, weightsProblem } from './selection';

const c = (key: string, totalPaise: number, transitDays: number | null, performance = 0.8): Candidate => ({ key, totalPaise, transitDays, performance });

describe('courier selection', () => {
  it('scores cost and speed by ratio to the best, weighted', () => {
    const options = [c('a', 10_000, 4), c('b', 12_000, 2), c('c', 20_000, null)];
    const scores = scoreCandidates(options, DEFAULT_SELECTION_WEIGHTS);
    expect(scores).toEqual([
      { key: 'a', score: 0.85 }, // 0.7 * 1 + 0.3 * 0.5
      { key: 'b', score: 0.88 }, // 0.7 * 0.8333 + 0.3 * 1
      { key: 'c', score: 0.35 }, // 0.7 * 0.5 + 0
    ]);
    expect(pickRecommended(options, scores)?.key).toBe('b');
    const costOnly = scoreCandidates(options, { cost: 1, speed: 0, performance: 0 });
    expect(pickRecommended(options, costOnly)?.key).toBe('a');
    const perf = scoreCandidates([c('x', 100, 2, 0.2), c('y', 100, 2, 0.9)], { cost: 0.5, speed: 0, performance: 0.5 });
    expect(perf.map((s) => s.score)).toEqual([0.6, 0.95]);
    expect(pickRecommended([], [])).toBeNull();
  });

  it('breaks ties by price, then speed, then key', () => {
    const options = [c('z', 100, 3), c('y', 100, 2), c('x', 100, 2)];
    expect(pickRecommended(options, options.map((o) => ({ key: o.key, score: 0.5 })))?.key).toBe('x');
  });

  it('explains the choice in words', () => {
    const options = [c('a', 10_000, 4), c('b', 11_240, 3)];
    expect(recommendationReason(options[0], options, 0.91, DEFAULT_SELECTION_WEIGHTS)).toBe('cheapest by Rs 12.40 and 1 day slower than the fastest; score 0.91 with weights cost 0.7, speed 0.3');
    expect(recommendationReason(options[1], options, 0.9, DEFAULT_SELECTION_WEIGHTS)).toBe('Rs 12.40 more than the cheapest and the fastest; score 0.90 with weights cost 0.7, speed 0.3');
    expect(recommendationReason(options[0], [options[0]], 1, { cost: 0.5, speed: 0.3, performance: 0.2 })).toBe('the only serviceable option; score 1.00 with weights cost 0.5, speed 0.3, performance 0.2');
    expect(recommendationReason(c('a', 100, 2), [c('a', 100, 2), c('b', 100, 2)], 1, DEFAULT_SELECTION_WEIGHTS)).toBe('joint cheapest and as fast as the fastest; score 1.00 with weights cost 0.7, speed 0.3');
    expect(recommendationReason(c('a', 100, null), [c('a', 100, null), c('b', 200, 2)], 0.7, DEFAULT_SELECTION_WEIGHTS)).toMatch(/^cheapest by Rs 1.00 and no published transit time/);
    expect(recommendationReason(c('a', 100, 5), [c('a', 100, 5), c('b', 200, 2)], 0.7, DEFAULT_SELECTION_WEIGHTS)).toMatch(/3 days slower/);
  });

  it('validates weights', () => {
    expect(weightsProblem({ cost: 0.7, speed: 0.3, performance: 0 })).toBeNull();
    expect(weightsProblem({ cost: 0.1, speed: 0.2, performance: 0.7 })).toBeNull();
    expect(weightsProblem({ cost: 0.7, speed: 0.7, performance: 0 })).toMatch(/add up to 1/);
    expect(weightsProblem({ cost: -0.5, speed: 1.5, performance: 0 })).toMatch(/between 0 and 1/);
  });
});

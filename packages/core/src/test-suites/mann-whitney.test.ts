import { describe, expect, it } from 'vitest'
import { mannWhitneyU } from './mann-whitney.js'

describe('mannWhitneyU', () => {
  it('matches a textbook value (Mann–Whitney, no ties)', () => {
    // a = 1..10, b = 6..15: U_a = 17.5 is not possible without ties; use disjoint halves instead.
    const result = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    expect(result.u).toBe(0)
    // Exact two-sided p for n1 = n2 = 5 and U = 0 is 2/252 ≈ 0.0079; the normal approximation is close.
    expect(result.p).toBeGreaterThan(0.005)
    expect(result.p).toBeLessThan(0.02)
  })

  it('finds no difference between identical samples, and handles all-equal values', () => {
    const same = Array.from({ length: 30 }, (_, i) => i % 7)
    expect(mannWhitneyU(same, same).p).toBeGreaterThan(0.9)
    expect(mannWhitneyU([1, 1, 1], [1, 1, 1]).p).toBe(1)
  })

  it('detects a shift of one spread in samples of 60', () => {
    const a = Array.from({ length: 60 }, (_, i) => Math.sin(i * 12.9898) * 10)
    const b = a.map((x) => x + 10)
    expect(mannWhitneyU(a, b).p).toBeLessThan(0.001)
  })
})

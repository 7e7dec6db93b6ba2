/**
 * The two-sided Mann–Whitney U test (Wilcoxon rank-sum), normal approximation with the tie
 * correction and a continuity correction: does one sample tend to be larger than the other? It
 * compares whole distributions by rank, so a few slow outliers (GC, a loaded machine) move it
 * little, unlike a threshold on means. Good for n ≥ 20 per side.
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
): { u: number; z: number; p: number } {
  const n1 = a.length
  const n2 = b.length
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))]
  all.sort((x, y) => x.value - y.value)
  const n = all.length
  let rankSumA = 0
  let tieTerm = 0
  for (let i = 0; i < n; ) {
    let j = i
    while (j + 1 < n && all[j + 1]!.value === all[i]!.value) j++
    const rank = (i + j + 2) / 2 // ranks are 1-based; ties share the mean rank
    const count = j - i + 1
    tieTerm += count ** 3 - count
    for (let k = i; k <= j; k++) if (all[k]!.first) rankSumA += rank
    i = j + 1
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2
  const mean = (n1 * n2) / 2
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)))
  if (variance === 0) return { u, z: 0, p: 1 }
  const z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance)
  return { u, z: Math.max(z, 0), p: Math.min(1, 2 * (1 - normalCdf(Math.max(z, 0)))) }
}

/** Φ(x), by the Abramowitz–Stegun 7.1.26 erf approximation (error < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2)
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

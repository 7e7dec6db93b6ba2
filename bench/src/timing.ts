/**
 * Calls `fn(i)` one after another for about `seconds` (at least `minimum` times), `i` counting up
 * from `from`; ops per second, and the next unused `i`.
 */
export async function throughput(
  fn: (i: number) => unknown,
  {
    seconds = 2,
    minimum = 50,
    warmup = 10,
    from = 0,
  }: { seconds?: number; minimum?: number; warmup?: number; from?: number } = {},
): Promise<{ opsPerSecond: number; calls: number; next: number }> {
  let i = from
  for (; i < from + warmup; i++) await fn(i)
  const started = performance.now()
  let calls = 0
  while (calls < minimum || performance.now() - started < seconds * 1000) {
    await fn(i++)
    calls++
  }
  const elapsed = (performance.now() - started) / 1000
  return { opsPerSecond: calls / elapsed, calls, next: i }
}

/** Median wall time (ms) of `runs` calls of `fn`, after `warmup` calls. */
export async function medianMs(fn: () => unknown, runs = 30, warmup = 5): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/**
 * Ops/s of several contenders measured in alternating short rounds (A, B, C, A, B, C, …), each
 * reported as the median of its rounds: on a shared machine, load that comes and goes then hits
 * every contender alike instead of whichever happened to run at that moment.
 */
export async function compare<K extends string>(
  contenders: Record<K, (i: number) => unknown>,
  { seconds = 2, rounds = 5 }: { seconds?: number; rounds?: number } = {},
): Promise<Record<K, number>> {
  const names = Object.keys(contenders) as K[]
  const samples = new Map<K, number[]>(names.map((name) => [name, []]))
  const counters = new Map<K, number>(names.map((name) => [name, 0]))
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const fn = contenders[name]
      const { opsPerSecond, next } = await throughput((n) => fn(n), {
        seconds: seconds / rounds,
        minimum: 5,
        warmup: round === 0 ? 5 : 0,
        from: counters.get(name)!,
      })
      counters.set(name, next)
      samples.get(name)!.push(opsPerSecond)
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return Object.fromEntries(names.map((name) => [name, median(samples.get(name)!)])) as Record<K, number>
}

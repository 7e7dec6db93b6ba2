/** The source of randomness. Core never calls ambient randomness; tests may pass a seeded one. */
export interface Random {
  /** `n` cryptographically random bytes. */
  bytes(n: number): Uint8Array
}

/** Web Crypto randomness (Node 20+, browsers, workers). */
export const cryptoRandom: Random = {
  bytes(n) {
    const out = new Uint8Array(n)
    globalThis.crypto.getRandomValues(out)
    return out
  },
}

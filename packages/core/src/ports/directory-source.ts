/**
 * One person as an external directory lists them (S1). `externalId` is the source's own stable id
 * (an HR number, an IdP subject): it, not the email, is how sync recognises the person from one run
 * to the next, so a changed email is an update, not a new person.
 *
 * The fields a source provides are the fields it manages (S3): `email`, `firstName` and
 * `lastName` always; `phone`, `language` and `title` once it provides them. Leave an optional field
 * out (or `null`) when the source does not know it. `active: false` keeps the person listed but
 * disables their guest membership (or removes it, by the connection's `onMissing` policy).
 */
export interface DirectoryPerson {
  externalId: string
  email: string
  firstName: string
  lastName: string
  /** Any international format; stored as E.164. */
  phone?: string | null
  /** BCP 47 (`en`, `fr-CA`). */
  language?: string | null
  /** Becomes the guest membership's title in the host org. */
  title?: string | null
  /** Default `true`. */
  active?: boolean
}

/**
 * The port an external directory implements: an async iterable of the people it holds (S1, S4).
 * Register implementations by key with `createRoster({ directorySources: { hr: mySource } })`, then
 * connect an org to one with `connections.connectSource(actor, { orgId, sourceKey: 'hr' })`.
 *
 * Contract:
 * - `list()` MUST start a fresh, complete listing on every call (each sync run calls it once) and
 *   SHOULD stream: yield people as they are read (a file line by line, an API page by page), never
 *   load the whole directory first. Sync consumes it in batches, so memory stays bounded (S4).
 * - Each person SHOULD appear once per listing; a repeated `externalId` is reported as an error.
 * - Throwing (or rejecting) midway stops the run: the batches already applied stay committed, no
 *   one is treated as gone, and the next run completes the work.
 * - Rows are validated one by one; a bad row is reported in the run's `errors` and never aborts
 *   the others.
 *
 * @example
 * const hr: DirectorySource = {
 *   async *list() {
 *     for await (const line of readline.createInterface({ input: fs.createReadStream('people.csv') })) {
 *       const [externalId, email, firstName, lastName] = line.split(',')
 *       yield { externalId, email, firstName, lastName }
 *     }
 *   },
 * }
 */
export interface DirectorySource {
  list(): AsyncIterable<DirectoryPerson>
}

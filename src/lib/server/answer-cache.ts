/**
 * The encoded answers of GETs, kept while the world they were computed from cannot have changed.
 *
 * An answer of the emulator is a function of the request (its target and the media type served), the store's contents
 * and the virtual "now". The backend names that state with a stamp (LocalBackend.answerStamp: every commit to the
 * store, from this process or another, and every move of the clock change it); an answer is kept only when the stamp
 * was the same before and after computing it (so computing it changed nothing, and nothing changed under it), and is
 * served again only under that same stamp. While the clock runs there is no stamp, and nothing is kept.
 */

export interface CachedAnswer {
  status: number
  headers: Record<string, string | number>
  body: Buffer
}

/** Bounds on what one state's answers may hold: a client walking many pages must not grow serve without end. */
const MAX_ANSWERS = 256
const MAX_BYTES = 16 * 1024 * 1024

export class AnswerCache {
  private stamp: string | undefined
  private readonly answers = new Map<string, CachedAnswer>()
  private bytes = 0

  /** The answer kept for `key` under `stamp`; answers kept under any other stamp are dropped here. */
  get(key: string, stamp: string): CachedAnswer | undefined {
    if (stamp !== this.stamp) {
      this.clear()
      this.stamp = stamp
      return undefined
    }
    return this.answers.get(key)
  }

  /** Keeps `answer`, computed entirely under `stamp`. */
  set(key: string, stamp: string, answer: CachedAnswer): void {
    if (stamp !== this.stamp) {
      this.clear()
      this.stamp = stamp
    }
    if (this.answers.size >= MAX_ANSWERS || this.bytes + answer.body.length > MAX_BYTES) this.clear()
    this.answers.set(key, answer)
    this.bytes += answer.body.length
  }

  private clear(): void {
    this.answers.clear()
    this.bytes = 0
  }
}

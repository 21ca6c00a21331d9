/**
 * The encoded answers of GETs, kept while the world they were computed from provably has not changed.
 *
 * An answer of the emulator is a function of the request (its target and the media type served), the store's contents
 * and the virtual "now". The backend names the store's contents with a stamp (LocalBackend.answerState: every commit
 * to the store, from this process or another, changes it, a move of the clock included); an answer is kept only when
 * the stamp was the same before and after computing it (so computing it changed nothing, and nothing changed under
 * it), and is served again only under that same stamp, at an instant of the span it holds over. That span is the one
 * instant it was computed at, unless the backend names a longer one (LocalBackend.answerSpan: a snapshot page holds
 * until a snapshot in it changes state or the cluster's next firing or expiry), which is what lets a running clock,
 * whose "now" moves every millisecond, be answered from here too.
 */

export interface CachedAnswer {
  status: number
  headers: Record<string, string | number>
  body: Buffer
}

interface KeptAnswer {
  answer: CachedAnswer
  /** The instants it holds over: from `at` up to, not including, `until`. */
  at: number
  until: number
}

/** Bounds on what one state's answers may hold: a client walking many pages must not grow serve without end. */
const MAX_ANSWERS = 256
const MAX_BYTES = 16 * 1024 * 1024

export class AnswerCache {
  private stamp: string | undefined
  private readonly answers = new Map<string, KeptAnswer>()
  private bytes = 0

  /** The answer kept for `key` under `stamp` that holds at `now`; answers kept under any other stamp are dropped here. */
  get(key: string, stamp: string, now: number): CachedAnswer | undefined {
    if (stamp !== this.stamp) {
      this.clear()
      this.stamp = stamp
      return undefined
    }
    const kept = this.answers.get(key)
    return kept && kept.at <= now && now < kept.until ? kept.answer : undefined
  }

  /** Keeps `answer`, computed entirely under `stamp`, for the instants from `at` up to `until`. */
  set(key: string, stamp: string, answer: CachedAnswer, at: number, until: number): void {
    if (stamp !== this.stamp) {
      this.clear()
      this.stamp = stamp
    }
    const replaced = this.answers.get(key)
    if (replaced) {
      this.answers.delete(key)
      this.bytes -= replaced.answer.body.length
    }
    if (this.answers.size >= MAX_ANSWERS || this.bytes + answer.body.length > MAX_BYTES) this.clear()
    this.answers.set(key, {answer, at, until})
    this.bytes += answer.body.length
  }

  private clear(): void {
    this.answers.clear()
    this.bytes = 0
  }
}

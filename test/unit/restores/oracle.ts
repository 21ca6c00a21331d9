/**
 * A deliberately naive model of Continuous Cloud Backup (backup-rules.md rows 63–65) for the oracle tests: it walks a
 * history minute by minute, marking each minute collected or not and remembering why minutes were lost, and shares
 * no code with src/lib/restores. Events happen at whole minutes, before that minute is collected.
 */
import type {CoverageEvent} from '../../../src/lib/restores/index.js'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export type OracleVerdict = 'restorable' | 'continuousBackupOff' | 'oplogRollover' | 'restoreBlackout' | 'noSnapshotBefore' | 'outsideWindow'

export interface OracleInput {
  origin: number
  events: readonly CoverageEvent[]
  /** Available snapshots: their completion minutes. */
  snapshotTimes: readonly number[]
  now: number
  restoreWindowDays: number
}

function eventTime(event: CoverageEvent): number {
  if (event.kind === 'oplogRollover') return event.to
  if (event.kind === 'trim') return event.now
  return event.at
}

/** The verdict for every minute from `origin` up to (not including) `now`. */
export function oracleMinutes(input: OracleInput): OracleVerdict[] {
  const count = Math.round((input.now - input.origin) / MINUTE)
  const collected = new Array<boolean>(count).fill(false)
  const rolledOver = new Array<boolean>(count).fill(false)
  const blackedOut = new Array<boolean>(count).fill(false)
  let on = false
  let blackoutFrom: number | null = null
  let trimmedBefore = -Infinity
  for (let minute = 0; minute < count; minute++) {
    const t = input.origin + minute * MINUTE
    for (const event of input.events.filter((e) => eventTime(e) === t)) {
      if (event.kind === 'continuousBackupOn') on = true
      if (event.kind === 'continuousBackupOff') {
        on = false
        for (let m = 0; m < minute; m++) collected[m] = false
      }
      if (event.kind === 'oplogRollover') {
        for (let m = 0; m < minute; m++) {
          const at = input.origin + m * MINUTE
          const lost = event.effect === 'hole' ? at >= event.from && at < event.to : at < event.to
          if (lost && collected[m]) {
            collected[m] = false
            rolledOver[m] = true
          }
        }
      }
      if (event.kind === 'restoreStarted' && blackoutFrom === null) blackoutFrom = minute
      if (event.kind === 'snapshotCompleted' && blackoutFrom !== null && minute > blackoutFrom) {
        for (let m = blackoutFrom; m < minute; m++) blackedOut[m] = true
        blackoutFrom = null
      }
      if (event.kind === 'trim') trimmedBefore = Math.max(trimmedBefore, event.now - event.restoreWindowDays * DAY)
    }
    if (on && blackoutFrom === null) collected[minute] = true
  }
  if (blackoutFrom !== null) for (let m = blackoutFrom; m < count; m++) blackedOut[m] = true

  const windowStart = Math.max(input.now - input.restoreWindowDays * DAY, trimmedBefore)
  const verdicts: OracleVerdict[] = []
  let haveBase = false
  for (let minute = 0; minute < count; minute++) {
    const t = input.origin + minute * MINUTE
    // A snapshot is a base for the oplog after it only while the oplog runs on without a break.
    if (!collected[minute]) haveBase = false
    else if (input.snapshotTimes.includes(t)) haveBase = true
    if (t < windowStart) verdicts.push('outsideWindow')
    else if (collected[minute]) verdicts.push(haveBase ? 'restorable' : 'noSnapshotBefore')
    else if (blackedOut[minute]) verdicts.push('restoreBlackout')
    else if (rolledOver[minute]) verdicts.push('oplogRollover')
    else verdicts.push('continuousBackupOff')
  }
  return verdicts
}

/** The runs of restorable minutes as [from, to) instants. */
export function oracleRanges(input: OracleInput, verdicts: readonly OracleVerdict[]): Array<{from: number; to: number}> {
  const ranges: Array<{from: number; to: number}> = []
  verdicts.forEach((verdict, minute) => {
    if (verdict !== 'restorable') return
    const t = input.origin + minute * MINUTE
    const last = ranges[ranges.length - 1]
    if (last && last.to === t) last.to = t + MINUTE
    else ranges.push({from: t, to: t + MINUTE})
  })
  return ranges
}

import {DAY_MS} from '../../domain/time.js'
import type {CloudProvider, CopySetting} from '../../domain/types.js'
import {type CompiledSchedule, compileSchedule, firings, firstFirings} from '../../schedule/index.js'
import {sameTarget} from './copies.js'
import type {CopyWindowRecord, SnapshotCopyRecord, SnapshotRecord, WindowedCopy} from './records.js'
import type {ClusterWithSchedule, Repository} from './repository.js'
import {IN_PROGRESS_MS, QUEUED_MS, scheduledSnapshotId} from './world.js'

/**
 * Copy settings with lastNumberOfSnapshots N (rule 62; the docs: "copies the N most recent snapshots … deleting older
 * snapshots as new snapshots are copied"). Every snapshot of the cluster that completes (scheduled of any frequency,
 * and on-demand) is copied; a copy goes when the N-th newer copy to the same target completes, or with its snapshot.
 *
 * Where the eviction instant is fixed: eagerly, on the copy record's `expiresAt`, when the copy that pushes it out is
 * made, with the last N copies of each target kept in ClusterState (CopyWindowRecord). Listing, `copyRegions` and
 * restores then read one record (liveCopies), so a listing stays O(page) and needs no window logic; and the ring
 * answers "which copy does this one push out" without reading the store. Computing evictions from the firings at
 * read time instead would make every listing walk the schedule.
 *
 * A clock jump fires snapshots that expire unseen: they were copies all the same and pushed older ones out. The
 * catch-up counts them from the schedule's firings without storing them, never walking every firing of the jump:
 * the last N copies by walking back from now, the ones that pushed out the ring's copies by walking N forward from
 * the last instant seen, and for each stored copy pushed out meanwhile the N-th copy after it. Those walks share
 * their path, so alive snapshots close together cost O(their number + N); an isolated old one (a monthly snapshot
 * kept a year) costs N more firings of its own.
 * Copies complete QUEUED_MS + IN_PROGRESS_MS after their request, the same for every snapshot, so request order is
 * completion order.
 */

const COPY_AFTER_REQUEST_MS = QUEUED_MS + IN_PROGRESS_MS

function windowSettings(settings: readonly CopySetting[] | undefined): CopySetting[] {
  return (settings ?? []).filter((setting) => setting.lastNumberOfSnapshots !== undefined && setting.regionName !== undefined && setting.zoneId !== undefined)
}

/**
 * After a change of copy settings at `now`: a target that starts counting gets an empty window, one that keeps
 * counting keeps its window (a new N applies from the next copy), one that stops loses it. Its copies stay until
 * their snapshot goes (nothing newer is copied there to push them out), unless deleteCopiedBackups deletes them.
 */
export function syncCopyWindows(state: {copyWindows?: CopyWindowRecord[]}, settings: readonly CopySetting[] | undefined, provider: CloudProvider, now: number): void {
  const windows = windowSettings(settings).map(
    (setting): CopyWindowRecord =>
      state.copyWindows?.find((window) => sameTarget(window, setting)) ?? {
        cloudProvider: setting.cloudProvider ?? provider,
        regionName: setting.regionName!,
        zoneId: setting.zoneId!,
        since: now,
        recent: [],
      },
  )
  if (windows.length > 0) state.copyWindows = windows
  else delete state.copyWindows
}

/** The copies made to one target over (from, to], read forward from any instant and backward from `to`. */
class CopySequence {
  constructor(
    private readonly schedule: CompiledSchedule | undefined,
    private readonly clusterId: string,
    private readonly from: number,
    private readonly to: number,
    /** Copies that are not scheduled firings (on-demand snapshots), ascending. */
    private readonly extras: readonly WindowedCopy[],
    /** Firing instants that made no copy (failed snapshots). */
    private readonly skipped: ReadonlySet<number>,
  ) {}

  private merge(fired: readonly number[], after: number, upTo: number): WindowedCopy[] {
    const copies = fired.filter((at) => !this.skipped.has(at)).map((at) => ({id: scheduledSnapshotId(this.clusterId, at), at}))
    const extras = this.extras.filter((copy) => copy.at > after && copy.at <= upTo)
    if (extras.length === 0) return copies
    return [...copies, ...extras].sort((a, b) => a.at - b.at)
  }

  /** The first `limit` copies requested in (after, to], oldest first. */
  forward(after: number, limit: number): WindowedCopy[] {
    const out: WindowedCopy[] = []
    let cursor = Math.max(after, this.from)
    while (out.length < limit && cursor < this.to) {
      const wanted = limit - out.length
      const fired = this.schedule ? firstFirings(this.schedule, cursor, this.to, wanted).map((firing) => firing.at) : []
      const upTo = fired.length < wanted ? this.to : fired[fired.length - 1]!
      out.push(...this.merge(fired, cursor, upTo))
      cursor = upTo
    }
    return out.slice(0, limit)
  }

  /** The last `limit` copies requested in (from, to], oldest first: a look-back that doubles until it has them. */
  backward(limit: number): WindowedCopy[] {
    for (let span = DAY_MS; ; span *= 2) {
      const since = Math.max(this.from, this.to - span)
      const fired = this.schedule ? firings(this.schedule, since, this.to).map((firing) => firing.at) : []
      const copies = this.merge(fired, since, this.to)
      if (copies.length >= limit || since === this.from) return copies.slice(-limit)
    }
  }
}

/**
 * "The N-th copy after this one" for copies in ascending order: consecutive questions walk one shared stretch of the
 * sequence, so copies close together cost O(their number + N) rather than O(N) each.
 */
class NthNewer {
  private walked: WindowedCopy[] = []
  /** Where the last answer was found: questions come in ascending order, so the next search starts there. */
  private from = 0
  private exhausted = false

  constructor(
    private readonly sequence: CopySequence,
    private readonly n: number,
  ) {}

  of(copy: WindowedCopy): WindowedCopy | undefined {
    let index = this.walked.findIndex((walked, i) => i >= this.from && walked.id === copy.id)
    if (index < 0) {
      this.walked = [copy, ...this.sequence.forward(copy.at, this.n)]
      this.exhausted = this.walked.length <= this.n
      index = 0
    }
    this.from = index
    while (this.walked.length <= index + this.n && !this.exhausted) {
      const more = this.sequence.forward(this.walked[this.walked.length - 1]!.at, index + this.n + 1 - this.walked.length)
      if (more.length < index + this.n + 1 - this.walked.length) this.exhausted = true
      this.walked.push(...more)
    }
    return this.walked[index + this.n]
  }
}

interface WindowMove {
  recent: WindowedCopy[]
  /** When each pushed-out copy goes (the completion of the copy that pushed it out), by snapshot id; undefined: kept. */
  ends: Map<string, number | undefined>
}

/**
 * Moves a window over the copies made in (from, to]: the last N of them (and of the ring) are the new ring; a ring copy
 * goes at the completion of the N-th copy after it, or of the first new one when the ring was longer than a lowered N;
 * so does each copy of `stored` (snapshots in the store that were copied in the span) that is not in the new ring.
 */
function moveWindow(window: CopyWindowRecord, n: number, sequence: CopySequence, stored: readonly WindowedCopy[]): WindowMove {
  const ends = new Map<string, number | undefined>()
  const old = window.recent
  const last = sequence.backward(n)
  // Fewer than N copies in the span: they are all in `last`, and the ring and they form one sequence.
  const made = last.length < n ? [...old, ...last] : [...old, ...sequence.forward(-Infinity, n)]
  for (const [i, copy] of old.entries()) {
    const by = made[Math.max(i + n, old.length)]
    if (by) ends.set(copy.id, by.at + COPY_AFTER_REQUEST_MS)
  }
  const recent = last.length < n ? made.slice(-n) : last
  const inRing = new Set(recent.map((copy) => copy.id))
  const nthNewer = new NthNewer(sequence, n)
  for (const copy of stored) {
    if (inRing.has(copy.id)) ends.set(copy.id, undefined)
    else {
      const by = nthNewer.of(copy)
      ends.set(copy.id, by && by.at + COPY_AFTER_REQUEST_MS)
    }
  }
  return {recent, ends}
}

function copyTo(record: SnapshotRecord, window: CopyWindowRecord): SnapshotCopyRecord | undefined {
  return record.copies?.find((copy) => sameTarget(copy, window))
}

function setEnd(copy: SnapshotCopyRecord, end: number | undefined): void {
  if (end === undefined) delete copy.expiresAt
  else copy.expiresAt = end
}

function windowsWithN(cluster: ClusterWithSchedule): Array<{window: CopyWindowRecord; n: number}> {
  const settings = windowSettings(cluster.schedule?.copySettings)
  return (cluster.state.copyWindows ?? []).flatMap((window) => {
    const n = settings.find((setting) => sameTarget(setting, window))?.lastNumberOfSnapshots
    return n === undefined ? [] : [{window, n}]
  })
}

/** The schedule whose firings were copies: the cluster's own while it took snapshots (not paused). */
function firingSchedule(cluster: ClusterWithSchedule): CompiledSchedule | undefined {
  return cluster.spec.kind === 'dedicated' && !cluster.spec.paused && cluster.schedule ? compileSchedule(cluster.schedule) : undefined
}

/**
 * The catch-up over (from, now]: `fresh` are the snapshots it stores (built, not yet inserted), whose windowed copies
 * get their end here; the ring's copies pushed out meanwhile get theirs in the store.
 */
export function catchUpCopyWindows(repo: Repository, cluster: ClusterWithSchedule, from: number, now: number, fresh: readonly SnapshotRecord[]): void {
  const windows = windowsWithN(cluster)
  if (windows.length === 0) return
  const schedule = firingSchedule(cluster)
  for (const {window, n} of windows) {
    const copied = fresh.filter((record) => copyTo(record, window)).sort((a, b) => a.requestedAt - b.requestedAt)
    const skipped = new Set(fresh.filter((record) => !copyTo(record, window)).map((record) => record.requestedAt))
    const sequence = new CopySequence(schedule, cluster.id, Math.max(from, window.since), now, [], skipped)
    const move = moveWindow(window, n, sequence, copied.map((record) => ({id: record.id, at: record.requestedAt})))
    for (const record of copied) setEnd(copyTo(record, window)!, move.ends.get(record.id))
    for (const copy of window.recent) {
      const end = move.ends.get(copy.id)
      const record = end === undefined ? undefined : repo.findSnapshot(cluster.id, copy.id)
      const stored = record && copyTo(record, window)
      if (!stored) continue
      setEnd(stored, end)
      repo.updateSnapshot(cluster.id, record)
    }
    window.recent = move.recent
  }
}

/** An on-demand snapshot was taken: its copy joins each window, and pushes out the oldest copy once there are N. */
export function addToCopyWindows(repo: Repository, cluster: ClusterWithSchedule, record: SnapshotRecord): void {
  for (const {window, n} of windowsWithN(cluster)) {
    if (!copyTo(record, window)) continue
    window.recent.push({id: record.id, at: record.requestedAt})
    while (window.recent.length > n) {
      const out = window.recent.shift()!
      const pushedOut = repo.findSnapshot(cluster.id, out.id)
      const copy = pushedOut && copyTo(pushedOut, window)
      if (!copy) continue
      copy.expiresAt = record.finishesAt
      repo.updateSnapshot(cluster.id, pushedOut)
    }
  }
}

/**
 * The clock was moved back to `now` and the later snapshots are gone: each window is rebuilt as it stood at `now`,
 * from the firings and the snapshots kept, so copies pushed out by copies that never happened are back. A copy
 * already gone by `now` stays gone. A window that began later begins at `now` (a clock move keeps the settings).
 */
export function copyWindowsAt(repo: Repository, cluster: ClusterWithSchedule, now: number): void {
  const windows = windowsWithN(cluster)
  if (windows.length === 0) return
  const schedule = firingSchedule(cluster)
  const kept = repo.snapshotsOf(cluster.id).reverse()
  for (const {window, n} of windows) {
    window.recent = []
    if (window.since > now) {
      window.since = now
      continue
    }
    const inSpan = kept.filter((record) => record.requestedAt >= window.since && record.requestedAt <= now)
    const copied = inSpan.filter((record) => copyTo(record, window))
    const extras = copied.filter((record) => record.snapshotType === 'onDemand').map((record) => ({id: record.id, at: record.requestedAt}))
    const skipped = new Set(inSpan.filter((record) => record.snapshotType === 'scheduled' && !copyTo(record, window)).map((record) => record.requestedAt))
    // From just before `since`: an on-demand snapshot taken at that very instant was copied.
    const sequence = new CopySequence(schedule, cluster.id, window.since - 1, now, extras, skipped)
    const move = moveWindow(window, n, sequence, copied.map((record) => ({id: record.id, at: record.requestedAt})))
    for (const record of copied) {
      const copy = copyTo(record, window)!
      if (copy.expiresAt !== undefined && copy.expiresAt <= now) continue
      setEnd(copy, move.ends.get(record.id))
      repo.updateSnapshot(cluster.id, record)
    }
    window.recent = move.recent
  }
}

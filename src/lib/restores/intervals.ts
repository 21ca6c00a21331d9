/**
 * Half-open intervals of instants, [from, to), and the little algebra the oplog coverage needs. Lists are kept
 * sorted, disjoint and free of empty intervals, so two lists covering the same instants are equal.
 */
export interface Interval {
  from: number
  to: number
}

/** Sorts, drops empty intervals and merges those that overlap or touch. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from)
  const merged: Interval[] = []
  for (const interval of sorted) {
    const last = merged[merged.length - 1]
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to)
    else merged.push({from: interval.from, to: interval.to})
  }
  return merged
}

/** The parts of `intervals` outside [cut.from, cut.to). */
export function subtract(intervals: readonly Interval[], cut: Interval): Interval[] {
  const out: Interval[] = []
  for (const interval of intervals) {
    if (interval.to <= cut.from || interval.from >= cut.to) {
      out.push({...interval})
      continue
    }
    if (interval.from < cut.from) out.push({from: interval.from, to: cut.from})
    if (interval.to > cut.to) out.push({from: cut.to, to: interval.to})
  }
  return normalize(out)
}

/** The parts of `intervals` inside [span.from, span.to). */
export function intersect(intervals: readonly Interval[], span: Interval): Interval[] {
  return normalize(intervals.map((i) => ({from: Math.max(i.from, span.from), to: Math.min(i.to, span.to)})))
}

export function contains(interval: Interval, instant: number): boolean {
  return instant >= interval.from && instant < interval.to
}

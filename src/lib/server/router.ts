/**
 * A small path router: templates such as `/groups/{groupId}/clusters/{clusterName}` matched segment by segment, a
 * literal segment winning over a parameter (so `…/snapshots/shardedClusters` is never read as a snapshot id), and
 * the methods a path allows reported when only the method is wrong (for 405 and its Allow header).
 */

type Segment = {literal: string} | {param: string}

interface Entry<T> {
  method: string
  segments: Segment[]
  value: T
}

export type RouteMatch<T> =
  | {kind: 'found'; value: T; params: Record<string, string>}
  | {kind: 'method-not-allowed'; allowed: string[]}
  | {kind: 'not-found'}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  return trimmed.split('/').slice(1)
}

function compile(template: string): Segment[] {
  return splitPath(template).map((part) => {
    const param = /^\{(\w+)\}$/.exec(part)
    return param ? {param: param[1]!} : {literal: part}
  })
}

/** How well `segments` fit `parts`: undefined when they do not, else the literal segments matched (more is better). */
function fit(segments: Segment[], parts: string[]): number | undefined {
  if (segments.length !== parts.length) return undefined
  let literals = 0
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const part = parts[i]!
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined
      literals++
    } else if (part === '') {
      return undefined
    }
  }
  return literals
}

export class Router<T> {
  private readonly entries: Array<Entry<T>> = []

  add(method: string, template: string, value: T): this {
    this.entries.push({method: method.toUpperCase(), segments: compile(template), value})
    return this
  }

  /** `path` is the raw (still percent-encoded) path; parameters come back decoded. */
  match(method: string, path: string): RouteMatch<T> {
    const parts = splitPath(path)
    // Only the most literal template(s) the path fits count: DELETE …/snapshots/shardedClusters is a 405, not a
    // DELETE of a snapshot with id "shardedClusters".
    let top = -1
    let candidates: Array<Entry<T>> = []
    for (const entry of this.entries) {
      const score = fit(entry.segments, parts)
      if (score === undefined || score < top) continue
      if (score > top) candidates = []
      top = score
      candidates.push(entry)
    }
    if (candidates.length === 0) return {kind: 'not-found'}
    const found = candidates.find((entry) => entry.method === method.toUpperCase())
    if (!found) return {kind: 'method-not-allowed', allowed: [...new Set(candidates.map((entry) => entry.method))].sort()}
    const best = {entry: found}
    const params: Record<string, string> = {}
    for (let i = 0; i < best.entry.segments.length; i++) {
      const segment = best.entry.segments[i]!
      if ('param' in segment) {
        try {
          params[segment.param] = decodeURIComponent(parts[i]!)
        } catch {
          return {kind: 'not-found'}
        }
      }
    }
    return {kind: 'found', value: best.entry.value, params}
  }
}

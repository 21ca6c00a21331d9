import {cannotRestoreToTarget} from './errors.js'
import type {RestoreCluster, RestoreSnapshot} from './facts.js'

/**
 * A MongoDB release line. Before 5.0 the major version had two parts (4.2, 4.4); from 5.0 on it is the first number,
 * and the second is a minor (rapid) release (8.1, 8.2).
 */
export interface MongoRelease {
  /** Position in the sequence of major versions: consecutive majors differ by one. */
  rank: number
  major: string
  minor: number
}

const LEGACY_MAJORS = ['3.0', '3.2', '3.4', '3.6', '4.0', '4.2', '4.4']

/** Reads "x.y" or "x.y.z"; undefined when the text is no version. */
export function mongoRelease(version: string): MongoRelease | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version.trim())
  if (!match) return undefined
  const x = Number(match[1])
  const y = Number(match[2])
  if (x >= 5) return {rank: LEGACY_MAJORS.length + (x - 5), major: `${x}`, minor: y}
  const legacy = LEGACY_MAJORS.indexOf(`${x}.${y}`)
  return legacy === -1 ? undefined : {rank: legacy, major: `${x}.${y}`, minor: 0}
}

const MAX_SMALL_SHARDED = 3

const modern = (release: MongoRelease) => release.rank >= LEGACY_MAJORS.length

/** How a release line reads to a user: 8.x from 5.0 on, 4.4 before. */
function line(release: MongoRelease): string {
  return modern(release) ? `${release.major}.x` : release.major
}

/** The releases of the same major version a snapshot can go to. */
function sameLine(release: MongoRelease): string {
  return modern(release) ? `${release.major}.${release.minor} or a later ${release.major}.x` : release.major
}

/**
 * Versions (backup-rules.md row 73): the target runs the snapshot's major version at an equal or later minor, or the
 * next major version; a backup that pins a feature compatibility version goes only to that major version; and a
 * 7.0 sharded cluster of up to 3 shards does not go to an 8.0 one of up to 3 shards with an embedded config server.
 * The rule names no code; CANNOT_RESTORE_TO_TARGET (403) is Atlas's code for a target that cannot take the restore.
 */
export function checkVersions(snapshot: RestoreSnapshot, target: RestoreCluster): void {
  const from = snapshot.mongodVersion === undefined ? undefined : mongoRelease(snapshot.mongodVersion)
  const to = mongoRelease(target.mongoDBVersion)
  if (!from || !to) return
  const refuse = (why: string) => cannotRestoreToTarget(73, 'targetClusterName', target.name, why)
  if (snapshot.fcv !== undefined) {
    const pinned = mongoRelease(snapshot.fcv)
    if (pinned && pinned.rank !== to.rank) {
      throw refuse(`snapshot ${snapshot.id} pins feature compatibility version ${snapshot.fcv}, so the target must run MongoDB ${line(pinned)}; ${target.name} runs ${target.mongoDBVersion}.`)
    }
    return
  }
  const sameMajor = to.rank === from.rank && to.minor >= from.minor
  const nextMajor = to.rank === from.rank + 1
  if (!sameMajor && !nextMajor) {
    throw refuse(
      `snapshot ${snapshot.id} is of MongoDB ${snapshot.mongodVersion}; the target must run ${sameLine(from)}, or the next major version, and ${target.name} runs ${target.mongoDBVersion}.`,
    )
  }
  const smallSharded = (shards: number) => shards <= MAX_SMALL_SHARDED
  if (
    snapshot.type === 'shardedCluster' &&
    from.major === '7' &&
    to.major === '8' &&
    smallSharded(snapshot.shards.length) &&
    target.clusterType !== 'REPLICASET' &&
    smallSharded(target.shards.length) &&
    target.configServerType === 'EMBEDDED'
  ) {
    throw refuse(`a MongoDB 7.0 sharded cluster of ${snapshot.shards.length} shards cannot be restored to a MongoDB 8.0 sharded cluster of ${target.shards.length} shards with an embedded config server.`)
  }
}

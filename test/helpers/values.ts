import {expect} from 'vitest'

import type {BackupSchedule, PolicyItem} from '../../src/lib/domain/types.js'
import type {SnapshotNode} from '../../src/lib/snapshots/index.js'
import type {CliResult} from './cli.js'

/** An instant written as ISO 8601 text, as epoch milliseconds. */
export const iso = (text: string): number => Date.parse(text)

/** Epoch milliseconds as Atlas writes an instant: ISO 8601 UTC, to the second (2026-08-10T03:28:08Z). */
export const isoText = (epochMs: number): string => new Date(epochMs).toISOString().replace('.000Z', 'Z')

/**
 * A command's JSON output. Given a whole run, the run must have succeeded (its stderr is the failure message), so a
 * failed command is reported as such rather than as a JSON syntax error.
 */
export function json<T>(output: string | CliResult): T {
  if (typeof output === 'string') return JSON.parse(output) as T
  expect(output.code, output.stderr).toBe(0)
  expect(output.stderr, 'a stack trace on stderr').not.toMatch(/\n\s+at /)
  return JSON.parse(output.stdout) as T
}

/** A schedule with one policy holding these items (checked or not: some tests pass items the types forbid). */
export function scheduleOf(policyItems: readonly unknown[], reference: Partial<BackupSchedule> = {}): BackupSchedule {
  return {policies: [{policyItems: policyItems as PolicyItem[]}], ...reference}
}

/**
 * A healthy secondary of a replica set. Without a region it is in US_EAST_1 with priority 7; in another region it
 * has priority 6 (one less than the highest region), and its member priority is its region's.
 */
export function node(hostname: string, regionOrOver: string | Partial<SnapshotNode> = {}, over: Partial<SnapshotNode> = {}): SnapshotNode {
  if (typeof regionOrOver !== 'string') return {hostname, regionName: 'US_EAST_1', regionPriority: 7, memberPriority: 7, state: 'SECONDARY', healthy: true, ...regionOrOver}
  const regionPriority = regionOrOver === 'US_EAST_1' ? 7 : 6
  return {hostname, regionName: regionOrOver, regionPriority, memberPriority: regionPriority, state: 'SECONDARY', healthy: true, ...over}
}

/** A printed table's rows split into cells (columns are separated by three or more spaces). */
export function cells(stdout: string): string[][] {
  return stdout.trimEnd().split('\n').map((line) => line.split(/ {3,}/))
}

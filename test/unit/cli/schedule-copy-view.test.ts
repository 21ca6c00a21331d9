import {describe, expect, it} from 'vitest'

import {scheduleDescribeTable} from '../../../src/lib/cli/views/snapshots.js'
import type {BackupSchedule} from '../../../src/lib/domain/types.js'

/**
 * `backups schedule describe`'s copy table says which snapshots each region gets however the setting selects them
 * (rule 62): frequencies, copy policy items with their retention, or the last N snapshots, never an empty cell.
 */

const ZONE = '6a1f0c2b3d4e5f6a7b8c9d0e'

describe('schedule describe: the copy selection column (rule 62)', () => {
  it('rule 62: lastNumberOfSnapshots reads "last N snapshots"; copy policy items read with their retention', async () => {
    const schedule: BackupSchedule = {
      clusterName: 'Cluster0',
      policies: [{policyItems: []}],
      copyPolicyItemsEnabled: true,
      copySettings: [
        {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, lastNumberOfSnapshots: 5, shouldCopyOplogs: false},
        {cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: ZONE, copyPolicyItems: [{frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7}, {frequencyType: 'ondemand'}], shouldCopyOplogs: true},
      ],
    }
    const blocks = (await scheduleDescribeTable(schedule)).trimEnd().split('\n\n')
    const rows = blocks[2]!.split('\n').map((line) => line.trim().split(/ {3,}/))
    expect(rows.slice(1)).toEqual([
      ['US_WEST_2', 'AWS', ZONE, 'last 5 snapshots', 'false'],
      ['EU_WEST_1', 'AWS', ZONE, 'daily (7 days), ondemand', 'true'],
    ])
  })
})

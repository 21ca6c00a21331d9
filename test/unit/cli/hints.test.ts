import {describe, expect, it} from 'vitest'

import {hintFor} from '../../../src/lib/cli/hints.js'

describe('hintFor', () => {
  it('fills the cluster name and snapshot id the user gave, quoted for a shell when needed', () => {
    expect(hintFor('UNFINISHED_ON_DEMAND_SNAPSHOT', {clusterName: 'my cluster', snapshotId: 'abc'})).toBe(
      "Wait for it with `atlas-backups backups snapshots watch abc --clusterName 'my cluster'`, then try again",
    )
  })

  it('has no hint for an unknown code', () => {
    expect(hintFor('NO_SUCH_CODE')).toBeUndefined()
  })

  it("turns Atlas's generic 404 into how to set a policy up, from a compliance-policy command only", () => {
    expect(hintFor('RESOURCE_NOT_FOUND', {command: 'backups compliancePolicy describe'})).toBe(
      'Set one up with `atlas-backups backups compliancePolicy setup` (every setting at once) or `atlas-backups backups compliancePolicy enable`',
    )
    expect(hintFor('RESOURCE_NOT_FOUND', {command: 'backups snapshots list'})).toBeUndefined()
    expect(hintFor('RESOURCE_NOT_FOUND')).toBeUndefined()
  })
})

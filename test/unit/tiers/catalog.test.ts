import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import type {CloudProvider} from '../../../src/lib/domain/types.js'
import {DEDICATED_SIZES, isOfferedTier, isRegionOf, REGIONS} from '../../../src/lib/tiers/catalog.js'
import {tierInfo} from '../../../src/lib/tiers/tiers.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../../helpers/shared.js'

const SPEC = ['atlas-api', 'atlas-backup-openapi.json']
const ready = hasShared(...SPEC)
if (!ready) console.warn(`tier and region catalog against the spec: ${SHARED_ABSENT}`)

interface Schema {
  properties: Record<string, {enum?: string[]; oneOf?: Array<{enum: string[]}>}>
}

describe.skipIf(!ready)(`the tier and region catalog matches the Atlas spec${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  const schemas = ready ? (JSON.parse(readFileSync(sharedPath(...SPEC), 'utf8')) as {components: {schemas: Record<string, Schema>}}).components.schemas : {}
  const PROVIDERS: Array<[CloudProvider, string, number]> = [
    ['AWS', 'AWSHardwareSpec20240805', 0],
    ['AZURE', 'AzureHardwareSpec20240805', 1],
    ['GCP', 'GCPHardwareSpec20240805', 2],
  ]

  it.each(PROVIDERS)('%s instance sizes and regions', (provider, hardware, regionIndex) => {
    expect(DEDICATED_SIZES[provider]).toEqual(schemas[hardware]!.properties.instanceSize!.enum)
    const regions = schemas.CloudRegionConfig20240805!.properties.regionName!.oneOf![regionIndex]!.enum
    expect(REGIONS[provider]).toEqual(regions.filter((region) => region !== 'GLOBAL'))
  })
})

describe('offered tiers', () => {
  it('knows every size of the catalog, and nothing the providers do not sell', () => {
    for (const provider of Object.keys(DEDICATED_SIZES) as CloudProvider[]) {
      for (const size of DEDICATED_SIZES[provider]) {
        expect(isOfferedTier(size, provider), size).toBe(true)
        expect(() => tierInfo(size), `tierInfo reads ${size}`).not.toThrow()
      }
    }
    for (const tier of ['M0', 'm2', 'M5', 'FLEX', 'serverless']) expect(isOfferedTier(tier), tier).toBe(true)
    for (const tier of ['M99999', 'M11', 'M30_NVME', 'R10', 'M7', '']) expect(isOfferedTier(tier), tier).toBe(false)
    expect(isOfferedTier('M90', 'AZURE')).toBe(true)
    expect(isOfferedTier('M90', 'AWS')).toBe(false)
    expect(isRegionOf('AWS', 'us_east_1')).toBe(true)
    expect(isRegionOf('GCP', 'US_EAST_1')).toBe(false)
  })
})

import {isObjectId} from '../domain/ids.js'
import type {CloudProvider} from '../domain/types.js'
import type {CheckedItem} from './items.js'
import {describeValue, type Findings, isRecord} from './violation.js'

const PROVIDERS = ['AWS', 'AZURE', 'GCP']
const FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND']

interface CopyContext {
  provider?: CloudProvider
  pitEnabled: boolean
  /** The items the schedule will have, or undefined when unknown. */
  items?: CheckedItem[]
}

function checkCopySetting(copy: unknown, path: string, context: CopyContext, findings: Findings): void {
  if (!isRecord(copy)) {
    findings.error(path, 'INVALID_ATTRIBUTE', 56, `a copy setting must be an object with cloudProvider, regionName, zoneId and frequencies, not ${describeValue(copy)}`)
    return
  }
  const provider = copy.cloudProvider
  if (!PROVIDERS.includes(provider as string)) {
    findings.error(`${path}.cloudProvider`, 'INVALID_ENUM_VALUE', 56, `cloudProvider ${describeValue(provider)} is not valid: use AWS, AZURE or GCP`)
  } else if (context.provider && provider !== context.provider) {
    findings.error(`${path}.cloudProvider`, 'INVALID_BACKUP_POLICY', 57, `snapshots can be copied only to regions of the cluster's own provider (${context.provider}), not ${String(provider)}`)
  }
  if (typeof copy.regionName !== 'string' || copy.regionName.trim() === '') {
    findings.error(`${path}.regionName`, 'MISSING_ATTRIBUTE', 56, 'regionName is required: the Atlas region to copy snapshots to, e.g. US_WEST_2')
  }
  const zone = copy.zoneId ?? copy.replicationSpecId
  if (zone === undefined || zone === null) {
    findings.error(`${path}.zoneId`, 'MISSING_ATTRIBUTE', 56, 'zoneId is required (replicationSpecId in the 2023-01-01 API): the id of the zone whose snapshots are copied')
  } else if (typeof zone !== 'string' || !isObjectId(zone)) {
    findings.error(`${path}.${copy.zoneId === undefined ? 'replicationSpecId' : 'zoneId'}`, 'INVALID_ATTRIBUTE', 56, `${describeValue(zone)} is not a zone id: ids are 24 hexadecimal characters`)
  }
  checkFrequencies(copy.frequencies, path, context, findings)
  if (copy.shouldCopyOplogs !== undefined && typeof copy.shouldCopyOplogs !== 'boolean') {
    findings.error(`${path}.shouldCopyOplogs`, 'INVALID_ATTRIBUTE', 56, `shouldCopyOplogs must be true or false, not ${describeValue(copy.shouldCopyOplogs)}`)
  } else if (copy.shouldCopyOplogs === true && !context.pitEnabled) {
    findings.error(`${path}.shouldCopyOplogs`, 'INVALID_BACKUP_POLICY', 59, 'oplogs can be copied only when Continuous Cloud Backup is on: turn it on first, or set shouldCopyOplogs to false')
  }
}

function checkFrequencies(frequencies: unknown, path: string, context: CopyContext, findings: Findings): void {
  if (frequencies === undefined) return
  if (!Array.isArray(frequencies) || frequencies.length > FREQUENCIES.length) {
    findings.error(`${path}.frequencies`, 'INVALID_ATTRIBUTE', 56, `frequencies must be a list of up to 6 of ${FREQUENCIES.join(', ')}`)
    return
  }
  for (const [i, frequency] of frequencies.entries()) {
    const at = `${path}.frequencies[${i}]`
    if (!FREQUENCIES.includes(frequency as string)) {
      findings.error(at, 'INVALID_ENUM_VALUE', 56, `copy frequency ${describeValue(frequency)} is not valid: use ${FREQUENCIES.join(', ')}`)
    } else if (frequency !== 'ON_DEMAND' && context.items && !context.items.some((item) => item.frequencyType.toUpperCase() === frequency)) {
      findings.warning(at, 'INVALID_BACKUP_POLICY', 58, `the policy has no ${String(frequency).toLowerCase()} item, so no ${String(frequency).toLowerCase()} snapshot will be copied`)
    }
  }
}

/** Rows 56–59: copies of snapshots to other regions. */
export function checkCopySettings(value: unknown, context: CopyContext, findings: Findings): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    findings.error('copySettings', 'INVALID_ATTRIBUTE', 56, 'copySettings must be a list of copy settings')
    return
  }
  for (const [i, copy] of value.entries()) checkCopySetting(copy, `copySettings[${i}]`, context, findings)
}

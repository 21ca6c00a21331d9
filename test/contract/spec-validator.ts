import {readFileSync} from 'node:fs'

import {Ajv, type ValidateFunction} from 'ajv'
import addFormats from 'ajv-formats'

type Json = Record<string, unknown>

const SPEC_ID = 'atlas-backup-openapi'
const SCHEMAS = '#/components/schemas/'
const SCHEDULE_SCHEMAS = ['DiskBackupSnapshotSchedule', 'DiskBackupSnapshotSchedule20240805']

/**
 * Makes the spec's OpenAPI 3.0 schemas checkable by Ajv 8 (atlas-api-notes.md §9):
 * - `nullable: true` lets null in;
 * - a discriminated oneOf becomes one if/then per discriminator value, and the subtypes' allOf back-reference to
 *   their parent points at a copy of the parent without the oneOf (`<Name>__base`), so the composition no longer
 *   loops; a oneOf without a discriminator is read as anyOf (the spec uses oneOf loosely);
 * - four documented departures of real Atlas (atlas-api-notes.md §9.5), which the emulator copies on purpose:
 *   `frequencyType: "ondemand"` on on-demand snapshots, error `parameters` holding strings and numbers rather than
 *   objects, a restore job's `desiredTimestamp` of nulls when it restores no point in time, and an export job's
 *   `prefix`, a real path (recordings/backup_exports_jobs) where the spec's pattern spells placeholders;
 * - the schedule PATCH is partial (backup-rules.md row 3, the operation's own description, and the Atlas CLI's
 *   `schedule update` sends no `policies` without --policy), so `policies`, required by the shared schedule
 *   schema, is optional in request bodies (`<Name>__patch`);
 * - two slips of the spec: `regionName` typed object with string branches, and the legacy per-region
 *   `electableNodes` enum.
 */
function prepare(spec: Json): Json {
  const components = spec.components as {schemas: Record<string, Json>}
  const schemas = components.schemas
  const parents = new Set(Object.entries(schemas).filter(([, schema]) => Array.isArray(schema.oneOf) && schema.discriminator).map(([name]) => name))

  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!node || typeof node !== 'object') return node
    const out: Json = {}
    for (const [key, value] of Object.entries(node as Json)) out[key] = walk(value)
    if (Array.isArray(out.allOf)) {
      out.allOf = (out.allOf as Json[]).map((part) => {
        const ref = typeof part.$ref === 'string' ? part.$ref : ''
        return ref.startsWith(SCHEMAS) && parents.has(ref.slice(SCHEMAS.length)) ? {$ref: `${ref}__base`} : part
      })
    }
    const discriminator = out.discriminator as {propertyName: string; mapping?: Record<string, string>} | undefined
    if (Array.isArray(out.oneOf)) {
      if (discriminator?.mapping) {
        const branches = Object.entries(discriminator.mapping).map(([value, ref]) => ({if: {properties: {[discriminator.propertyName]: {const: value}}, required: [discriminator.propertyName]}, then: {$ref: ref}}))
        out.allOf = [...((out.allOf as Json[] | undefined) ?? []), ...branches]
      } else {
        out.anyOf = out.oneOf
        // regionName is typed object with string branches: the spec means a string.
        if (out.type === 'object' && (out.anyOf as Json[]).every((branch) => branch.type !== undefined && branch.type !== 'object')) delete out.type
      }
      delete out.oneOf
      delete out.discriminator
    }
    if (out.nullable === true) {
      delete out.nullable
      return {anyOf: [out, {type: 'null'}]}
    }
    return out
  }

  const prepared: Record<string, Json> = {}
  for (const [name, schema] of Object.entries(schemas)) {
    if (parents.has(name)) {
      const {oneOf: _oneOf, discriminator: _discriminator, ...base} = schema
      prepared[`${name}__base`] = walk(base) as Json
    }
    prepared[name] = walk(schema) as Json
  }
  for (const name of ['DiskBackupReplicaSet', 'DiskBackupShardedClusterSnapshot', 'DiskBackupSnapshot']) {
    const frequency = (prepared[name]?.properties as Record<string, Json> | undefined)?.frequencyType
    if (frequency && Array.isArray(frequency.enum)) frequency.enum = [...(frequency.enum as string[]), 'ondemand']
  }
  const nullTimestamp = {type: 'object', properties: {date: {type: 'null'}, increment: {type: 'null'}, time: {type: 'null'}}}
  for (const name of ['DiskBackupSnapshotRestoreJob', 'ServerlessBackupRestoreJob']) {
    const properties = prepared[name]?.properties as Record<string, Json> | undefined
    if (properties?.desiredTimestamp) properties.desiredTimestamp = {anyOf: [properties.desiredTimestamp, nullTimestamp]}
  }
  const prefix = (prepared.DiskBackupExportJob?.properties as Record<string, Json> | undefined)?.prefix
  if (prefix) delete prefix.pattern
  // The legacy per-region electableNodes enum (0, 3, 5, 7) is the rule for the sum over regions, not for each
  // region: a 5-node cluster over three regions has 2 + 2 + 1.
  const electable = (prepared.RegionSpec?.properties as Record<string, Json> | undefined)?.electableNodes
  if (electable) delete electable.enum
  for (const name of SCHEDULE_SCHEMAS) {
    const schema = prepared[name]
    if (schema) prepared[`${name}__patch`] = {...schema, required: ((schema.required as string[] | undefined) ?? []).filter((field) => field !== 'policies')}
  }
  const parameters = (prepared.ApiError?.properties as Record<string, Json> | undefined)?.parameters
  if (parameters) parameters.items = {}
  return {...spec, $id: SPEC_ID, components: {...components, schemas: prepared}}
}

/**
 * Where real Atlas departs from its own spec and the emulator answers as Atlas does, so both backends print the same
 * JSON (atlas-api-notes.md §9, recordings/backup_compliancepolicy): `onDemandPolicyItem: null` on a compliance policy
 * without an on-demand item. Only that exact value is let through; any other value of the field is still checked.
 */
function withoutRecordedDeviations(template: string, body: unknown): unknown {
  if (!template.endsWith('/backupCompliancePolicy') || typeof body !== 'object' || body === null || (body as Json).onDemandPolicyItem !== null) return body
  const {onDemandPolicyItem: _none, ...rest} = body as Json
  return rest
}

export interface ResponseCheck {
  method: string
  /** Spec path template, e.g. /api/atlas/v2/groups/{groupId}/clusters. */
  template: string
  status: number
  contentType: string
  body: unknown
}

/** The whole spec as one Ajv schema; responses are checked against `${SPEC_ID}#/components/schemas/…`. */
export class SpecValidator {
  private readonly ajv = new Ajv({strict: false, allErrors: true, inlineRefs: false})
  private readonly spec: {paths: Record<string, Record<string, Json>>; components: {responses: Record<string, Json>}}
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(file: string) {
    this.spec = JSON.parse(readFileSync(file, 'utf8')) as SpecValidator['spec']
    addFormats.default(this.ajv)
    this.ajv.addFormat('int32', true)
    this.ajv.addFormat('int64', true)
    this.ajv.addSchema(prepare(this.spec as unknown as Json))
  }

  /** The schema reference the spec declares for a response, or a reason there is none. */
  schemaRef(check: Omit<ResponseCheck, 'body'>): {ref?: string; problem?: string} {
    const operation = this.spec.paths[check.template]?.[check.method.toLowerCase()]
    if (!operation) return {problem: `no operation ${check.method} ${check.template}`}
    let response = (operation.responses as Record<string, Json>)[String(check.status)]
    // Statuses serve adds on its own (405, 406, 413) are not declared per operation: they carry ApiError.
    if (!response) return check.status >= 400 ? {ref: `${SCHEMAS}ApiError`} : {problem: `status ${check.status} is not declared`}
    if (typeof response.$ref === 'string') response = this.spec.components.responses[response.$ref.split('/').pop()!] ?? {}
    const mediaType = check.contentType.split(';')[0]!.trim()
    const content = (response.content ?? {}) as Record<string, {schema?: {$ref?: string}}>
    const entry = content[mediaType]
    if (!entry) return {problem: `media type ${mediaType} is not declared for ${check.status} (declared: ${Object.keys(content).join(', ')})`}
    return {ref: entry.schema?.$ref}
  }

  /** Problems with one response; empty when it fits the spec. */
  problems(check: ResponseCheck): string[] {
    const {ref, problem} = this.schemaRef(check)
    if (problem) return [problem]
    if (!ref) return check.body === undefined ? [] : ['the spec declares no body']
    return this.check(ref, withoutRecordedDeviations(check.template, check.body))
  }

  /** The spec's path template for a concrete path; literal segments (shardedClusters) win over {parameters}. */
  template(method: string, path: string): string | undefined {
    return Object.keys(this.spec.paths)
      .filter((template) => this.spec.paths[template]?.[method.toLowerCase()] && new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path))
      .sort((a, b) => a.split('{').length - b.split('{').length)[0]
  }

  /** Problems with a request body against the operation's request schema for its media type. */
  requestProblems(method: string, template: string, mediaType: string, body: unknown): string[] {
    const requestBody = this.spec.paths[template]?.[method.toLowerCase()]?.requestBody as {content?: Record<string, {schema?: {$ref?: string}}>} | undefined
    if (!requestBody?.content) return body === undefined ? [] : ['the operation takes no body']
    const ref = requestBody.content[mediaType.split(';')[0]!.trim()]?.schema?.$ref
    if (!ref) return [`the operation does not take ${mediaType}`]
    const partial = method.toUpperCase() === 'PATCH' && SCHEDULE_SCHEMAS.some((name) => ref === `${SCHEMAS}${name}`)
    return this.check(partial ? `${ref}__patch` : ref, body)
  }

  private check(ref: string, body: unknown): string[] {
    let validate = this.compiled.get(ref)
    if (!validate) {
      validate = this.ajv.compile({$ref: `${SPEC_ID}${ref}`})
      this.compiled.set(ref, validate)
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${ref.slice(SCHEMAS.length)}${e.instancePath} ${e.message ?? ''}`)
  }
}

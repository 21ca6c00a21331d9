import {readFileSync} from 'node:fs'

import {Ajv, type ValidateFunction} from 'ajv'
import addFormats from 'ajv-formats'

type Json = Record<string, unknown>

const REF = '#/components/schemas/'

function allowOnDemandFrequency(schema: Json): void {
  const frequency = (schema.properties as Record<string, {enum?: string[]}> | undefined)?.frequencyType
  if (frequency?.enum) frequency.enum = [...frequency.enum, 'ondemand']
}

/**
 * Where the emulator follows real Atlas over the spec, on purpose, as the recordings show (atlas-api-notes §6 and
 * §9.5, backup-rules.md row 46): on-demand snapshots report frequencyType "ondemand", missing from the snapshot
 * enums, and error parameters are strings and numbers where the spec says objects.
 */
const ATLAS_DEVIATIONS: Record<string, (schema: Json) => void> = {
  DiskBackupReplicaSet: allowOnDemandFrequency,
  DiskBackupShardedClusterSnapshot: allowOnDemandFrequency,
  DiskBackupSnapshot: allowOnDemandFrequency,
  ApiError: (schema) => {
    const parameters = (schema.properties as Record<string, Json> | undefined)?.parameters
    if (parameters) parameters.items = {}
  },
}

/** OpenAPI 3.0 quirks as JSON Schema: nullable: true lets null in; a loose oneOf becomes anyOf. */
function fixNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixNullable)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) out[key] = fixNullable(value)
  // Inline oneOfs without a discriminator (regionName, electableSpecs …) overlap: the spec means anyOf.
  if (Array.isArray(out.oneOf) && !out.discriminator) {
    out.anyOf = out.oneOf
    delete out.oneOf
    // The spec types regionName as an object whose branches are all strings; Atlas sends the string.
    if (out.type === 'object' && (out.anyOf as Json[]).every((branch) => branch.type !== undefined && branch.type !== 'object')) delete out.type
  }
  if (out.nullable === true) {
    delete out.nullable
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    else if (out.$ref || out.allOf || out.oneOf || out.anyOf) return {anyOf: [out, {type: 'null'}]}
  }
  return out
}

/**
 * The spec's schemas made usable by Ajv (atlas-api-notes.md §9): a schema with oneOf gets a `__base` copy without
 * it, its children's allOf point at that copy (so the composition no longer loops), discriminated oneOfs become
 * if/then branches, and plain oneOfs become anyOf (the spec uses oneOf loosely).
 */
function usableSchemas(schemas: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {}
  const withOneOf = new Set(Object.entries(schemas).filter(([, s]) => s.oneOf).map(([name]) => name))
  for (const [name, schema] of Object.entries(schemas)) {
    let copy = JSON.parse(JSON.stringify(schema)) as Json
    ATLAS_DEVIATIONS[name]?.(copy)
    if (Array.isArray(copy.allOf)) {
      copy.allOf = (copy.allOf as Json[]).map((part) => {
        const target = typeof part.$ref === 'string' && part.$ref.startsWith(REF) ? part.$ref.slice(REF.length) : undefined
        return target && withOneOf.has(target) ? {$ref: `${REF}${target}__base`} : part
      })
    }
    if (withOneOf.has(name)) {
      const {oneOf, discriminator, ...base} = copy as Json & {oneOf: Json[]; discriminator?: {propertyName: string; mapping?: Record<string, string>}}
      out[`${name}__base`] = base
      if (discriminator?.mapping) {
        const prop = discriminator.propertyName
        copy = {...base, allOf: [...((base.allOf as Json[]) ?? []), ...Object.entries(discriminator.mapping).map(([key, ref]) => ({if: {properties: {[prop]: {const: key}}, required: [prop]}, then: {$ref: ref}}))]}
      } else {
        copy = {...base, anyOf: oneOf}
      }
    }
    out[name] = copy
  }
  return out
}

export interface Operation {
  method: string
  template: string
  spec: Json
}

/** The Admin API contract, loaded once, with a validator per JSON schema node of the spec. */
export class OpenApiContract {
  private readonly ajv: Ajv
  private readonly operations: Array<Operation & {pattern: RegExp}> = []
  private readonly id = 'atlas-openapi'
  private readonly responses: Record<string, Json>

  constructor(file: string) {
    const spec = JSON.parse(readFileSync(file, 'utf8')) as {paths: Record<string, Record<string, Json>>; components: {schemas: Record<string, Json>; responses?: Record<string, Json>}}
    this.responses = spec.components.responses ?? {}
    const schemas = fixNullable(usableSchemas(spec.components.schemas)) as Record<string, Json>
    this.ajv = new Ajv({strict: false, allErrors: false, validateFormats: true})
    addFormats.default(this.ajv)
    this.ajv.addFormat('int32', true)
    this.ajv.addFormat('int64', true)
    this.ajv.addSchema({$id: this.id, components: {schemas}})
    for (const [template, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op || typeof op !== 'object' || !('responses' in op)) continue
        const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`)
        this.operations.push({method: method.toUpperCase(), template, spec: op, pattern})
      }
    }
  }

  operation(method: string, path: string): Operation | undefined {
    // Literal segments (shardedClusters) must win over templated ones ({snapshotId}): prefer fewer parameters.
    return this.operations.filter((op) => op.method === method && op.pattern.test(path)).sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0]
  }

  private validator(schema: Json): ValidateFunction {
    const rewritten = JSON.parse(JSON.stringify(fixNullable(schema)).replaceAll(`"${REF}`, `"${this.id}${REF}`)) as Json
    return this.ajv.compile(rewritten)
  }

  /** Errors of a request body against the operation's request schema for that media type (none when it fits). */
  requestErrors(op: Operation, mediaType: string, body: unknown): string[] {
    const content = (op.spec.requestBody as Json | undefined)?.content as Record<string, {schema: Json}> | undefined
    if (!content) return body === undefined ? [] : ['the operation takes no body']
    const entry = content[mediaType] ?? content['application/json']
    if (!entry) return [`the operation does not take ${mediaType}`]
    return this.check(entry.schema, body)
  }

  /** Errors of a response against the spec's response for that status and media type. */
  responseErrors(op: Operation, status: number, contentType: string, body: unknown): string[] {
    let response = (op.spec.responses as Record<string, Json>)[String(status)]
    if (typeof response?.$ref === 'string') response = this.responses[response.$ref.split('/').pop()!]
    if (!response) return [`status ${status} is not among the operation's responses`]
    const content = response.content as Record<string, {schema?: Json}> | undefined
    const mediaType = contentType.split(';')[0]!.trim()
    if (!content) return body === undefined ? [] : ['the response should have no body']
    const entry = content[mediaType]
    if (!entry) return [`the response media type ${mediaType} is not declared (declared: ${Object.keys(content).join(', ')})`]
    return entry.schema ? this.check(entry.schema, body) : []
  }

  private check(schema: Json, value: unknown): string[] {
    const validate = this.validator(schema)
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
  }
}

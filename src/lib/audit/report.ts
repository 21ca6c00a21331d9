import type {Backend} from '../backends/backend.js'
import {toIso} from '../domain/time.js'
import type {ClusterDescription, ServerlessInstanceDescription} from '../domain/types.js'
import {type ControlId, type ControlStatus, controlsOf, failureWindowStart} from './controls.js'
import type {DeploymentFacts, Read} from './facts.js'
import {failureReason, type Fleet, type FleetProject, mapBounded, type ProjectFailure} from './fleet.js'
import {clusterFacts, compliancePolicyState, type FactNeeds, serverlessFacts} from './gather.js'
import type {AuditStandard} from './standard.js'

/** The documented JSON of `backups audit -o json` (README, "Auditing a fleet against a standard"). */
export interface AuditReport {
  standard: string
  now: string
  /** true when every deployment passes every control and every project was read. */
  passed: boolean
  controls: ControlId[]
  summary: {deployments: number; passed: number; failed: number; unreadProjects: number}
  results: AuditRow[]
  unreadProjects: ProjectFailure[]
}

export interface AuditRow {
  projectId: string
  projectName: string
  name: string
  type: 'cluster' | 'serverless'
  tier: string
  passed: boolean
  controls: Array<{id: ControlId; status: ControlStatus; reason: string}>
}

export interface AuditOptions {
  /** Deployments audited at once (each reads its pages one after another). */
  concurrency: number
  /** Called as deployments are audited (for progress on a terminal). */
  onProgress?: (done: number, total: number) => void
}

type Deployment = {project: FleetProject; cluster: ClusterDescription} | {project: FleetProject; serverless: ServerlessInstanceDescription}

/** Which facts the standard's controls need: a standard without snapshot controls reads no snapshot at all. */
export function factNeeds(standard: AuditStandard, now: number): FactNeeds {
  const schedule = Boolean(standard.policy || standard.continuousBackup || standard.copyToAnotherRegion)
  const newestCompleted = standard.newestSnapshotMaxAgeMs !== undefined
  const failedSince = failureWindowStart(standard, now)
  return {schedule, ...(newestCompleted || failedSince !== undefined ? {history: {newestCompleted, ...(failedSince === undefined ? {} : {failedSince})}} : {})}
}

/** The pure part: each deployment's facts measured against every control of the standard. */
export function evaluateDeployment(standard: AuditStandard, facts: DeploymentFacts, now: number): AuditRow['controls'] {
  return controlsOf(standard).map((control) => ({id: control.id, ...control.evaluate(facts, now)}))
}

/**
 * Audits every deployment of the projects: the compliance policy is read once per project, then each cluster's and
 * serverless instance's facts with at most `concurrency` deployments in flight (each reads its pages one by one).
 */
export async function auditProjects(
  backend: Backend,
  fleet: Fleet,
  standard: AuditStandard,
  source: string,
  now: number,
  options: AuditOptions,
): Promise<AuditReport> {
  const needs = factNeeds(standard, now)
  const policyStates = new Map<string, Read<string | null>>()
  const notNeeded: Read<string | null> = {ok: true, value: null}
  const states = await mapBounded(fleet.projects, options.concurrency, (project) =>
    standard.compliancePolicyEnabled ? compliancePolicyState(backend, project.groupId) : Promise.resolve(notNeeded),
  )
  fleet.projects.forEach((project, index) => {
    const state = states[index]!
    policyStates.set(project.groupId, state.ok ? state.value : {ok: false, reason: failureReason(state.error)})
  })

  const deployments: Deployment[] = fleet.projects.flatMap((project) => [
    ...project.clusters.map((cluster) => ({project, cluster})),
    ...project.serverlessInstances.map((serverless) => ({project, serverless})),
  ])
  let done = 0
  const outcomes = await mapBounded(deployments, options.concurrency, async (deployment) => {
    const {project} = deployment
    const policy = policyStates.get(project.groupId)!
    const facts = 'cluster' in deployment ? await clusterFacts(backend, project.groupId, deployment.cluster, needs, policy) : await serverlessFacts(backend, project.groupId, deployment.serverless, needs, policy)
    options.onProgress?.(++done, deployments.length)
    return facts
  })

  const results = deployments.map((deployment, index): AuditRow => {
    const outcome = outcomes[index]!
    const name = ('cluster' in deployment ? deployment.cluster.name : deployment.serverless.name) ?? ''
    // The fact readers catch backend errors; anything else is a bug, reported on the row rather than lost.
    const controls = outcome.ok
      ? evaluateDeployment(standard, outcome.value, now)
      : controlsOf(standard).map((control) => ({id: control.id, status: 'fail' as const, reason: `could not audit: ${failureReason(outcome.error)}`}))
    return {
      projectId: deployment.project.groupId,
      projectName: deployment.project.name,
      name,
      type: 'cluster' in deployment ? 'cluster' : 'serverless',
      tier: outcome.ok ? outcome.value.tier : '',
      passed: controls.every((control) => control.status !== 'fail'),
      controls,
    }
  })
  const passedCount = results.filter((row) => row.passed).length
  return {
    standard: source,
    now: toIso(now),
    passed: passedCount === results.length && fleet.failures.length === 0,
    controls: controlsOf(standard).map((control) => control.id),
    summary: {deployments: results.length, passed: passedCount, failed: results.length - passedCount, unreadProjects: fleet.failures.length},
    results,
    unreadProjects: fleet.failures,
  }
}

import {readVirtualNow} from './clock.js'
import {Repository} from './repository.js'
import {LocalSession} from './session.js'
import type {PlannedSnapshot} from './world.js'
import {type Database, inTransaction} from './store.js'

/**
 * Brings one cluster up towards now in bounded steps, each one IMMEDIATE transaction that commits: a step is the
 * cluster looked at on the instant of its `step`-th due snapshot (LocalSession.catchUpStepEnd says when that builds
 * exactly what the whole catch-up would). Between steps other processes read and write; a crash between steps
 * leaves a store in which the cluster was last looked at on a step's instant, which the next command catches up
 * from. Each step reads the cluster and the clock afresh, so another process that caught it up meanwhile ends the
 * walk. Returns whether any step was taken; the rest (at most a step) is left to the caller's own transaction.
 */
export function catchUpInSteps(db: Database, path: string, wallNow: () => number, clusterId: string, step: number): boolean {
  let stepped = false
  // The walk's plan: the snapshots due at `now` from the instant `at`, and how many of them the steps have written.
  let plan: {now: number; at: number; due: PlannedSnapshot[]; from: number} | undefined
  for (;;) {
    // The wall clock is read before the lock is taken: between two steps the store is free for other processes.
    const wall = wallNow()
    const took = inTransaction(db, path, () => {
      const repo = new Repository(db)
      const now = readVirtualNow(db, wall)
      const cluster = repo.clusterById(clusterId)
      if (!cluster) return false
      // Another process moved the cluster, or the clock went back: plan again from where the cluster now stands.
      if (!plan || plan.at !== cluster.advancedTo || now < plan.now) {
        const session = new LocalSession(repo, now, {linkBase: '', now})
        plan = {now, at: cluster.advancedTo, due: cluster.state.terminated || now <= cluster.advancedTo ? [] : session.dueToNow(cluster), from: 0}
      }
      const end = new LocalSession(repo, plan.now, {linkBase: '', now: plan.now}).catchUpStepEnd(cluster, step, plan)
      if (end === undefined) return false
      new LocalSession(repo, end, {linkBase: '', now: end}, {wholeCatchUp: 'all'}).advance(cluster)
      plan.at = end
      plan.from += step
      return true
    })
    if (!took) return stepped
    stepped = true
  }
}

import {AtlasApiError} from '../domain/errors.js'

/**
 * Which API a cluster answers on, learnt once per command. The cluster API is asked first: it answers a dedicated
 * cluster (the common case) in one request, and Atlas refuses a Flex cluster there with a 400 that says so (rule
 * 82), which both backends pass on. The Atlas CLI asks the Flex API first instead and falls back on three codes; the
 * answer is the same, one request cheaper for dedicated clusters.
 */

export const FLEX_IN_CLUSTER_API = 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API'

export function isFlexRefusal(error: unknown): boolean {
  return error instanceof AtlasApiError && error.errorCode === FLEX_IN_CLUSTER_API
}

export type Routed<D, F> = {flex: false; value: D} | {flex: true; value: F}

/** Runs the cluster-API call and, when Atlas says the cluster is Flex, the Flex-API call instead. */
export async function clusterOrFlex<D, F>(dedicated: () => Promise<D>, flex: () => Promise<F>): Promise<Routed<D, F>> {
  try {
    return {flex: false, value: await dedicated()}
  } catch (error) {
    if (!isFlexRefusal(error)) throw error
    return {flex: true, value: await flex()}
  }
}

/**
 * A poll for `watch` that routes its first call with clusterOrFlex and keeps to the API found from then on, so a
 * Flex cluster costs one refused request per command, not one per poll.
 */
export function routedPoll<D, F>(dedicated: () => Promise<D>, flex: () => Promise<F>): () => Promise<D | F> {
  let isFlex: boolean | undefined
  return async () => {
    if (isFlex === true) return flex()
    if (isFlex === false) return dedicated()
    const routed = await clusterOrFlex(dedicated, flex)
    isFlex = routed.flex
    return routed.value
  }
}

/** A poll whose first answer is one already read (the routing read), so watching costs no extra request. */
export function startingWith<T>(first: T, next: () => Promise<T>): () => Promise<T> {
  let used = false
  return () => {
    if (used) return next()
    used = true
    return Promise.resolve(first)
  }
}

import {AtlasApiError} from '../../src/lib/domain/errors.js'

/** The error a promise rejects with; a promise that resolves fails the test. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a failure')
}

/** The Atlas error a synchronous check throws (whole, so a test can pin its code, message and parameters), or undefined. */
export function refusal(run: () => void): AtlasApiError | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    if (error instanceof AtlasApiError) return error
    throw error
  }
}

/** The Atlas error a synchronous call throws, for asserting its status, code and text; not throwing fails the test. */
export function failure(work: () => unknown): AtlasApiError {
  try {
    work()
  } catch (error) {
    if (error instanceof AtlasApiError) return error
    throw error
  }
  throw new Error('expected an AtlasApiError')
}

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {call, CLUSTER0, digestHeader, tempHome, V20240805} from './helpers.js'

let secured: RunningServer

beforeAll(async () => {
  secured = await startServer({home: tempHome(), port: 0, publicKey: 'pubkey', privateKey: 'private-secret', log: () => {}})
})

afterAll(async () => {
  await secured?.close()
})

const path = `${CLUSTER0}/backup/schedule`

async function challenge(): Promise<string> {
  const answer = await call(secured.url, path, {accept: V20240805})
  expect(answer.status).toBe(401)
  return answer.headers.get('www-authenticate')!
}

/** A GET whose digest is right for `nc` as written: only the form of the nonce count can make it fail. */
function get(nc: string, nonceFrom: string) {
  const authorization = digestHeader({username: 'pubkey', password: 'private-secret', method: 'GET', uri: path, challenge: nonceFrom, nc})
  return call(secured.url, path, {accept: V20240805, headers: {Authorization: authorization}})
}

describe('serve: the digest nonce count must be 8 hex digits (RFC 7616)', () => {
  it.each([
    ['1', 'too short'],
    ['0001', 'too short'],
    ['000000001', 'too long'],
    ['0000000g', 'not hex'],
    ['-0000001', 'signed'],
    ['', 'empty'],
  ])('nc=%j (%s) is a 401 with a fresh, non-stale challenge, and serves nothing', async (nc) => {
    const issued = await challenge()
    const refused = await get(nc, issued)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({error: 401, reason: 'Unauthorized'})
    expect(refused.body.clusterName).toBeUndefined()
    // stale=false: a new nonce would not help, the header itself is malformed.
    expect(refused.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API", .*stale=false$/)
    // The refusal used up nothing: the same nonce with a well-formed count passes.
    const accepted = await get('00000001', issued)
    expect(accepted.status).toBe(200)
    expect(accepted.body.clusterName).toBe('Cluster0')
  })

  it('upper- and lower-case hex are the same count: once one is accepted, the other is a replay', async () => {
    const issued = await challenge()
    expect((await get('0000000a', issued)).status).toBe(200)
    const replay = await get('0000000A', issued)
    expect(replay.status).toBe(401)
    expect(replay.headers.get('www-authenticate')).toContain('stale=true')
  })
})

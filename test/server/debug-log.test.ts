import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, makeHome} from '../helpers/cli.js'
import {startServe, type Served} from '../helpers/serve.js'
import {makeTempDir} from '../helpers/temp-dirs.js'
import {call, CLUSTER0, digestHeader, GROUP, V20240805} from './helpers.js'

afterAll(cleanupHomes)

const PUBLIC = 'debug-log-public'
const SECRET = 'pk-7d41c9e0-never-in-the-log'

/** The three ways to give serve its private key; each must keep it out of the --debug log. */
const KEY_SOURCES: Array<[string, () => {args: string[]; env: Record<string, string>}]> = [
  ['the environment', () => ({args: [], env: {ATLAS_BACKUPS_SERVE_PRIVATE_KEY: SECRET}})],
  [
    '--private-key-file',
    () => {
      const file = join(makeTempDir('atlas-backups-serve-key-'), 'key')
      writeFileSync(file, `${SECRET}\n`, {mode: 0o600})
      return {args: ['--private-key-file', file], env: {}}
    },
  ],
  ['--private-key', () => ({args: ['--private-key', SECRET], env: {}})],
]

/** Waits until the server's stderr satisfies `done`: debug lines are written when a response closes, after the client has it. */
async function logWhen(served: Served, done: (stderr: string) => boolean): Promise<string> {
  // A generous cap only so a server that never logs fails this test instead of hanging it.
  const giveUpAt = Date.now() + 20_000
  for (;;) {
    const {stderr} = served.output()
    if (done(stderr)) return stderr
    if (Date.now() > giveUpAt) throw new Error(`serve --debug did not log the requests; its stderr:\n${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('serve --debug with keys', () => {
  it.each(KEY_SOURCES)('with the private key from %s, logs every request but never the Authorization value nor the key', async (_, source) => {
    const {args, env} = source()
    const served = await startServe(makeHome(), ['--debug', '--public-key', PUBLIC, ...args], env)
    try {
      const schedule = `${CLUSTER0}/backup/schedule`
      const snapshots = `${CLUSTER0}/backup/snapshots`
      const challenge = (await call(served.url, schedule, {accept: V20240805})).headers.get('www-authenticate')!
      const sent: string[] = []
      const authorized = (method: string, uri: string, nc: string, password = SECRET): Record<string, string> => {
        const value = digestHeader({username: PUBLIC, password, method, uri, challenge, nc, cnonce: `cn${nc}`})
        sent.push(value)
        return {Authorization: value}
      }
      const got = await call(served.url, schedule, {accept: V20240805, headers: authorized('GET', schedule, '00000001')})
      expect(got.status).toBe(200)
      const taken = await call(served.url, snapshots, {method: 'POST', body: '{"retentionInDays": 1}', headers: authorized('POST', snapshots, '00000002')})
      expect(taken.status).toBe(200)
      const wrongKey = await call(served.url, `${GROUP}/clusters`, {accept: V20240805, headers: authorized('GET', `${GROUP}/clusters`, '00000003', 'not-the-key')})
      expect(wrongKey.status).toBe(401)
      const replayed = await call(served.url, schedule, {accept: V20240805, headers: {Authorization: sent[0]!}})
      expect(replayed.status).toBe(401)

      // Logging did happen: one line per request (the unauthenticated first one included), with method, path and status.
      const log = await logWhen(served, (stderr) => (stderr.match(/^[A-Z]+ \/\S* \d{3} \d+ms\b/gm) ?? []).length >= 5)
      expect(log).toMatch(new RegExp(`^GET ${schedule} 401 \\d+ms\\b`, 'm'))
      expect(log).toMatch(new RegExp(`^GET ${schedule} 200 \\d+ms\\b`, 'm'))
      expect(log).toMatch(new RegExp(`^POST ${snapshots} 200 \\d+ms\\b`, 'm'))
      expect(log).toMatch(new RegExp(`^GET ${GROUP}/clusters 401 \\d+ms\\b`, 'm'))

      const {stdout} = served.output()
      expect(stdout.trim()).toBe(served.url)
      for (const text of [log, stdout]) {
        expect(text).not.toContain(SECRET)
        expect(text).not.toMatch(/Digest username|response="|cnonce/i)
        for (const value of sent) {
          expect(text).not.toContain(value)
          // The answer hash alone is a credential for its nonce count too.
          expect(text).not.toContain(/response="([0-9a-f]{32})"/.exec(value)![1]!)
        }
      }
    } finally {
      await served.stop()
    }
  })
})

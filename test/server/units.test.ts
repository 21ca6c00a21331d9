import {createHash} from 'node:crypto'

import {describe, expect, it} from 'vitest'

import {parseJsonObject} from '../../src/lib/server/body.js'
import {DigestVerifier, parseDigestAuthorization} from '../../src/lib/server/digest.js'
import {contentDisposition, downloadTarget} from '../../src/lib/server/downloads.js'
import {headerDate, negotiate, requestedVersions} from '../../src/lib/server/media-type.js'
import {Router} from '../../src/lib/server/router.js'
import {digestHeader} from './helpers.js'

describe('router', () => {
  const router = new Router<string>()
    .add('GET', '/c/{name}/snapshots/{id}', 'one')
    .add('DELETE', '/c/{name}/snapshots/{id}', 'delete')
    .add('GET', '/c/{name}/snapshots/sharded', 'sharded')

  it('prefers literal segments, decodes parameters, ignores one trailing slash', () => {
    expect(router.match('GET', '/c/a%20b/snapshots/sharded/')).toEqual({kind: 'found', value: 'sharded', params: {name: 'a b'}})
    expect(router.match('GET', '/c/x/snapshots/42')).toEqual({kind: 'found', value: 'one', params: {name: 'x', id: '42'}})
  })

  it('reports 405 with the methods of the most literal match, 404 otherwise', () => {
    expect(router.match('DELETE', '/c/x/snapshots/sharded')).toEqual({kind: 'method-not-allowed', allowed: ['GET']})
    expect(router.match('POST', '/c/x/snapshots/1')).toEqual({kind: 'method-not-allowed', allowed: ['DELETE', 'GET']})
    expect(router.match('GET', '/c/x/snapshots')).toEqual({kind: 'not-found'})
    expect(router.match('GET', '/c//snapshots/1')).toEqual({kind: 'not-found'})
    expect(router.match('GET', '/c/%E0%A4%A/snapshots/1')).toEqual({kind: 'not-found'})
  })
})

describe('media types', () => {
  const versions = [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-08-05'}]

  it('orders versioned Accept entries by q then position, ignoring other types', () => {
    expect(requestedVersions('application/json, application/vnd.atlas.2023-01-01+json;q=0.2, application/vnd.atlas.2024-08-05+json')).toEqual(['2024-08-05', '2023-01-01'])
    expect(requestedVersions(undefined)).toEqual([])
  })

  it('serves a listed version, with the successor date as deprecation; refuses others with 406', () => {
    expect(negotiate('application/vnd.atlas.2023-01-01+json', versions)).toEqual({version: '2023-01-01', sunset: '2027-07-01', deprecatedOn: '2024-08-05'})
    expect(negotiate('application/vnd.atlas.2024-08-05+json; charset=utf-8', versions)).toEqual({version: '2024-08-05'})
    for (const accept of ['application/vnd.atlas.2025-03-12+json', 'application/json', '*/*', undefined]) {
      expect(() => negotiate(accept, versions)).toThrow(expect.objectContaining({status: 406, errorCode: 'INVALID_VERSION_DATE'}))
    }
  })

  it('writes header dates as Atlas does', () => {
    expect(headerDate('2024-08-05')).toBe('Mon, 5 Aug 2024 00:00:00 GMT')
    expect(headerDate('2027-07-01')).toBe('Thu, 1 Jul 2027 00:00:00 GMT')
  })
})

describe('bodies', () => {
  it('reads an empty body as {}, refuses malformed JSON and non-objects', () => {
    expect(parseJsonObject(Buffer.from(' '))).toEqual({})
    expect(parseJsonObject(Buffer.from('{"a":1}'))).toEqual({a: 1})
    expect(() => parseJsonObject(Buffer.from('{"a":'))).toThrow(expect.objectContaining({status: 400, errorCode: 'MALFORMED_JSON'}))
    expect(() => parseJsonObject(Buffer.from('null'))).toThrow(expect.objectContaining({status: 400, errorCode: 'INVALID_JSON'}))
  })
})

describe('digest verifier', () => {
  let clock = 0
  const verifier = new DigestVerifier({publicKey: 'pub', privateKey: 'priv'}, () => clock)
  const request = (authorization: string | undefined, url = '/api/x?a=1') => ({method: 'GET', url, authorization})

  it('parses quoted and bare parameters, commas inside quotes included', () => {
    expect(parseDigestAuthorization('Digest username="a\\"b", uri="/x?a=1,2", nc=00000001, qop=auth')).toEqual({username: 'a"b', uri: '/x?a=1,2', nc: '00000001', qop: 'auth'})
    expect(parseDigestAuthorization('Bearer abc')).toBeUndefined()
  })

  it('accepts a right answer once per nonce count, on the request uri, within the nonce lifetime', () => {
    clock = 1_000
    const challenge = verifier.challenge()
    const answer = (o: {password?: string; nc?: string; uri?: string; method?: string} = {}) =>
      digestHeader({username: 'pub', password: o.password ?? 'priv', method: o.method ?? 'GET', uri: o.uri ?? '/api/x?a=1', challenge, nc: o.nc})
    expect(verifier.verify(request(undefined))).toBe('missing')
    expect(verifier.verify(request('Basic cHViOnByaXY='))).toBe('invalid')
    expect(verifier.verify(request(answer()))).toBe('ok')
    expect(verifier.verify(request(answer()))).toBe('stale')
    expect(verifier.verify(request(answer({password: 'nope', nc: '00000002'})))).toBe('invalid')
    expect(verifier.verify(request(answer({uri: '/api/y', nc: '00000003'})))).toBe('invalid')
    expect(verifier.verify(request(answer({method: 'POST', nc: '00000004'})))).toBe('invalid')
    clock += 6 * 60_000
    expect(verifier.verify(request(answer({nc: '00000005'})))).toBe('stale')
  })

  it('refuses a nonce count that is not 8 hex digits, even with a digest right for it, and consumes nothing', () => {
    clock = 2_000
    const challenge = verifier.challenge()
    const answer = (nc: string) => digestHeader({username: 'pub', password: 'priv', method: 'GET', uri: '/api/x?a=1', challenge, nc})
    for (const nc of ['1', '0001', '000000001', '0000000g', '-0000001']) expect(verifier.verify(request(answer(nc))), nc).toBe('invalid')
    expect(verifier.verify(request(answer('00000001')))).toBe('ok')
    expect(verifier.verify(request(answer('0000000F')))).toBe('ok')
    expect(verifier.verify(request(answer('0000000f')))).toBe('stale')
  })

  it('hashes exactly as RFC 7616 says (checked against a hand computation)', () => {
    const md5 = (t: string) => createHash('md5').update(t).digest('hex')
    clock = 0
    const nonce = /nonce="([^"]+)"/.exec(verifier.challenge())![1]!
    const response = md5(`${md5('pub:MMS Public API:priv')}:${nonce}:00000001:c:auth:${md5('GET:/api/x?a=1')}`)
    const header = `Digest username="pub", realm="MMS Public API", nonce="${nonce}", uri="/api/x?a=1", response="${response}", qop=auth, nc=00000001, cnonce="c"`
    expect(verifier.verify(request(header))).toBe('ok')
  })
})

describe('delivery URL', () => {
  it('names the archive for the browser or curl -J, in ASCII, with the UTF-8 form only when the name needs it', () => {
    expect(contentDisposition('restore-6a79468a7e4800f951665ba2.tar.gz')).toBe('attachment; filename="restore-6a79468a7e4800f951665ba2.tar.gz"')
    expect(contentDisposition('café "x".tar.gz')).toBe(`attachment; filename="caf_ _x_.tar.gz"; filename*=UTF-8''caf%C3%A9%20%22x%22.tar.gz`)
  })

  it('reads the job and file of a delivery path, and nothing else', () => {
    expect(downloadTarget('/local/downloads/6a79468a7e4800f951665ba2/restore.tar.gz')).toEqual({restoreJobId: '6a79468a7e4800f951665ba2', fileName: 'restore.tar.gz'})
    expect(downloadTarget('/local/downloads/a%20b/r%C3%A9.tar.gz')).toEqual({restoreJobId: 'a b', fileName: 'ré.tar.gz'})
    for (const path of ['/local/downloads/', '/local/downloads/x', '/local/downloads/x/', '/local/downloads//f', '/local/downloads/x/y/z', '/local/downloads/%E0%A4%A/f']) expect(downloadTarget(path), path).toBeUndefined()
  })
})

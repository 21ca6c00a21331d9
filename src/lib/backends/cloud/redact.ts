const MASK = '********'
const SECRET_HEADERS = new Set(['authorization', 'www-authenticate', 'cookie', 'set-cookie'])
const SECRET_KEYS = /secret|password|private|token|apikey|api_key/i
const MAX_BODY_CHARS = 2048

/** Headers for a --debug dump: credentials and challenges replaced by a mask. */
export function redactHeaders(headers: Record<string, unknown>): string {
  return Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${SECRET_HEADERS.has(name.toLowerCase()) ? MASK : String(value)}`)
    .join('; ')
}

/** A body for a --debug dump: secret-looking fields masked, cut at 2 KB. */
export function redactBody(body: unknown): string {
  if (body === undefined || body === '') return ''
  let text: string
  if (typeof body === 'string') {
    try {
      text = JSON.stringify(JSON.parse(body), (key, value: unknown) => (SECRET_KEYS.test(key) ? MASK : value))
    } catch {
      text = body.replace(/(client_secret|access_token|password)=[^&\s]*/gi, `$1=${MASK}`)
    }
  } else {
    text = JSON.stringify(body, (key, value: unknown) => (SECRET_KEYS.test(key) ? MASK : value))
  }
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters)` : text
}

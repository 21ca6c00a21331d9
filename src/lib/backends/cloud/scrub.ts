import {CliError} from '../../cli/errors.js'
import {AtlasApiError} from '../../domain/errors.js'

const MASK = '********'

/** Shorter values would mask ordinary words; every Atlas secret and token is far longer. */
const MIN_SECRET_LENGTH = 6

/** Credentials in a header-like text: `Bearer …`, `Basic …`. */
const SCHEME_VALUE = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi
/** A secret-named field with its value, in JSON, a form body or a query string. */
const NAMED_VALUE = /((?:client_?secret|access_?token|refresh_?token|private_?(?:api_?)?key|password)["']?\s*[=:]\s*["']?)[^"'&\s,;}]+/gi

/**
 * Masks the secrets of one command in any text that leaves the process: Atlas's error details (a server, or a proxy,
 * may echo a request back into its error), the --debug dump, warnings. It knows the values themselves (private key,
 * client secret, the Basic credentials made of them, each bearer token once fetched), in the forms they travel in
 * (plain, percent-encoded, JSON-escaped), and masks anything that looks like a credential by its name besides.
 */
export class Scrubber {
  private readonly secrets = new Set<string>()

  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) this.secrets.add(form)
  }

  text(text: string): string {
    let out = text
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK)
    return out.replace(SCHEME_VALUE, `$1$2${MASK}`).replace(NAMED_VALUE, `$1${MASK}`)
  }

  /** An error as it may be shown: the same class, status, codes and exit code, with its texts (and stack) masked. */
  error(error: unknown): unknown {
    if (error instanceof AtlasApiError) {
      const masked = new AtlasApiError(
        error.status,
        this.text(error.errorCode),
        this.text(error.detail),
        error.parameters.map((p) => (typeof p === 'string' ? this.text(p) : p)),
        error.fields.map((f) => ({field: this.text(String(f.field)), description: this.text(String(f.description))})),
      )
      if (error.stack !== undefined) masked.stack = this.text(error.stack)
      return masked
    }
    if (error instanceof CliError) {
      // readonly for callers; rewritten here once, before anyone sees the error.
      const writable = error as unknown as {hint: string | undefined; details: string[]}
      writable.hint = error.hint === undefined ? undefined : this.text(error.hint)
      writable.details = error.details.map((d) => this.text(d))
    }
    if (error instanceof Error) {
      error.message = this.text(error.message)
      if (error.stack !== undefined) error.stack = this.text(error.stack)
    }
    return error
  }
}

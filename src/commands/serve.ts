import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../lib/cli/base-command.js'
import {CliError, UsageError} from '../lib/cli/errors.js'
import {homeDir} from '../lib/config/home.js'
import {readSecretFile} from '../lib/config/secret-input.js'

export default class Serve extends BaseCommand<typeof Serve> {
  static override summary = 'Serve the local emulator as the Atlas Administration API v2 over HTTP.'
  static override description = `Puts the embedded Atlas backup emulator behind the Atlas Admin API v2 paths (/api/atlas/v2/…) for clusters, backup schedules, snapshots and restore jobs, so any Atlas client can use it: this tool with MONGODB_ATLAS_BASE_URL, the Atlas CLI, Terraform or your own scripts.
It prints its base URL on stdout (one line) and everything else on stderr, listens on loopback unless --host says otherwise, and stops cleanly on SIGTERM or Ctrl-C.
As with Atlas, requests must pin a version with Accept: application/vnd.atlas.YYYY-MM-DD+json (one the operation lists); others get 406. With a public and a private key, requests need HTTP Digest authentication with that key pair. The deliveryUrl of a download restore job (/local/downloads/…) needs no authentication, like the pre-signed link Atlas hands out: curl -O fetches the archive.
The private key is best given in ATLAS_BACKUPS_SERVE_PRIVATE_KEY or a file (--private-key-file, mode 0600): --private-key works but shows the key to every local user in the process list. The public key comes from --public-key or ATLAS_BACKUPS_SERVE_PUBLIC_KEY.`
  static override enableJsonFlag = false
  static override flags = {
    host: Flags.string({default: '127.0.0.1', description: 'Address to listen on; 0.0.0.0 exposes the emulator to the network.'}),
    port: Flags.integer({default: 8080, min: 0, max: 65_535, description: 'Port to listen on; 0 picks a free one.'}),
    'public-key': Flags.string({description: 'Public API key clients must authenticate with (HTTP Digest); default: ATLAS_BACKUPS_SERVE_PUBLIC_KEY.'}),
    'private-key': Flags.string({description: 'Private API key clients must authenticate with; visible in the process list, so prefer --private-key-file or ATLAS_BACKUPS_SERVE_PRIVATE_KEY.', exclusive: ['private-key-file']}),
    'private-key-file': Flags.string({description: 'File holding the private API key on one line; it must not be readable by other users (chmod 600).', exclusive: ['private-key']}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 0',
    '<%= config.bin %> <%= command.id %> --port 9090 --public-key demo --private-key-file ~/.atlas-serve-key --debug',
    'ATLAS_BACKUPS_SERVE_PRIVATE_KEY="$KEY" <%= config.bin %> <%= command.id %> --public-key demo',
  ]

  public async run(): Promise<void> {
    const {host, port} = this.flags
    const {publicKey, privateKey} = this.keyPair()
    const {startServer} = await import('../lib/server/index.js')
    const server = await startServer({
      home: homeDir(),
      host,
      port,
      publicKey,
      privateKey,
      debug: this.debugEnabled(),
      log: (line) => this.note(line),
    }).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE') throw new CliError(`port ${port} on ${host} is already in use`, {hint: 'Stop the other server, or pass --port 0 to pick a free port'})
      if (code === 'EACCES') throw new CliError(`not allowed to listen on ${host}:${port} (EACCES)`, {hint: 'Use a port above 1023, or --port 0'})
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new CliError(`cannot listen on ${host}: no such local address (${code})`, {hint: 'Use 127.0.0.1, 0.0.0.0 or an address of this machine'})
      throw error
    })

    this.writeOut(server.url)
    const auth = publicKey === undefined ? 'no authentication' : 'HTTP Digest authentication'
    this.note(`Serving the local emulator as the Atlas Admin API v2 at ${server.url}/api/atlas/v2 on ${host}, ${auth} (Ctrl-C to stop)`)

    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        // A second signal while draining: stop now.
        const force = (): never => process.exit(130)
        process.once('SIGINT', force)
        process.once('SIGTERM', force)
        this.note(`Stopping (${signal}): finishing requests in flight`)
        void server.close().then(resolve, (error: unknown) => {
          this.note(`serve: closing failed: ${(error as Error).message}`)
          resolve()
        })
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
  }

  /** The key pair clients must authenticate with: flags, else the environment; the private key also from a file. */
  private keyPair(): {publicKey?: string; privateKey?: string} {
    const env = (name: string): string | undefined => (process.env[name]?.trim() === '' ? undefined : process.env[name])
    const file = this.flags['private-key-file']
    const publicKey = this.flags['public-key'] ?? env('ATLAS_BACKUPS_SERVE_PUBLIC_KEY')
    const privateKey = this.flags['private-key'] ?? (file === undefined ? undefined : readSecretFile(file, '--private-key-file')) ?? env('ATLAS_BACKUPS_SERVE_PRIVATE_KEY')
    if (publicKey !== undefined && privateKey === undefined) {
      throw new UsageError('a public key is given but no private key', 'Give the private key with --private-key-file or ATLAS_BACKUPS_SERVE_PRIVATE_KEY (or --private-key), or no public key to serve without authentication')
    }
    if (publicKey === undefined && privateKey !== undefined) {
      throw new UsageError('a private key is given but no public key', 'Give it with --public-key or ATLAS_BACKUPS_SERVE_PUBLIC_KEY, or no private key to serve without authentication')
    }
    return {publicKey, privateKey}
  }
}

import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../lib/cli/base-command.js'
import {CliError, UsageError} from '../lib/cli/errors.js'
import {homeDir} from '../lib/config/home.js'

export default class Serve extends BaseCommand<typeof Serve> {
  static override summary = 'Serve the local emulator as the Atlas Administration API v2 over HTTP.'
  static override description = `Puts the embedded Atlas backup emulator behind the Atlas Admin API v2 paths (/api/atlas/v2/…) for clusters, backup schedules and snapshots, so any Atlas client can use it: this tool with MONGODB_ATLAS_BASE_URL, the Atlas CLI, Terraform or your own scripts.
It prints its base URL on stdout (one line) and everything else on stderr, listens on loopback unless --host says otherwise, and stops cleanly on SIGTERM or Ctrl-C.
As with Atlas, requests must pin a version with Accept: application/vnd.atlas.YYYY-MM-DD+json (one the operation lists); others get 406. With --public-key and --private-key, requests need HTTP Digest authentication with that key pair.`
  static override enableJsonFlag = false
  static override flags = {
    host: Flags.string({default: '127.0.0.1', description: 'Address to listen on; 0.0.0.0 exposes the emulator to the network.'}),
    port: Flags.integer({default: 8080, min: 0, max: 65_535, description: 'Port to listen on; 0 picks a free one.'}),
    'public-key': Flags.string({description: 'Public API key clients must authenticate with (HTTP Digest).', dependsOn: ['private-key']}),
    'private-key': Flags.string({description: 'Private API key clients must authenticate with (HTTP Digest).', dependsOn: ['public-key']}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 0',
    '<%= config.bin %> <%= command.id %> --port 9090 --public-key demo --private-key demo-secret --debug',
  ]

  public async run(): Promise<void> {
    const {host, port} = this.flags
    const publicKey = this.flags['public-key']
    const privateKey = this.flags['private-key']
    if ((publicKey === undefined) !== (privateKey === undefined)) throw new UsageError('--public-key and --private-key go together', 'Give both, or neither to serve without authentication')
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
}

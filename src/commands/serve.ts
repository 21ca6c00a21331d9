import {Flags} from '@oclif/core'

import {BaseCommand} from '../lib/cli/base-command.js'
import {CliError, UsageError} from '../lib/cli/errors.js'
import {homeDir} from '../lib/config/home.js'

export default class Serve extends BaseCommand<typeof Serve> {
  static override summary = 'Serve the local emulator as the Atlas Administration API v2 over HTTP.'
  static override description = `Any Atlas client can then use it: this tool's cloud backend (MONGODB_ATLAS_BASE_URL=http://127.0.0.1:8080 with API keys), the Atlas CLI, Terraform or your own scripts. It listens on loopback unless --host says otherwise, prints its base URL on stdout, and stops cleanly on SIGTERM or Ctrl-C.
Requests must send a versioned Accept header (application/vnd.atlas.YYYY-MM-DD+json), as with Atlas. With --public-key and --private-key, requests need HTTP Digest authentication with that key pair.`
  static override enableJsonFlag = false
  static override flags = {
    host: Flags.string({default: '127.0.0.1', description: 'Address to listen on; 0.0.0.0 exposes the emulator to the network.'}),
    port: Flags.integer({default: 8080, description: 'Port to listen on; 0 picks a free one.'}),
    'private-key': Flags.string({description: 'Private API key clients must use (Digest authentication).', dependsOn: ['public-key']}),
    'public-key': Flags.string({description: 'Public API key clients must use (Digest authentication).', dependsOn: ['private-key']}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 9090 --public-key demo --private-key demo-secret',
  ]

  public async run(): Promise<void> {
    const {host, port} = this.flags
    if (port < 0 || port > 65_535) throw new UsageError(`--port must be between 0 and 65535, got ${port}`, 'Pick a free port, or 0 for any')
    const {startServer} = await import('../lib/server/index.js')
    const server = await startServer({
      home: homeDir(),
      host,
      port,
      publicKey: this.flags['public-key'],
      privateKey: this.flags['private-key'],
      log: (line) => this.debugLog(line),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new CliError(`port ${port} on ${host} is already in use`, {hint: 'Stop the other server or pass --port 0 to pick a free port'})
      if (error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') throw new CliError(`cannot listen on ${host}:${port}: ${error.code}`, {hint: 'Use another --host or --port'})
      throw error
    })
    this.log(server.url)
    this.note(`Serving the local emulator as the Atlas Admin API at ${server.url}/api/atlas/v2 (Ctrl-C to stop)`)
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void server.close().then(resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
  }
}

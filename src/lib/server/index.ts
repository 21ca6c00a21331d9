/**
 * `atlas-backups serve`: the local emulator behind the Atlas Administration API v2 over HTTP.
 * startServer() is the programmatic entry point (the command, tests and benches use it).
 */
export {startServer, baseUrl, type RunningServer, type ServerOptions} from './server.js'
export {OPERATIONS, API_PREFIX, type OperationSpec, type MediaVersion} from './operations.js'
export {REALM as DIGEST_REALM} from './digest.js'
export {MAX_BODY_BYTES} from './body.js'

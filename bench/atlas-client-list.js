// `backups snapshots list CLUSTER -o json` done with the npm client mongodb-atlas-api-client in a process of its own:
// the reference the cloud path's start-up is measured against (issue 16 goal 4). Same endpoint, same page (the first
// 100), same digest credentials, the JSON printed as the CLI prints it. Reads MONGODB_ATLAS_BASE_URL,
// MONGODB_ATLAS_PROJECT_ID and the two API keys from the environment.
import getClient from 'mongodb-atlas-api-client'

const env = process.env
const client = getClient({
  publicKey: env.MONGODB_ATLAS_PUBLIC_API_KEY,
  privateKey: env.MONGODB_ATLAS_PRIVATE_API_KEY,
  baseUrl: `${env.MONGODB_ATLAS_BASE_URL}/api/atlas/v2`,
  projectId: env.MONGODB_ATLAS_PROJECT_ID,
})
const httpOptions = {headers: {Accept: 'application/vnd.atlas.2023-01-01+json'}}
client.cloudBackup.getAllReplicaSetCloudBackups(process.argv[2], {pageNum: 1, itemsPerPage: 100, httpOptions}).then((body) => {
  if (!Array.isArray(body.results)) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 200)}`)
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`)
})

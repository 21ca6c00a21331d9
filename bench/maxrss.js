// Preloaded into a measured run (node --import): writes the process's peak resident memory (KiB) to
// BENCH_MAXRSS_FILE on exit, since spawnSync does not report a child's.
import {writeFileSync} from 'node:fs'

process.on('exit', () => {
  if (process.env.BENCH_MAXRSS_FILE) writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS))
})

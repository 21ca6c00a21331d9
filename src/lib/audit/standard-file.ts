import {readDocument} from '../cli/document-file.js'
import {UsageError} from '../cli/errors.js'
import {type AuditStandard, parseStandard} from './standard.js'

/** Reads and checks the standard of `backups audit --standard FILE` (JSON or YAML, "-" for stdin). */
export async function readStandardFile(path: string): Promise<AuditStandard> {
  let document: unknown
  try {
    document = await readDocument(path)
  } catch (error) {
    // readDocument's hint names -f/--file; this command's flag is --standard.
    if (error instanceof UsageError && error.message.startsWith('cannot read')) throw new UsageError(error.message, 'Check the path given to --standard')
    throw error
  }
  return parseStandard(document, path)
}

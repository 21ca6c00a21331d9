/** One broken rule: where (a JSON path into the document), Atlas's error code, and what is wrong and allowed. */
export interface Violation {
  path: string
  errorCode: string
  message: string
  /** The row of backup-rules.md the check comes from. */
  rule: number
  severity: 'error' | 'warning'
}

/** Collects violations in document order. */
export class Findings {
  readonly list: Violation[] = []

  error(path: string, errorCode: string, rule: number, message: string): void {
    this.list.push({path, errorCode, message, rule, severity: 'error'})
  }

  warning(path: string, errorCode: string, rule: number, message: string): void {
    this.list.push({path, errorCode, message, rule, severity: 'warning'})
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function describeValue(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value)
}

export function isWholeNumber(value: unknown): value is number {
  // Number.isInteger is false for anything that is not a number.
  return Number.isInteger(value)
}

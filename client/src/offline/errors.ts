/**
 * Invariant: storage failures are classified by the DOMException name underneath Dexie's wrapper, so a full disk
 * (QuotaExceededError) always reaches the UI and Safari's transient UnknownError is retried exactly once.
 */

function names(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const named = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof named.name === 'string') found.push(named.name);
    current = named.inner ?? named.cause;
  }
  return found;
}

export function isQuotaExceeded(error: unknown): boolean {
  return names(error).includes('QuotaExceededError');
}

/** Safari's "Error preparing Blob/File data to be stored" and friends (dexie/Dexie.js#1227, #1919). */
export function isUnknownError(error: unknown): boolean {
  return names(error).includes('UnknownError');
}

export async function retryOnceOnUnknownError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUnknownError(error)) throw error;
    return write();
  }
}

/** The device has no room for a document even after evicting what may go. */
export class QuotaError extends Error {
  constructor(
    readonly neededBytes: number,
    cause?: unknown,
  ) {
    super(`storage quota exceeded (${neededBytes} bytes needed)`, { cause });
    this.name = 'QuotaError';
  }
}

/**
 * File names come from the uploader and go back out in Content-Disposition: they are data, never paths (blobs live
 * under their sha256, ASVS 5.3.2), and they are cleaned of anything that could mislead a reader or a header parser.
 */

const MAX_LENGTH = 200;

/** Decodes the `X-File-Name` header: percent-encoded UTF-8, optionally in RFC 5987 form (`UTF-8''…`). */
export function decodeFileNameHeader(raw: string | undefined): string | null {
  if (!raw) return null;
  const value = raw.replace(/^utf-8''/i, '');
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * The last path segment, NFC, without control or bidi-override characters (which can make "Rechnung‮fdp.exe" look like
 * a PDF), whitespace collapsed, no leading dots, at most 200 characters with the extension kept. Null if nothing is left.
 */
export function sanitizeFileName(name: string): string | null {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (cleaned === '') return null;
  if (cleaned.length <= MAX_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_LENGTH - extension.length).trimEnd() + extension;
}

export function hasExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension) && lower.length > extension.length);
}

/** "Anlage 3 – Lageplan.pdf" → "Anlage 3 – Lageplan". */
export function displayNameOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

const transliterations: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * RFC 6266: an ASCII `filename` for old clients (umlauts transliterated, other non-ASCII as `_`, no quote or
 * backslash) and the exact name as `filename*` in RFC 5987 encoding.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .replace(/[äöüÄÖÜß]/g, (c) => transliterations[c] ?? '_')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

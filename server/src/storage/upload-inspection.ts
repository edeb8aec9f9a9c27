import { Readable } from 'node:stream';
import { createInflate, type Inflate } from 'node:zlib';
import type { UploadRejectionReason } from '@ratsmappe/shared';

/**
 * Upload inspection, run on the bytes while they stream into the blob store (no second pass, no whole file in
 * memory): magic bytes first, then a PDF lexer that looks for active content.
 *
 * What is refused, and why a plain byte search is not enough:
 * - Names of active content (/JavaScript, /JS, /Launch, /AA, /EmbeddedFile, /RichMedia, /XFA, …) anywhere in the
 *   file structure, with `#xx` escapes decoded (`/J#53` is `/JS`). An /OpenAction alone is allowed: it usually just
 *   opens a page; when it runs a script, the script's own /JS or /JavaScript name is found.
 * - Names inside object streams (/Type /ObjStm, PDF 1.5+) are deflate-compressed, so each object stream is inflated
 *   (streaming, with a cap against compression bombs) and lexed too. An object stream we cannot decode (other
 *   filters, predictors, encryption) is refused rather than trusted.
 * - A reader finds objects through the xref table by byte offset, so an attacker can hide `n 0 obj` inside bytes we
 *   skip as stream data, a string or a comment. Those regions are searched for object headers; a hit is refused.
 * Content streams (page drawing) are not inflated: a name there cannot act. Known gap: a viewer more lenient than
 * the PDF grammar may still find something; the file doors add CSP `sandbox` and our viewer runs no PDF scripts.
 */

export class UploadRejectedError extends Error {
  constructor(
    readonly reason: UploadRejectionReason,
    readonly detail: string,
  ) {
    super(`upload rejected (${reason}): ${detail}`);
  }
}

/** The request body failed before its end (client gone, connection reset). */
export class UploadInterruptedError extends Error {
  constructor(cause: unknown) {
    super('upload interrupted', { cause });
  }
}

const BATCH_BYTES = 1024 * 1024;

export interface InspectionOptions {
  /** Cap on all inflated object-stream bytes of one file (ASVS 5.2.3, compression bombs). */
  maxInflatedBytes: number;
}

export interface InspectedUpload {
  /** The body as seen by the inspector; errors with UploadRejectedError or UploadInterruptedError. */
  stream: Readable;
  /** The detected type, available once the stream has ended without error. */
  mimeType(): string;
}

/** Wraps a request body so that reading it inspects it; pass `stream` to `BlobStore.put`. */
export function inspectUpload(source: AsyncIterable<Uint8Array>, options: InspectionOptions): InspectedUpload {
  const inspector = new PdfInspector(options);
  let done = false;
  async function* inspected(): AsyncGenerator<Uint8Array> {
    const iterator = source[Symbol.asyncIterator]();
    let exhausted = false;
    // Network reads arrive in ~16–64 KiB pieces; passing on ~1 MiB batches cuts the awaited writes and hops per byte.
    let batch: Buffer[] = [];
    let batched = 0;
    const flush = async () => {
      const chunk = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batched);
      batch = [];
      batched = 0;
      await inspector.push(chunk);
      return chunk;
    };
    try {
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await iterator.next();
        } catch (error) {
          exhausted = true;
          throw new UploadInterruptedError(error);
        }
        if (next.done) {
          exhausted = true;
          break;
        }
        batch.push(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        batched += next.value.byteLength;
        if (batched >= BATCH_BYTES) yield await flush();
      }
      if (batched > 0) yield await flush();
      inspector.finish();
      done = true;
    } finally {
      inspector.dispose();
      // Stop reading the request body when we give up early (too large, rejected): no need to receive the rest.
      if (!exhausted) await iterator.return?.().catch(() => undefined);
    }
  }
  return {
    stream: Readable.from(inspected(), { objectMode: false }),
    mimeType() {
      if (!done) throw new Error('inspection has not finished');
      return 'application/pdf';
    },
  };
}

const dangerousNames = new Map<string, UploadRejectionReason>([
  ['JavaScript', 'javascript'],
  ['JS', 'javascript'],
  ['Launch', 'launch'],
  // Go-to-remote opens another file (a UNC path leaks Windows credentials).
  ['GoToR', 'launch'],
  ['AA', 'additional_actions'],
  ['EmbeddedFile', 'embedded_file'],
  ['EmbeddedFiles', 'embedded_file'],
  ['EF', 'embedded_file'],
  ['GoToE', 'embedded_file'],
  ['FileAttachment', 'embedded_file'],
  ['RichMedia', 'rich_media'],
  ['Rendition', 'rich_media'],
  ['XFA', 'xfa'],
  ['SubmitForm', 'form_action'],
  ['ImportData', 'form_action'],
  // Encrypted object streams cannot be inflated, and encrypted files cannot be indexed for search.
  ['Encrypt', 'encrypted'],
]);
const longestDangerousName = Math.max(...[...dangerousNames.keys()].map((n) => n.length));

interface Finding {
  reason: UploadRejectionReason;
  detail: string;
}

const WHITESPACE = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[b] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
for (let i = 10; i < 16; i++) HEX_VALUE['ABCDEF'.charCodeAt(i - 10)] = i;

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * Recognises `<digits> <ws> <digits> <ws> obj` byte by byte, across chunk boundaries, in regions a reader could jump
 * into by xref offset but we do not lex as structure (strings, comments).
 */
class ObjectHeaderDetector {
  // 0 idle, 1 digits, 2 ws after digits, 3 digits after ws, 4 ws after second digits, 5 'o', 6 'b'
  private state = 0;

  /** Returns true when the byte completes an object header. */
  step(b: number): boolean {
    const ws = WHITESPACE[b] === 1;
    switch (this.state) {
      case 1:
        this.state = isDigit(b) ? 1 : ws ? 2 : 0;
        break;
      case 2:
        this.state = isDigit(b) ? 3 : ws ? 2 : 0;
        break;
      case 3:
        this.state = isDigit(b) ? 3 : ws ? 4 : 0;
        break;
      case 4:
        // "1 2 3 obj": the second number becomes the first.
        this.state = isDigit(b) ? 3 : ws ? 4 : b === 0x6f ? 5 : 0;
        break;
      case 5:
        this.state = b === 0x62 ? 6 : isDigit(b) ? 1 : 0;
        break;
      case 6:
        if (b === 0x6a) {
          this.state = 0;
          return true;
        }
        this.state = isDigit(b) ? 1 : 0;
        break;
      default:
        this.state = isDigit(b) ? 1 : 0;
    }
    return false;
  }

  reset() {
    this.state = 0;
  }
}

interface StreamDictionary {
  /** /Type /ObjStm, or a /First key: what a reader needs to use a stream as an object stream. */
  objectStream: boolean;
  filters: string[];
  /** /Filter given indirectly or as something other than a name or array of names. */
  filterUnknown: boolean;
  decodeParms: boolean;
}

const emptyDictionary = (): StreamDictionary => ({
  objectStream: false,
  filters: [],
  filterUnknown: false,
  decodeParms: false,
});

const CTX_NORMAL = 0;
const CTX_COMMENT = 1;
const CTX_LITERAL = 2;
const CTX_HEX = 3;

/**
 * A PDF lexer that tracks just enough structure to find stream dictionaries. Names are lexed everywhere except in
 * hex strings and stream data (also inside strings and comments), so that a region we misjudge as text is still
 * searched; strings and comments are additionally watched for object headers.
 */
class PdfLexer {
  finding: Finding | null = null;
  /** Set in 'file' mode when a `stream` keyword ends: the dictionary before it. Taken by the inspector. */
  streamStart: StreamDictionary | null = null;
  /** `stream` was ended by CR: a following LF still belongs to the end of line. */
  streamSkipLf = false;

  private ctx = CTX_NORMAL;
  private literalDepth = 0;
  private literalEscape = false;
  private pendingLt = false;
  private pendingGt = false;
  private readonly headers = new ObjectHeaderDetector();

  private inName = false;
  private name = '';
  private nameOverflow = false;
  /** 0 none, 1 after '#', 2 after '#' and one hex digit. */
  private nameHex = 0;
  private nameHexHigh = 0;

  private inRegular = false;
  private regular = '';

  // Structure of the outermost container, for stream dictionaries.
  private readonly containers: number[] = []; // 0x3c dict, 0x5b array
  private outer: StreamDictionary | null = null;
  private outerExpectKey = true;
  private outerKey: string | null = null;
  private lastDictionary: StreamDictionary | null = null;
  private lastWasDictionaryClose = false;

  constructor(private readonly mode: 'file' | 'object-stream') {}

  /** Lexes buf[start..end); stops early (returning the index) at the start of stream data or on a finding. */
  feed(buf: Uint8Array, start: number, end: number = buf.length): number {
    let i = start;
    while (i < end) {
      if (this.finding) return end;
      const b = buf[i]!;
      switch (this.ctx) {
        case CTX_COMMENT:
          this.overlayName(b);
          if (b === 0x0a || b === 0x0d) {
            this.ctx = CTX_NORMAL;
            this.headers.reset();
          } else if (this.headers.step(b)) {
            this.found('uninspectable', 'object header inside a comment');
          }
          i++;
          break;
        case CTX_LITERAL:
          this.overlayName(b);
          if (this.headers.step(b)) this.found('uninspectable', 'object header inside a string');
          if (this.literalEscape) {
            this.literalEscape = false;
          } else if (b === 0x5c) {
            this.literalEscape = true;
          } else if (b === 0x28) {
            this.literalDepth++;
          } else if (b === 0x29 && --this.literalDepth === 0) {
            this.ctx = CTX_NORMAL;
            this.headers.reset();
            this.valueToken();
          }
          i++;
          break;
        case CTX_HEX:
          if (HEX_VALUE[b] !== -1 || WHITESPACE[b] === 1) {
            i++;
          } else {
            // '>' ends it; anything else ends it too and is lexed as structure: never less scanning than a reader.
            this.ctx = CTX_NORMAL;
            this.valueToken();
            if (b === 0x3e) i++;
          }
          break;
        default: {
          if (this.inName && this.nameByte(b)) {
            i++;
            break;
          }
          const next = this.normalByte(b, i);
          if (next >= 0) return next;
          i++;
        }
      }
    }
    return end;
  }

  /** End of input: a token cut off by the end still counts. */
  finish(): void {
    if (this.inName) this.endName();
    if (this.inRegular) this.endRegular(-1);
  }

  takeStreamStart(): StreamDictionary | null {
    const start = this.streamStart;
    this.streamStart = null;
    return start;
  }

  /** Inside strings and comments names are lexed on the side, for the danger check only. */
  private overlayName(b: number) {
    if (this.inName && this.nameByte(b)) return;
    if (b === 0x2f) this.startName();
  }

  /** Feeds a byte to the current name; returns false when the byte ended the name and must be lexed again. */
  private nameByte(b: number): boolean {
    if (WHITESPACE[b] === 1 || DELIMITER[b] === 1) {
      if (this.nameHex === 1) this.appendName('#');
      if (this.nameHex === 2) this.appendName('#' + '0123456789ABCDEF'[this.nameHexHigh]!);
      this.endName();
      return false;
    }
    // Regular byte: part of the name.
    if (this.nameHex === 1) {
      const v = HEX_VALUE[b]!;
      if (v >= 0) {
        this.nameHexHigh = v;
        this.nameHex = 2;
        return true;
      }
      this.nameHex = 0;
      this.appendName('#');
    } else if (this.nameHex === 2) {
      const v = HEX_VALUE[b]!;
      this.nameHex = 0;
      if (v >= 0) {
        this.appendName(String.fromCharCode(this.nameHexHigh * 16 + v));
        return true;
      }
      this.appendName('#' + '0123456789ABCDEF'[this.nameHexHigh]!);
    }
    if (b === 0x23) this.nameHex = 1;
    else this.appendName(String.fromCharCode(b));
    return true;
  }

  /** A byte in normal context; returns the index where stream data starts, or -1 to go on. */
  private normalByte(b: number, i: number): number {
    if (this.pendingLt) {
      this.pendingLt = false;
      if (b === 0x3c) {
        this.open(0x3c);
        return -1;
      }
      this.ctx = CTX_HEX;
      // Re-lex this byte as the first of a hex string.
      if (HEX_VALUE[b] !== -1 || WHITESPACE[b] === 1) return -1;
      this.ctx = CTX_NORMAL;
      this.valueToken();
      if (b === 0x3e) return -1;
    }
    if (this.pendingGt) {
      this.pendingGt = false;
      if (b === 0x3e) {
        this.close();
        return -1;
      }
    }
    if (WHITESPACE[b] === 1 || DELIMITER[b] === 1) {
      if (this.inRegular) {
        const dataStart = this.endRegular(b);
        if (dataStart !== null) return i + dataStart;
      }
      switch (b) {
        case 0x2f:
          this.startName();
          break;
        case 0x25:
          this.ctx = CTX_COMMENT;
          break;
        case 0x28:
          this.ctx = CTX_LITERAL;
          this.literalDepth = 1;
          break;
        case 0x3c:
          this.pendingLt = true;
          break;
        case 0x3e:
          this.pendingGt = true;
          break;
        case 0x5b:
          this.open(0x5b);
          break;
        case 0x5d:
          this.close();
          break;
      }
      return -1;
    }
    if (this.inRegular) {
      if (this.regular.length < 32) this.regular += String.fromCharCode(b);
    } else {
      this.inRegular = true;
      this.regular = String.fromCharCode(b);
    }
    return -1;
  }

  private startName() {
    this.inName = true;
    this.name = '';
    this.nameOverflow = false;
    this.nameHex = 0;
  }

  private appendName(s: string) {
    if (this.name.length + s.length > longestDangerousName) this.nameOverflow = true;
    else this.name += s;
  }

  private endName() {
    this.inName = false;
    if (this.nameOverflow) {
      if (this.ctx === CTX_NORMAL) this.structuralName('');
      return;
    }
    const reason = dangerousNames.get(this.name);
    if (reason) {
      this.found(reason, `/${this.name}`);
      return;
    }
    if (this.ctx === CTX_NORMAL) this.structuralName(this.name);
  }

  /**
   * A keyword or number ended by `terminator` (-1 at end of input). Returns the offset from the terminator at which
   * stream data begins when the keyword was `stream`, else null.
   */
  private endRegular(terminator: number): number | null {
    this.inRegular = false;
    const word = this.regular;
    if (this.mode === 'file' && word === 'stream') {
      this.streamStart = this.lastWasDictionaryClose && this.lastDictionary ? this.lastDictionary : emptyDictionary();
      this.resetStructure();
      // The end of line after `stream` is not data; a delimiter is.
      if (terminator === 0x0d) this.streamSkipLf = true;
      return WHITESPACE[terminator] === 1 ? 1 : 0;
    }
    if (word === 'obj' || word === 'endobj') {
      this.resetStructure();
      return null;
    }
    this.valueToken();
    return null;
  }

  private resetStructure() {
    this.containers.length = 0;
    this.outer = null;
    this.outerExpectKey = true;
    this.outerKey = null;
    this.lastDictionary = null;
    this.lastWasDictionaryClose = false;
  }

  private open(kind: number) {
    this.lastWasDictionaryClose = false;
    const depth = this.containers.length;
    if (depth === 0) {
      this.outer = kind === 0x3c ? emptyDictionary() : null;
      this.outerExpectKey = true;
      this.outerKey = null;
    } else if (depth === 1 && this.outer && !this.outerExpectKey && this.outerKey === 'Filter' && kind === 0x3c) {
      this.outer.filterUnknown = true;
    }
    this.containers.push(kind);
  }

  private close() {
    if (this.containers.length === 0) return;
    const kind = this.containers.pop();
    const depth = this.containers.length;
    if (depth === 1) {
      this.outerExpectKey = true;
    } else if (depth === 0 && kind === 0x3c && this.outer) {
      this.lastDictionary = this.outer;
      this.lastWasDictionaryClose = true;
      return;
    }
    this.lastWasDictionaryClose = false;
  }

  private structuralName(name: string) {
    this.lastWasDictionaryClose = false;
    const outer = this.outer;
    if (!outer || this.containers.length === 0) return;
    if (name === 'ObjStm' || name === 'First') outer.objectStream = true;
    const depth = this.containers.length;
    if (depth === 1 && this.containers[0] === 0x3c) {
      if (this.outerExpectKey) {
        this.outerKey = name;
        this.outerExpectKey = false;
        if (name === 'DecodeParms' || name === 'DP') outer.decodeParms = true;
      } else {
        if (this.outerKey === 'Filter') outer.filters.push(name);
        this.outerExpectKey = true;
      }
    } else if (depth === 2 && this.containers[1] === 0x5b && this.outerKey === 'Filter' && !this.outerExpectKey) {
      outer.filters.push(name);
    }
  }

  /** A number, keyword or string. */
  private valueToken() {
    this.lastWasDictionaryClose = false;
    if (this.outer && this.containers.length === 1 && this.containers[0] === 0x3c && !this.outerExpectKey) {
      if (this.outerKey === 'Filter') this.outer.filterUnknown = true;
      this.outerExpectKey = true;
    }
  }

  private found(reason: UploadRejectionReason, detail: string) {
    this.finding ??= { reason, detail };
  }
}

const ENDSTREAM = Buffer.from('endstream', 'latin1');
const OBJ = Buffer.from('obj', 'latin1');
const HISTORY = 4096;

/**
 * Whether `obj` at `at` ends an object header `<digits> <ws> <digits> <ws> obj`, scanning back at most `HISTORY`
 * bytes (linear: a scan stops at the first byte that is neither digit nor whitespace). `startOfData` says whether
 * index 0 is the real start of the stream data; a run cut off by the window is treated as a header (fail closed).
 */
function objectHeaderEndsAt(buf: Buffer, at: number, startOfData: boolean): boolean {
  const stop = Math.max(0, at - HISTORY);
  const cutOff = !(startOfData && stop === 0);
  let j = at - 1;
  const run = (digits: boolean): number => {
    const from = j;
    while (j >= stop && (digits ? isDigit(buf[j]!) : WHITESPACE[buf[j]!] === 1)) j--;
    return from - j;
  };
  for (const digits of [false, true, false]) {
    if (run(digits) === 0) return j < stop ? cutOff : false;
    if (j < stop) return cutOff;
  }
  return isDigit(buf[j]!);
}

interface OpenStream {
  /** The tail of the data that might be the start of `endstream`. */
  carry: Buffer;
  /** The last bytes of stream data, to see object headers that straddle chunks. */
  history: Buffer;
  /** Stream data bytes seen before this chunk. */
  seen: number;
  skipLf: boolean;
  inner: PdfLexer | null;
  inflater: Inflate | null;
  inflateError: Error | null;
}

/** Non-PDF signatures, to tell the office what it actually uploaded. */
function describe(head: Buffer): string | null {
  const text = head
    .toString('latin1', 0, 64)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<head')) return 'HTML';
  if (text.startsWith('<?xml') || text.startsWith('<svg')) return 'XML/SVG';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'JPEG';
  if (head.toString('latin1', 0, 4) === 'PK\x03\x04') return 'ZIP (DOCX, ODT, XLSX …)';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'DOC/XLS';
  if (head.toString('latin1', 0, 4) === 'GIF8') return 'GIF';
  if (head.toString('latin1', 0, 5) === '{\\rtf') return 'RTF';
  return null;
}

class PdfInspector {
  private head: Buffer | null = Buffer.alloc(0);
  private readonly lexer = new PdfLexer('file');
  private stream: OpenStream | null = null;
  private tail = Buffer.alloc(0);
  private inflated = 0;
  private finding: Finding | null = null;

  constructor(private readonly options: InspectionOptions) {}

  async push(chunk: Buffer): Promise<void> {
    this.tail = Buffer.concat([this.tail, chunk.subarray(Math.max(0, chunk.length - 1024))]).subarray(-1024);
    let data = chunk;
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 5) return;
      data = this.head;
      this.head = null;
      this.checkSignature(data);
    }
    let i = 0;
    while (i < data.length) {
      if (this.stream) {
        i = await this.streamData(data, i);
      } else {
        i = this.lexer.feed(data, i);
        this.raise(this.lexer.finding);
        const start = this.lexer.takeStreamStart();
        if (start) this.openStream(start);
      }
      this.raise(this.finding);
    }
  }

  finish(): void {
    if (this.head) this.checkSignature(this.head);
    this.lexer.finish();
    this.raise(this.lexer.finding);
    if (!this.tail.includes('%%EOF')) this.raise({ reason: 'truncated', detail: 'no %%EOF in the last 1024 bytes' });
    if (this.stream) this.raise({ reason: 'uninspectable', detail: 'stream without endstream' });
  }

  dispose(): void {
    this.stream?.inflater?.destroy();
    this.stream = null;
  }

  private checkSignature(head: Buffer) {
    if (head.toString('latin1', 0, 5) === '%PDF-') return;
    const kind = describe(head);
    throw new UploadRejectedError('not_pdf', kind ?? 'unknown');
  }

  private raise(finding: Finding | null) {
    if (finding) throw new UploadRejectedError(finding.reason, finding.detail);
  }

  private openStream(dict: StreamDictionary) {
    const stream: OpenStream = {
      carry: Buffer.alloc(0),
      history: Buffer.alloc(0),
      seen: 0,
      skipLf: this.lexer.streamSkipLf,
      inner: null,
      inflater: null,
      inflateError: null,
    };
    this.lexer.streamSkipLf = false;
    this.stream = stream;
    if (!dict.objectStream) return;
    const flate = dict.filters.length === 1 && (dict.filters[0] === 'FlateDecode' || dict.filters[0] === 'Fl');
    if (dict.filterUnknown || dict.decodeParms || !(dict.filters.length === 0 || flate)) {
      this.finding = {
        reason: 'uninspectable',
        detail: `object stream with filters [${dict.filters.join(', ')}]${dict.decodeParms ? ' and DecodeParms' : ''}`,
      };
      return;
    }
    const inner = new PdfLexer('object-stream');
    stream.inner = inner;
    if (!flate) return;
    const inflater = createInflate();
    stream.inflater = inflater;
    inflater.on('data', (out: Buffer) => {
      this.inflated += out.length;
      if (this.inflated > this.options.maxInflatedBytes) {
        this.finding ??= { reason: 'uninspectable', detail: 'object streams inflate beyond the limit' };
        inflater.destroy();
        return;
      }
      inner.feed(out, 0, out.length);
    });
    inflater.on('error', (error) => {
      stream.inflateError = error;
    });
  }

  /** Stream data from data[i..]; returns where structure resumes (after `endstream`) or data.length. */
  private async streamData(data: Buffer, i: number): Promise<number> {
    const stream = this.stream!;
    let start = i;
    if (stream.skipLf) {
      stream.skipLf = false;
      if (data[start] === 0x0a) start++;
      if (start >= data.length) return data.length;
    }
    const carried = stream.carry.length;
    const combined = carried > 0 ? Buffer.concat([stream.carry, data.subarray(start)]) : data.subarray(start);
    const at = combined.indexOf(ENDSTREAM);
    if (at === -1) {
      const keep = Math.min(combined.length, ENDSTREAM.length - 1);
      await this.streamBytes(stream, combined.subarray(0, combined.length - keep));
      stream.carry = Buffer.from(combined.subarray(combined.length - keep));
      return data.length;
    }
    await this.streamBytes(stream, combined.subarray(0, at));
    await this.closeStream(stream);
    return start + at + ENDSTREAM.length - carried;
  }

  private async streamBytes(stream: OpenStream, bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    this.findHiddenObjects(stream, bytes);
    if (this.finding) return;
    if (stream.inflateError) {
      this.finding ??= {
        reason: 'uninspectable',
        detail: `object stream does not inflate: ${stream.inflateError.message}`,
      };
      return;
    }
    if (stream.inflater) {
      if (stream.inflater.destroyed) return;
      if (!stream.inflater.write(bytes)) await drained(stream.inflater);
    } else if (stream.inner) {
      stream.inner.feed(bytes, 0, bytes.length);
    }
    if (stream.inner?.finding) this.finding ??= stream.inner.finding;
  }

  private findHiddenObjects(stream: OpenStream, bytes: Buffer) {
    const history = stream.history;
    const combined = history.length > 0 ? Buffer.concat([history, bytes]) : bytes;
    const startOfData = stream.seen === history.length;
    let from = Math.max(0, history.length - (OBJ.length - 1));
    for (;;) {
      const at = combined.indexOf(OBJ, from);
      if (at === -1) break;
      if (objectHeaderEndsAt(combined, at, startOfData)) {
        this.finding ??= { reason: 'uninspectable', detail: 'object header inside stream data' };
        return;
      }
      from = at + 1;
    }
    stream.seen += bytes.length;
    stream.history = Buffer.from(combined.subarray(Math.max(0, combined.length - HISTORY)));
  }

  private async closeStream(stream: OpenStream): Promise<void> {
    this.stream = null;
    const { inflater, inner } = stream;
    if (inflater && !inflater.destroyed && !this.finding) {
      await new Promise<void>((resolve) => {
        inflater.once('end', resolve);
        inflater.once('close', resolve);
        inflater.end();
      });
      inflater.destroy();
      if (stream.inflateError && !this.finding) {
        this.finding = {
          reason: 'uninspectable',
          detail: `object stream does not inflate: ${stream.inflateError.message}`,
        };
      }
    }
    inner?.finish();
    if (inner?.finding) this.finding ??= inner.finding;
  }
}

function drained(inflater: Inflate): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      inflater.off('drain', done);
      inflater.off('close', done);
      inflater.off('error', done);
      resolve();
    };
    inflater.on('drain', done);
    inflater.on('close', done);
    inflater.on('error', done);
  });
}

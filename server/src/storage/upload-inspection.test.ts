import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectUpload, UploadInterruptedError, UploadRejectedError } from './upload-inspection.js';

const limits = { maxInflatedBytes: 1024 * 1024 };

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

/** Runs the inspector over the bytes in chunks of `size`; resolves with the byte count or rejects with the error. */
async function inspect(bytes: Uint8Array, size = 64 * 1024, options = limits): Promise<number> {
  const inspected = inspectUpload(chunksOf(bytes, size), options);
  let total = 0;
  for await (const chunk of inspected.stream) total += (chunk as Buffer).length;
  expect(inspected.mimeType()).toBe('application/pdf');
  return total;
}

async function rejection(bytes: Uint8Array, size?: number, options = limits): Promise<UploadRejectedError> {
  try {
    await inspect(bytes, size, options);
  } catch (error) {
    if (error instanceof UploadRejectedError) return error;
    throw error;
  }
  throw new Error('the upload was accepted');
}

async function letter(options: { javascript?: boolean; objectStreams: boolean; attachment?: boolean }) {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // Text that talks about scripts is not a script: content streams are not scanned for names.
  page.drawText('Sitzungsvorlage: JavaScript /JS im Rathaus-Netz', { x: 50, y: 700, font, size: 12 });
  if (options.javascript) doc.addJavaScript('hello', 'app.alert("Hallo")');
  if (options.attachment)
    await doc.attach(new TextEncoder().encode('geheim'), 'anlage.txt', { mimeType: 'text/plain' });
  return doc.save({ useObjectStreams: options.objectStreams });
}

/** A hand-written PDF: objects are joined as given, followed by a plausible xref and trailer. */
function handMade(objects: (string | Buffer)[], trailer = '<< /Size 9 /Root 1 0 R >>'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  for (const object of objects) {
    const bytes = typeof object === 'string' ? Buffer.from(object, 'latin1') : object;
    offsets.push(length);
    parts.push(bytes);
    length += bytes.length;
  }
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f '];
  for (const offset of offsets) xref.push(`${String(offset).padStart(10, '0')} 00000 n `);
  parts.push(Buffer.from(`${xref.join('\n')}\ntrailer\n${trailer}\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const catalog = '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
const pages = '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';

function objectStream(number: number, content: string, dictionary = '/Filter /FlateDecode'): Buffer {
  const body = dictionary.includes('FlateDecode') ? deflateSync(Buffer.from(content, 'latin1')) : content;
  const data = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  return Buffer.concat([
    Buffer.from(
      `${number} 0 obj\n<< /Type /ObjStm /N 1 /First 5 ${dictionary} /Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

describe('upload inspection: what passes', () => {
  it.each([true, false])(
    'accepts a plain PDF (object streams %s), in large and in one-byte chunks',
    async (objectStreams) => {
      const bytes = await letter({ objectStreams });
      expect(await inspect(bytes)).toBe(bytes.length);
      expect(await inspect(bytes, 1)).toBe(bytes.length);
    },
  );

  it('accepts an /OpenAction that only opens a page, and names that merely start like dangerous ones', async () => {
    const bytes = handMade([
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] /JSONData (x) /AAB 1 >>\nendobj\n',
      pages,
    ]);
    expect(await inspect(bytes, 7)).toBe(bytes.length);
  });

  it('accepts binary stream data that contains the letters obj, as long as no object header precedes them', async () => {
    const data = Buffer.concat([Buffer.from('x obj 12 obj\n1 x 2 obj', 'latin1'), Buffer.alloc(5000, 0xa7)]);
    const image = Buffer.concat([
      Buffer.from(`3 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length ${data.length} >>\nstream\n`),
      data,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    const bytes = handMade([catalog, pages, image]);
    expect(await inspect(bytes, 3)).toBe(bytes.length);
  });
});

describe('upload inspection: what is refused', () => {
  it('refuses HTML renamed to .pdf and says what it is', async () => {
    const error = await rejection(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'));
    expect(error.reason).toBe('not_pdf');
    expect(error.detail).toBe('HTML');
  });

  it('refuses a file that announces PDF only after some bytes, and an empty file', async () => {
    expect((await rejection(Buffer.from('   %PDF-1.7\n%%EOF'))).reason).toBe('not_pdf');
    expect((await rejection(Buffer.from('%PD'))).reason).toBe('not_pdf');
  });

  it.each([true, false])(
    'refuses a PDF with JavaScript (object streams %s), however it is chunked',
    async (objectStreams) => {
      const bytes = await letter({ objectStreams, javascript: true });
      expect((await rejection(bytes)).reason).toBe('javascript');
      expect((await rejection(bytes, 1)).reason).toBe('javascript');
      expect((await rejection(bytes, 13)).reason).toBe('javascript');
    },
  );

  it('finds the script inside an object stream, where a plain byte search sees nothing', async () => {
    const bytes = await letter({ objectStreams: true, javascript: true });
    expect(Buffer.from(bytes).includes('/JavaScript')).toBe(false);
    expect((await rejection(bytes)).detail).toMatch(/^\/(JS|JavaScript)$/);
  });

  it('refuses an embedded file (pdf-lib attach)', async () => {
    for (const objectStreams of [true, false]) {
      expect((await rejection(await letter({ objectStreams, attachment: true }))).reason).toBe('embedded_file');
    }
  });

  it.each([
    ['/AA << /O 5 0 R >>', 'additional_actions'],
    ['/OpenAction << /S /Launch /F (cmd.exe) >>', 'launch'],
    ['/AcroForm << /XFA 6 0 R >>', 'xfa'],
    ['/Names << /EmbeddedFiles 7 0 R >>', 'embedded_file'],
    ['/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>', 'javascript'],
    ['/OpenAction << /S /SubmitForm /F (https://example.org) >>', 'form_action'],
  ])('refuses %s', async (entry, reason) => {
    const bytes = handMade([`1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${entry} >>\nendobj\n`, pages]);
    expect((await rejection(bytes)).reason).toBe(reason);
    expect((await rejection(bytes, 2)).reason).toBe(reason);
  });

  it('refuses an encrypted file', async () => {
    const bytes = handMade([catalog, pages], '<< /Size 3 /Root 1 0 R /Encrypt 4 0 R >>');
    expect((await rejection(bytes)).reason).toBe('encrypted');
  });

  it('refuses a script in a hand-made object stream, and one hidden by hex-escaping /ObjStm', async () => {
    const script = '3 0 << /S /JavaScript /JS (app.alert(1)) >>';
    expect((await rejection(handMade([catalog, pages, objectStream(4, script)]))).reason).toBe('javascript');
    const disguised = objectStream(4, script).toString('latin1').replace('/ObjStm', '/Obj#53tm');
    expect((await rejection(handMade([catalog, pages, Buffer.from(disguised, 'latin1')]))).reason).toBe('javascript');
  });

  it('refuses an object stream it cannot decode instead of trusting it', async () => {
    const hex = objectStream(4, '3 0 << /Type /Foo >>', '/Filter [/ASCIIHexDecode /FlateDecode]');
    expect((await rejection(handMade([catalog, pages, hex]))).reason).toBe('uninspectable');
    const predictor = objectStream(4, '3 0 << /Type /Foo >>', '/Filter /FlateDecode /DecodeParms << /Predictor 12 >>');
    expect((await rejection(handMade([catalog, pages, predictor]))).reason).toBe('uninspectable');
    const corrupt = Buffer.concat([
      Buffer.from('4 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length 20 >>\nstream\n'),
      Buffer.from('this is not deflate!'),
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    expect((await rejection(handMade([catalog, pages, corrupt]))).reason).toBe('uninspectable');
  });

  it('refuses an object stream that inflates beyond the limit (compression bomb)', async () => {
    const bomb = objectStream(4, `3 0 [${' 0'.repeat(700_000)} ]`);
    const error = await rejection(handMade([catalog, pages, bomb]), undefined, { maxInflatedBytes: 1024 * 1024 });
    expect(error.reason).toBe('uninspectable');
    expect(error.detail).toContain('limit');
  });

  it('refuses an object hidden inside stream data, where a reader could reach it through the xref table', async () => {
    const hidden = '5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 99 >>';
    const data = Buffer.concat([Buffer.alloc(3000, 0x41), Buffer.from(hidden), Buffer.alloc(3000, 0x42)]);
    const carrier = Buffer.concat([
      Buffer.from(`3 0 obj\n<< /Filter /DCTDecode /Length ${data.length} >>\nstream\n`),
      data,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    for (const size of [65536, 4096, 1]) {
      const error = await rejection(handMade([catalog, pages, carrier]), size);
      expect(error.reason).toBe('uninspectable');
      expect(error.detail).toContain('stream data');
    }
  });

  it('refuses an object header hidden in a never-closed string or in a comment', async () => {
    const inString = handMade([catalog, pages, '3 0 obj\n(unclosed \n4 0 obj << /Type /ObjStm >> ']);
    expect((await rejection(inString)).reason).toBe('uninspectable');
    const inComment = handMade([catalog, pages, '% 4 0 obj << /Type /ObjStm >>\n']);
    expect((await rejection(inComment)).reason).toBe('uninspectable');
  });

  it('refuses a file cut off before %%EOF', async () => {
    const bytes = await letter({ objectStreams: false });
    expect((await rejection(bytes.subarray(0, bytes.length - 200))).reason).toBe('truncated');
  });
});

describe('upload inspection: the request body', () => {
  it('reports a body that fails mid-way as an interruption, not as a rejection', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('%PDF-1.7\n');
      await Promise.resolve();
      throw new Error('socket hang up');
    }
    const inspected = inspectUpload(failing(), limits);
    await expect(
      (async () => {
        for await (const chunk of inspected.stream) void chunk;
      })(),
    ).rejects.toBeInstanceOf(UploadInterruptedError);
  });

  it('stops reading an endless source soon after the consumer gives up (at most a batch or two ahead)', async () => {
    let pulled = 0;
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(pulled === 1 ? Buffer.from('%PDF-1.7\n') : Buffer.alloc(64 * 1024, 0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const inspected = inspectUpload(source, limits);
    for await (const chunk of inspected.stream) {
      void chunk;
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(cancelled).toBe(true);
    expect(pulled * 64 * 1024).toBeLessThan(4 * 1024 * 1024);
  });
});

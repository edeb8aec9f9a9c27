import { describe, expect, it, vi } from 'vitest';
import type { FileView } from '@ratsmappe/shared';
import {
  encodeFileNameHeader,
  fileRoleSchema,
  fileUploadQuerySchema,
  idempotencyKeyPattern,
} from '@ratsmappe/shared/schemas/file';
import {
  fileNameHeader,
  fileRoles,
  initialUploadState,
  nextUploadState,
  rejectionReason,
  uploadFile,
  uploadUrl,
  type UploadEvent,
} from './upload';

const file = { id: 'f1', name: 'Anlage' } as FileView;

describe('the upload state machine', () => {
  it('goes from uploading with progress to checking to done', () => {
    let state = initialUploadState(1000);
    state = nextUploadState(state, { type: 'progress', loaded: 400, total: 1000 });
    expect(state).toEqual({ status: 'uploading', loaded: 400, total: 1000 });
    state = nextUploadState(state, { type: 'progress', loaded: 1000, total: 1000 });
    expect(state).toEqual({ status: 'checking' });
    state = nextUploadState(state, { type: 'accepted', file });
    expect(state).toEqual({ status: 'done', file });
  });

  it('waits for the server once the last byte is sent, even without a final progress event', () => {
    expect(nextUploadState(initialUploadState(10), { type: 'sent' })).toEqual({ status: 'checking' });
  });

  it('ignores late progress events after the check has started or the upload has settled', () => {
    const checking = nextUploadState(initialUploadState(10), { type: 'sent' });
    expect(nextUploadState(checking, { type: 'progress', loaded: 5, total: 10 })).toBe(checking);
    const rejected = nextUploadState(checking, { type: 'rejected', reason: 'kein PDF' });
    expect(nextUploadState(rejected, { type: 'progress', loaded: 10, total: 10 })).toBe(rejected);
    expect(nextUploadState(rejected, { type: 'accepted', file })).toBe(rejected);
  });

  it('keeps the reason of a refusal', () => {
    expect(nextUploadState(initialUploadState(10), { type: 'rejected', reason: 'verschlüsselt' })).toEqual({
      status: 'rejected',
      reason: 'verschlüsselt',
    });
  });
});

describe('rejectionReason', () => {
  it('shows the server message followed by the field issues', () => {
    const body = JSON.stringify({
      error: {
        code: 'unsupported_media_type',
        message: 'Dieser Dateityp wird nicht angenommen.',
        issues: [{ path: 'file', message: 'Die PDF-Datei enthält JavaScript.' }],
      },
    });
    expect(rejectionReason(body, 'fallback')).toBe(
      'Dieser Dateityp wird nicht angenommen. Die PDF-Datei enthält JavaScript.',
    );
  });

  it('falls back when the answer is not an error body', () => {
    expect(rejectionReason('<html>Bad Gateway</html>', 'Keine Verbindung')).toBe('Keine Verbindung');
    expect(rejectionReason('{"foo":1}', 'Keine Verbindung')).toBe('Keine Verbindung');
  });
});

class FakeXhr {
  headers: Record<string, string> = {};
  method = '';
  url = '';
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  aborted = false;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
  }
  answer(status: number, payload: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(payload);
    this.onload?.();
  }
}

function start(name = 'Anlage 3 – Lageplan.pdf', options: { retries?: number } = {}) {
  const sent: FakeXhr[] = [];
  const events: UploadEvent[] = [];
  const pdf = new File(['%PDF-1.7'], name, { type: 'application/pdf' });
  const abort = uploadFile(
    {
      url: '/api/meetings/m1/files',
      file: pdf,
      locale: 'de',
      fallbackReason: 'Fehler',
      onEvent: (e) => events.push(e),
      retries: options.retries ?? 0,
      retryDelayMs: 0,
    },
    () => {
      const xhr = new FakeXhr();
      sent.push(xhr);
      return xhr as unknown as XMLHttpRequest;
    },
  );
  return { xhr: sent[0]!, sent, events, pdf, abort };
}

describe('fileNameHeader', () => {
  it('encodes like the shared contract', () => {
    for (const name of ['Anlage 3 – Lageplan.pdf', 'Größe & Maß (final).pdf', 'a%b#c?.pdf']) {
      expect(fileNameHeader(name)).toBe(encodeFileNameHeader(name));
    }
  });
});

describe('uploadUrl', () => {
  it('names the same roles as the shared contract', () => {
    expect([...fileRoles].sort()).toEqual([...fileRoleSchema.options].sort());
  });

  it('carries role, publicity and a trimmed display name that the server reads back', () => {
    const url = uploadUrl('/api/meetings/m1/files', {
      role: 'results_protocol',
      name: '  Niederschrift 12. Sitzung & Anlagen ',
      public: true,
    });
    expect(url.startsWith('/api/meetings/m1/files?')).toBe(true);
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    expect(fileUploadQuerySchema.parse(query)).toEqual({
      role: 'results_protocol',
      public: true,
      name: 'Niederschrift 12. Sitzung & Anlagen',
    });
  });

  it('leaves the display name to the server when it is blank', () => {
    const url = uploadUrl('/api/papers/p1/files', { role: 'main', name: '   ', public: false });
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    expect(query).toEqual({ role: 'main', public: 'false' });
  });
});

describe('uploadFile', () => {
  it('posts the raw file with a percent-encoded name and the PDF type', () => {
    const { xhr, pdf } = start();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/meetings/m1/files');
    expect(xhr.body).toBe(pdf);
    expect(xhr.headers['Content-Type']).toBe('application/pdf');
    expect(xhr.headers['X-File-Name']).toBe('Anlage%203%20%E2%80%93%20Lageplan.pdf');
    expect(xhr.headers['Accept-Language']).toBe('de');
  });

  it('reports progress, the end of sending and the accepted file', () => {
    const { xhr, events } = start();
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 3, total: 8 } as ProgressEvent);
    xhr.upload.onload?.();
    xhr.answer(201, file);
    expect(events).toEqual([{ type: 'progress', loaded: 3, total: 8 }, { type: 'sent' }, { type: 'accepted', file }]);
  });

  it('reports a refusal with the server reason, and a network failure with the fallback', () => {
    const refused = start();
    refused.xhr.answer(415, { error: { code: 'unsupported_media_type', message: 'Kein PDF.' } });
    expect(refused.events).toEqual([{ type: 'rejected', reason: 'Kein PDF.' }]);
    const lost = start();
    lost.xhr.onerror?.();
    expect(lost.events).toEqual([{ type: 'rejected', reason: 'Fehler' }]);
  });

  it('sends a fresh X-Idempotency-Key with each file attempt', () => {
    const first = start();
    const second = start();
    const key = first.xhr.headers['X-Idempotency-Key'];
    // The server's own rule for keys.
    expect(key).toMatch(idempotencyKeyPattern);
    expect(second.xhr.headers['X-Idempotency-Key']).not.toBe(key);
  });

  it('resends after a lost answer with the same key, and gives up with the fallback reason', async () => {
    vi.useFakeTimers();
    try {
      const { sent, events } = start('Anlage.pdf', { retries: 2 });
      sent[0]!.onerror?.();
      await vi.runAllTimersAsync();
      expect(sent).toHaveLength(2);
      expect(sent[1]!.headers['X-Idempotency-Key']).toBe(sent[0]!.headers['X-Idempotency-Key']);
      expect(sent[1]!.body).toBe(sent[0]!.body);
      sent[1]!.answer(201, file);
      expect(events).toEqual([{ type: 'accepted', file }]);

      const failing = start('Anlage.pdf', { retries: 2 });
      for (let attempt = 0; attempt < 3; attempt++) {
        failing.sent[attempt]!.onerror?.();
        await vi.runAllTimersAsync();
      }
      expect(failing.sent).toHaveLength(3);
      expect(failing.events).toEqual([{ type: 'rejected', reason: 'Fehler' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not resend once aborted', async () => {
    vi.useFakeTimers();
    try {
      const { sent, abort } = start('Anlage.pdf', { retries: 2 });
      sent[0]!.onerror?.();
      abort();
      await vi.runAllTimersAsync();
      expect(sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('can be aborted', () => {
    const { xhr, abort } = start();
    abort();
    expect(xhr.aborted).toBe(true);
  });
});

import type { FileView } from '@ratsmappe/shared';
import type { Locale } from '../../i18n/locale';
import { isErrorResponse } from '../../data/api';

/**
 * One file's way through an upload: bytes going out ("wird hochgeladen"), bytes sent and the server inspecting the
 * PDF ("wird geprüft"), then accepted or refused with the server's reason. Pure transitions; the XHR only feeds
 * events in, so the states can be tested without a network.
 */
export type UploadState =
  | { status: 'uploading'; loaded: number; total: number }
  | { status: 'checking' }
  | { status: 'done'; file: FileView }
  | { status: 'rejected'; reason: string };

export type UploadEvent =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'sent' }
  | { type: 'accepted'; file: FileView }
  | { type: 'rejected'; reason: string };

export function initialUploadState(size: number): UploadState {
  return { status: 'uploading', loaded: 0, total: size };
}

export function nextUploadState(state: UploadState, event: UploadEvent): UploadState {
  // A settled upload stays settled: a late progress event must not bring back a progress bar.
  if (state.status === 'done' || state.status === 'rejected') return state;
  switch (event.type) {
    case 'progress':
      if (state.status !== 'uploading') return state;
      return event.loaded >= event.total && event.total > 0
        ? { status: 'checking' }
        : { status: 'uploading', loaded: event.loaded, total: event.total };
    case 'sent':
      return { status: 'checking' };
    case 'accepted':
      return { status: 'done', file: event.file };
    case 'rejected':
      return { status: 'rejected', reason: event.reason };
  }
}

/** The server's reason for a refusal: its localized message, then the field issues (which name the PDF problem). */
export function rejectionReason(responseText: string, fallback: string): string {
  let payload: unknown;
  try {
    payload = JSON.parse(responseText);
  } catch {
    return fallback;
  }
  if (!isErrorResponse(payload)) return fallback;
  const issues = (payload.error.issues ?? []).map((issue) => issue.message).filter((m) => m !== payload.error.message);
  return [payload.error.message, ...issues].join(' ');
}

export interface UploadRequest {
  url: string;
  file: File;
  locale: Locale;
  /** Text for a refusal without a usable answer (network gone, proxy page). */
  fallbackReason: string;
  onEvent: (event: UploadEvent) => void;
  /** `X-Idempotency-Key` of this file attempt; a new one when left out. Retries of the attempt reuse it. */
  idempotencyKey?: string;
  /** Resends after a failure without an answer (the reply may be lost; the key makes a repeat harmless). */
  retries?: number;
  retryDelayMs?: number;
}

/** A key for one file attempt: random, so no two attempts (or accounts) ever share one by accident. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `encodeFileNameHeader` of shared/schemas/file, restated: importing it would pull zod (~75 KB) into the office
 * chunk for one encodeURIComponent. upload.test.ts checks both agree.
 */
export function fileNameHeader(fileName: string): string {
  return encodeURIComponent(fileName);
}

/** File roles of shared/schemas/file (`fileRoleValues`), restated for the same reason; upload.test.ts compares. */
export const fileRoles = [
  'auxiliary',
  'main',
  'invitation',
  'results_protocol',
  'verbatim_protocol',
  'resolution',
] as const;
export type UploadRole = (typeof fileRoles)[number];

export interface UploadOptions {
  role: UploadRole;
  /** Display name; blank means the server's default (the file name without ".pdf"). */
  name?: string;
  public: boolean;
}

/** The upload URL with the query of `fileUploadQuerySchema`: role, display name, the office's wish on publicity. */
export function uploadUrl(base: string, options: UploadOptions): string {
  const params = new URLSearchParams({ role: options.role, public: String(options.public) });
  const name = options.name?.trim();
  if (name) params.set('name', name);
  return `${base}?${params.toString()}`;
}

/**
 * Sends one file as the raw request body with its own XHR (fetch has no upload progress). Returns an abort. When the
 * connection fails without an answer, the same request goes out again with the same `X-Idempotency-Key`: if the
 * first one had arrived, the server answers with its result instead of storing the file twice.
 */
export function uploadFile(request: UploadRequest, createXhr: () => XMLHttpRequest = () => new XMLHttpRequest()) {
  const { onEvent } = request;
  const key = request.idempotencyKey ?? newIdempotencyKey();
  let retriesLeft = request.retries ?? 2;
  let aborted = false;
  let current: XMLHttpRequest | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = () => {
    const xhr = createXhr();
    current = xhr;
    xhr.open('POST', request.url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', request.locale);
    xhr.setRequestHeader('Content-Type', 'application/pdf');
    xhr.setRequestHeader('X-File-Name', fileNameHeader(request.file.name));
    xhr.setRequestHeader('X-Idempotency-Key', key);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onEvent({ type: 'progress', loaded: event.loaded, total: event.total });
    };
    xhr.upload.onload = () => onEvent({ type: 'sent' });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          onEvent({ type: 'accepted', file: JSON.parse(xhr.responseText) as FileView });
        } catch {
          onEvent({ type: 'rejected', reason: request.fallbackReason });
        }
      } else {
        onEvent({ type: 'rejected', reason: rejectionReason(xhr.responseText, request.fallbackReason) });
      }
    };
    xhr.onerror = () => {
      if (aborted) return;
      if (retriesLeft > 0) {
        retriesLeft -= 1;
        timer = setTimeout(send, request.retryDelayMs ?? 1000);
        return;
      }
      onEvent({ type: 'rejected', reason: request.fallbackReason });
    };
    xhr.send(request.file);
  };
  send();
  return () => {
    aborted = true;
    clearTimeout(timer);
    current?.abort();
  };
}

/** PDFs only, as the server; anything else is refused before it is sent, with the same reason. */
export function looksLikePdf(file: File): boolean {
  return file.name.toLowerCase().endsWith('.pdf');
}

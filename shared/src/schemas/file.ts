import { z } from 'zod';
import { requiredText } from './common.js';
import type { Locale } from '../api/errors.js';

export const fileRoleValues = [
  'invitation',
  'results_protocol',
  'verbatim_protocol',
  'auxiliary',
  'main',
  'resolution',
] as const;
export const fileRoleSchema = z.enum(fileRoleValues);
export type FileRole = z.infer<typeof fileRoleSchema>;

export const fileOwnerTypes = ['meeting', 'agenda_item', 'paper'] as const;
export type FileOwnerType = (typeof fileOwnerTypes)[number];

/**
 * What an upload may be. Only PDF: the viewer, the councillors' annotations and the full-text search are built on
 * PDF, a PDF is what gets archived, and every office program and scanner can produce one. Office formats (zip
 * containers with macros and external links) and images would each need their own checks and viewer path.
 */
export const acceptedUploadTypes = [{ mimeType: 'application/pdf', extensions: ['.pdf'] }] as const;
/** Declared Content-Types we take for a PDF; the magic bytes decide, these only have to not contradict them. */
export const acceptedDeclaredTypes = ['application/pdf', 'application/x-pdf', 'application/octet-stream'] as const;

/**
 * Upload requests carry the raw file bytes as the body (one file per request) and these headers. The file name is
 * percent-encoded UTF-8 (`encodeURIComponent`), so "Anlage 3 – Lageplan.pdf" survives any proxy.
 */
export const uploadHeaders = {
  fileName: 'x-file-name',
  /**
   * Optional on uploads and new versions: a repeat with the same key by the same account (its answer was lost)
   * returns the first result and stores nothing new; the same key with another request is refused (409).
   */
  idempotencyKey: 'x-idempotency-key',
} as const;

/** What `X-Idempotency-Key` accepts: a UUID, or any 8 to 128 letters, digits and `-_.:`. */
export const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{8,128}$/;

export function encodeFileNameHeader(fileName: string): string {
  return encodeURIComponent(fileName);
}

/** Query of `POST /api/{meetings|agenda-items|papers}/:id/files`. */
export const fileUploadQuerySchema = z.object({
  role: fileRoleSchema.default('auxiliary'),
  /** The office's wish; a file added after the invitation still waits for an explicit confirmation. */
  public: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Display name; defaults to the file name without its extension. */
  name: requiredText(300).optional(),
});
export type FileUploadQuery = z.infer<typeof fileUploadQuerySchema>;

export const confirmFileVisibilitySchema = z.object({ public: z.boolean() });
export type ConfirmFileVisibility = z.infer<typeof confirmFileVisibilitySchema>;

export const fileVersionSchema = z.object({
  version: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  mimeType: z.string(),
  fileName: z.string(),
  created: z.string(),
  /** Root-relative: `/files/:fileId/versions/:version` and its `/download`. */
  accessUrl: z.string(),
  downloadUrl: z.string(),
});
export type FileVersion = z.infer<typeof fileVersionSchema>;

export const fileSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  role: fileRoleSchema,
  owner: z.object({ type: z.enum(fileOwnerTypes), id: z.uuid() }),
  position: z.number().int(),
  date: z.string().nullable(),
  /** Effective publicity: the file's own flag and its owner's (a file of a non-public item is never public). */
  public: z.boolean(),
  /** False while a file added after the invitation waits for the office to decide on its visibility. */
  visibilityConfirmed: z.boolean(),
  visibilityConfirmedAt: z.string().nullable(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
  /** Root-relative: `/files/:fileId` (inline) and `/files/:fileId/download` (attachment), current version. */
  accessUrl: z.string(),
  downloadUrl: z.string(),
  current: fileVersionSchema.nullable(),
  /** Newest first; old versions stay because annotations point at them. */
  versions: z.array(fileVersionSchema),
});
export type FileView = z.infer<typeof fileSchema>;

/** Why an upload was refused; the message goes to the office as it is. */
export const uploadRejectionReasons = [
  'file_name',
  'declared_type',
  'not_pdf',
  'javascript',
  'launch',
  'additional_actions',
  'embedded_file',
  'rich_media',
  'xfa',
  'form_action',
  'encrypted',
  'uninspectable',
  'truncated',
] as const;
export type UploadRejectionReason = (typeof uploadRejectionReasons)[number];

export const uploadRejectionMessages: Record<Locale, Record<UploadRejectionReason, string>> = {
  de: {
    file_name: 'Es werden nur PDF-Dateien angenommen; der Dateiname muss auf „.pdf“ enden.',
    declared_type: 'Es werden nur PDF-Dateien angenommen; der Browser hat einen anderen Dateityp gemeldet.',
    not_pdf: 'Die Datei ist kein PDF-Dokument (die PDF-Kennung „%PDF-“ fehlt am Dateianfang).',
    javascript: 'Die PDF-Datei enthält JavaScript. Bitte ohne Skripte neu als PDF speichern (z. B. „Drucken als PDF“).',
    launch: 'Die PDF-Datei enthält eine Aktion, die Programme startet oder fremde Dateien öffnet.',
    additional_actions: 'Die PDF-Datei enthält automatisch ausgelöste Aktionen (/AA).',
    embedded_file: 'Die PDF-Datei enthält eingebettete Dateien. Bitte Anlagen als eigene PDF-Dateien hochladen.',
    rich_media: 'Die PDF-Datei enthält eingebettete Multimedia-Inhalte.',
    xfa: 'Die PDF-Datei ist ein XFA-Formular. Bitte als normales PDF speichern.',
    form_action: 'Die PDF-Datei enthält ein Formular, das Daten versendet oder nachlädt.',
    encrypted:
      'Die PDF-Datei ist verschlüsselt oder kennwortgeschützt und kann nicht geprüft werden. Bitte ohne Schutz speichern.',
    uninspectable: 'Der Aufbau der PDF-Datei ist beschädigt oder verschleiert; sie kann nicht geprüft werden.',
    truncated: 'Die PDF-Datei ist unvollständig (das Dateiende „%%EOF“ fehlt).',
  },
  en: {
    file_name: 'Only PDF files are accepted; the file name must end in ".pdf".',
    declared_type: 'Only PDF files are accepted; the browser reported a different file type.',
    not_pdf: 'The file is not a PDF document (the "%PDF-" signature is missing at its start).',
    javascript: 'The PDF contains JavaScript. Please save it again without scripts (e.g. "Print to PDF").',
    launch: 'The PDF contains an action that starts programs or opens other files.',
    additional_actions: 'The PDF contains automatically triggered actions (/AA).',
    embedded_file: 'The PDF contains embedded files. Please upload attachments as separate PDF files.',
    rich_media: 'The PDF contains embedded multimedia content.',
    xfa: 'The PDF is an XFA form. Please save it as a plain PDF.',
    form_action: 'The PDF contains a form that submits or imports data.',
    encrypted: 'The PDF is encrypted or password-protected and cannot be inspected. Please save it without protection.',
    uninspectable: 'The PDF structure is damaged or obfuscated; it cannot be inspected.',
    truncated: 'The PDF is incomplete (the "%%EOF" end marker is missing).',
  },
};

/** Messages for answers the shared error codes do not cover. */
export const fileMessages: Record<
  Locale,
  {
    gone: string;
    ownerNotPublic: string;
    withdrawn: string;
    detected: string;
    idempotencyKeyReused: string;
    idempotencyKeyInvalid: string;
  }
> = {
  de: {
    gone: 'Diese Datei wurde zurückgezogen.',
    ownerNotPublic: 'Dateien nicht öffentlicher Tagesordnungspunkte oder Vorlagen können nicht veröffentlicht werden.',
    withdrawn: 'Diese Datei wurde zurückgezogen und kann nicht mehr geändert werden.',
    detected: 'Erkannt',
    idempotencyKeyReused:
      'Dieser Upload-Schlüssel (X-Idempotency-Key) wurde bereits für eine andere Datei oder ein anderes Ziel verwendet. Bitte laden Sie die Datei erneut hoch.',
    idempotencyKeyInvalid:
      'Der Upload-Schlüssel (X-Idempotency-Key) muss 8 bis 128 Buchstaben, Ziffern oder -_.: enthalten.',
  },
  en: {
    gone: 'This file has been withdrawn.',
    ownerNotPublic: 'Files of non-public agenda items or papers cannot be made public.',
    withdrawn: 'This file has been withdrawn and can no longer be changed.',
    detected: 'Detected',
    idempotencyKeyReused:
      'This upload key (X-Idempotency-Key) was already used for another file or target. Please upload the file again.',
    idempotencyKeyInvalid: 'The upload key (X-Idempotency-Key) must be 8 to 128 letters, digits or -_.:.',
  },
};

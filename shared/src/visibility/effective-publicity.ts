/**
 * Invariant: content is public only if every container above it is public. A file of a non-public agenda item is
 * never public, whatever its own flag says; a file whose visibility the office has not confirmed is not public.
 * The server computes a resource's `public` with these functions before asking `mayRead`.
 */

export interface AgendaItemPublicity {
  public: boolean;
  /** The parent item's publicity for sub-items: a sub-item of a non-public item is non-public. */
  parentPublic?: boolean | undefined;
}

export function isAgendaItemPublic(item: AgendaItemPublicity): boolean {
  return item.public && item.parentPublic !== false;
}

export interface FilePublicity {
  public: boolean;
  /** Publicity of what the file is attached to (meeting, agenda item or paper), already effective. */
  ownerPublic: boolean;
}

export function isFilePublic(file: FilePublicity): boolean {
  return file.public && file.ownerPublic;
}

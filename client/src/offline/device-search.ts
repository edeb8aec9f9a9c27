/**
 * Invariant: once built, the search index holds exactly the papers, agenda items and documents (with the text of
 * each file's current version) that the device's tables hold after the last committed pull page. Every page's
 * written and deleted rows are read again and replace or remove their records; a sweep or the offline lease,
 * which delete rows outside any page, throw the index away, and it is rebuilt from the tables on next use. So
 * revoked content never stays findable.
 *
 * Built on first use only (a councillor who never searches pays nothing), on the page's thread in slices; the
 * records are read in one transaction, and pages applied while it is built are read again afterwards.
 */
import type { SyncEntity } from '@ratsmappe/shared';
import type { ApplyResult, TouchedRow } from './apply-page';
import type { UserDatabase } from './db';
import { currentVersions } from './keep-set';
import {
  agendaItemRecord,
  buildSearchIndexInSlices,
  documentRecord,
  paperRecord,
  recordKey,
  type SearchIndex,
  type SearchKind,
  type SearchOptions,
  type SearchRecord,
  type SearchResults,
} from './search-index';

const kindOfEntity: Partial<Record<SyncEntity, SearchKind>> = {
  paper: 'paper',
  agendaItem: 'agendaItem',
  file: 'document',
};

/** The search record a written or deleted row affects, as `kind:id`; null for rows the index does not hold. */
export function affectedRecord(row: TouchedRow): string | null {
  if (row.entity === 'fileVersion') return row.fileId ? recordKey('document', row.fileId) : null;
  const kind = kindOfEntity[row.entity];
  return kind ? recordKey(kind, row.id) : null;
}

/** Every record of the device, read in one transaction so the index starts from one consistent state. */
async function readAllRecords(db: UserDatabase): Promise<SearchRecord[]> {
  return db.transaction('r', db.paper, db.agendaItem, db.file, db.fileVersion, async () => {
    const [papers, items, files, versions] = await Promise.all([
      db.paper.toArray(),
      db.agendaItem.toArray(),
      db.file.toArray(),
      db.fileVersion.toArray(),
    ]);
    const current = new Map<string, (typeof versions)[number]>();
    for (const version of versions) {
      const known = current.get(version.fileId);
      if (!known || known.version < version.version) current.set(version.fileId, version);
    }
    const records: SearchRecord[] = [...papers.map(paperRecord), ...items.map(agendaItemRecord)];
    for (const file of files) {
      const version = current.get(file.id);
      if (version) records.push(documentRecord(file, version));
    }
    return records;
  });
}

/** The records behind `keys` as the tables hold them now; null where the row is gone. */
async function readRecords(db: UserDatabase, keys: readonly string[]): Promise<Map<string, SearchRecord | null>> {
  return db.transaction('r', db.paper, db.agendaItem, db.file, db.fileVersion, async () => {
    const result = new Map<string, SearchRecord | null>();
    const ids = (kind: SearchKind) =>
      keys.filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1));
    const paperIds = ids('paper');
    const itemIds = ids('agendaItem');
    const fileIds = ids('document');
    const [papers, items, files, versions] = await Promise.all([
      db.paper.bulkGet(paperIds),
      db.agendaItem.bulkGet(itemIds),
      db.file.bulkGet(fileIds),
      currentVersions(db, fileIds),
    ]);
    paperIds.forEach((id, i) => result.set(recordKey('paper', id), papers[i] ? paperRecord(papers[i]) : null));
    itemIds.forEach((id, i) => result.set(recordKey('agendaItem', id), items[i] ? agendaItemRecord(items[i]) : null));
    fileIds.forEach((id, i) => {
      const file = files[i];
      const version = versions.get(id);
      result.set(recordKey('document', id), file && version ? documentRecord(file, version) : null);
    });
    return result;
  });
}

function splitKey(key: string): [SearchKind, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as SearchKind, key.slice(at + 1)];
}

export class DeviceSearch {
  private index: SearchIndex | null = null;
  private building: Promise<SearchIndex> | null = null;
  /** Records changed while the index is being built: read again once it is there. */
  private changedDuringBuild = new Set<string>();
  /** Bumped by `invalidate`: a build that started before it is thrown away. */
  private generation = 0;
  /** Updates run one after another, so an older read never overwrites a newer one. */
  private updates: Promise<void> = Promise.resolve();
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: UserDatabase) {}

  /** Changes whenever results may have changed (built, updated, thrown away); for useSyncExternalStore. */
  readonly getVersion = (): number => this.version;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get built(): boolean {
    return this.index !== null;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  /** The index, built from the tables on first use. */
  ensure(): Promise<SearchIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<SearchIndex> {
    const generation = this.generation;
    this.changedDuringBuild.clear();
    const records = await readAllRecords(this.db);
    const index = await buildSearchIndexInSlices(records);
    if (generation !== this.generation) return this.ensure();
    this.index = index;
    this.building = null;
    const again = [...this.changedDuringBuild];
    this.changedDuringBuild.clear();
    if (again.length > 0) await this.update(again);
    this.changed();
    return index;
  }

  /** Follows one committed pull page. */
  applied(result: Pick<ApplyResult, 'touched' | 'swept'>): Promise<void> {
    if (result.swept) {
      this.invalidate();
      return Promise.resolve();
    }
    const keys = [...new Set(result.touched.map(affectedRecord).filter((key): key is string => key !== null))];
    if (keys.length === 0) return Promise.resolve();
    if (!this.index) {
      if (this.building) for (const key of keys) this.changedDuringBuild.add(key);
      return Promise.resolve();
    }
    return this.update(keys).then(() => this.changed());
  }

  private update(keys: readonly string[]): Promise<void> {
    const run = this.updates.then(async () => {
      const generation = this.generation;
      const records = await readRecords(this.db, keys);
      const index = this.index;
      if (!index || generation !== this.generation) return;
      for (const [key, record] of records) {
        if (record) index.add(record);
        else index.remove(...splitKey(key));
      }
    });
    // A failed read must not block later updates; the index is thrown away so the next use rebuilds it whole.
    this.updates = run.catch(() => this.invalidate());
    return this.updates;
  }

  /** Rows went outside any page (sweep, offline lease, wipe): rebuild from the tables on next use. */
  invalidate(): void {
    this.generation++;
    this.index = null;
    this.building = null;
    this.changedDuringBuild.clear();
    this.changed();
  }

  async search(query: string, options?: SearchOptions): Promise<SearchResults> {
    for (;;) {
      const index = await this.ensure();
      await this.updates;
      // Thrown away meanwhile (a sweep): never answer from it.
      if (this.index === index) return index.search(query, options);
    }
  }
}

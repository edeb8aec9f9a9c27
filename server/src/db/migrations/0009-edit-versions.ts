import { sql, type Kysely } from 'kysely';

/**
 * The version an office edit is based on, for meetings (with their agendas) and papers. It used to be `modified`,
 * but `modified` also moves when an embedded object changes (OParl's incremental update): a file uploaded to the
 * meeting, or the background job that extracts a file's text a few seconds later. The office then got "changed
 * meanwhile" for an edit nobody had raced. `edit_version` counts only the office's own writes to the meeting or
 * its agenda (and to the paper), each under the row lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table meeting add column edit_version integer not null default 1;
    alter table paper add column edit_version integer not null default 1;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table meeting drop column edit_version;
    alter table paper drop column edit_version;
  `.execute(db);
}

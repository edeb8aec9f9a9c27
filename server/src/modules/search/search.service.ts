import type { SearchQuery, SearchResponse, SearchResult } from '@ratsmappe/shared';
import { iso } from '../../db/rows.js';
import type { Principal } from '../access/access.service.js';
import { hitStart, hitStop, type SearchRepository, type SearchRow } from './search.repository.js';
import { snippetHtml } from './snippet.js';

/**
 * Full-text search over meetings, agenda items, papers and file texts. What a principal may not read is filtered
 * in SQL from `principal.scope` (the same AccessScope `mayRead` decides with), before ranking, counting and
 * snippets: hidden content changes neither `total` nor any page.
 */
export class SearchService {
  constructor(private readonly repository: SearchRepository) {}

  async search(principal: Principal, query: SearchQuery, bodyId: string | undefined): Promise<SearchResponse> {
    const filter = {
      q: query.q,
      type: query.type,
      bodyId,
      organizationId: query.organization,
      from: query.from,
      to: query.to,
      limit: query.limit,
      offset: (query.page - 1) * query.limit,
    };
    const found = await this.repository.search(principal.scope, filter);
    const total =
      found.rows.length === 0 && filter.offset > 0 ? await this.repository.count(principal.scope, filter) : found.total;
    return { query: query.q, total, page: query.page, limit: query.limit, results: found.rows.map(toResult) };
  }
}

function toResult(row: SearchRow): SearchResult {
  return {
    type: row.type,
    id: row.id,
    bodyId: row.body_id,
    bodySlug: row.body_slug,
    title: row.title,
    snippet: snippetHtml(row.headline, hitStart, hitStop),
    date: row.sort_date,
    reference: row.reference,
    rank: row.rank,
    meeting:
      row.meeting_id && row.meeting_name && row.meeting_start
        ? { id: row.meeting_id, name: row.meeting_name, start: iso(row.meeting_start) }
        : null,
    paper:
      row.paper_id && row.paper_name
        ? { id: row.paper_id, name: row.paper_name, reference: row.paper_reference }
        : null,
    agendaItem: row.item_id && row.item_name ? { id: row.item_id, number: row.item_number, name: row.item_name } : null,
    file:
      row.type === 'file' && row.file_name && row.mime_type && row.version !== null
        ? {
            fileName: row.file_name,
            mimeType: row.mime_type,
            version: row.version,
            page: row.page ? Number(row.page) : null,
          }
        : null,
  };
}

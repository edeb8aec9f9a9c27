import { Hono, type Context } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { notFound } from '../../errors.js';

const uuidWithExtension = (name: string, extension: string) => {
  const match = new RegExp(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.${extension}$`, 'i').exec(
    name,
  );
  if (!match?.[1]) throw notFound();
  return match[1].toLowerCase();
};

/**
 * Public, anonymous doors: `/ical/body/:id.ics`, `/ical/organization/:id.ics`, `/ical/meeting/:id.ics` (one event,
 * for "add to calendar") and `/feeds/body/:id.atom`.
 */
export function calendarFeedRoutes(ctx: AppContext) {
  const { bodies, calendarFeeds } = ctx.services;
  const publicHeaders = (c: Context<AppEnv>, contentType: string) => {
    c.header('Content-Type', contentType);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
  };
  return new Hono<AppEnv>()
    .get('/ical/body/:name', async (c) => {
      const body = await bodies.get(uuidWithExtension(c.req.param('name'), 'ics'));
      publicHeaders(c, 'text/calendar; charset=utf-8');
      return c.body(await calendarFeeds.bodyCalendar(body));
    })
    .get('/ical/organization/:name', async (c) => {
      const organizationId = uuidWithExtension(c.req.param('name'), 'ics');
      const body = await bodies.get(await calendarFeeds.organizationBody(organizationId));
      publicHeaders(c, 'text/calendar; charset=utf-8');
      return c.body(await calendarFeeds.organizationCalendar(body, organizationId));
    })
    .get('/ical/meeting/:name', async (c) => {
      const meetingId = uuidWithExtension(c.req.param('name'), 'ics');
      const body = await bodies.get(await calendarFeeds.meetingBody(meetingId));
      publicHeaders(c, 'text/calendar; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="sitzung-${meetingId}.ics"`);
      return c.body(await calendarFeeds.meetingCalendar(body, meetingId));
    })
    .get('/feeds/body/:name', async (c) => {
      const bodyId = uuidWithExtension(c.req.param('name'), 'atom');
      const body = await bodies.get(bodyId);
      publicHeaders(c, 'application/atom+xml; charset=utf-8');
      return c.body(await calendarFeeds.bodyAtom(body, `${ctx.config.publicUrl}/feeds/body/${body.id}.atom`));
    });
}

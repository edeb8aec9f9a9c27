import { z } from 'zod';
import { isoDateSchema, optionalText, requiredText } from './common.js';

export const paperTypes = ['Beschlussvorlage', 'Antrag', 'Anfrage', 'Mitteilung', 'Stellungnahme'] as const;
export const paperTypeSchema = z.enum(paperTypes);
export type PaperType = z.infer<typeof paperTypeSchema>;

export const paperSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  reference: z.string().nullable(),
  date: z.string().nullable(),
  paperType: z.string(),
  public: z.boolean(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Paper = z.infer<typeof paperSchema>;

export const createPaperSchema = z.object({
  name: requiredText(500),
  reference: optionalText(50),
  date: isoDateSchema,
  paperType: paperTypeSchema,
  bodyText: optionalText(100_000),
  public: z.boolean().default(false),
});
export type CreatePaper = z.infer<typeof createPaperSchema>;

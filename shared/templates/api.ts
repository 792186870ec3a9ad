/** Templates over HTTP: `GET /api/templates`, and what `POST /api/rooms` accepts to start from one. */
import { z } from 'zod';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './builtIn';
import { TemplateLanguageSchema, TemplateSchema, inLanguage, type Template, type TemplateLanguage } from './schema';

/** Added to CreateRoomBody: a built-in template by id, or a saved template file; the room's language. */
export const TemplateChoiceFields = {
  template: z.string().min(1).max(40).optional(),
  language: TemplateLanguageSchema.optional(),
  templateFile: TemplateSchema.optional(),
};

const Both = z.object({ it: z.string(), en: z.string() });
export const TemplateSummary = z.object({ id: z.string(), title: Both, description: Both, sectors: z.array(z.string()) });
export type TemplateSummary = z.infer<typeof TemplateSummary>;
export const TemplatesResponse = z.object({ templates: z.array(TemplateSummary) });
export type TemplatesResponse = z.infer<typeof TemplatesResponse>;

const both = (t: Template, field: 'title' | 'description') => {
  const v = t[field] ?? '';
  return { it: inLanguage(v, 'it'), en: inLanguage(v, 'en') };
};

export const templateSummaries = (): TemplatesResponse => ({
  templates: BUILT_IN_TEMPLATES.map((t) => ({ id: t.id!, title: both(t, 'title'), description: both(t, 'description'), sectors: [...t.sectors] })),
});

/** Rooms are in Italian unless asked otherwise: Tavolo's networks are mostly Italian. */
export const DEFAULT_TEMPLATE_LANGUAGE: TemplateLanguage = 'it';

export type TemplateChoice =
  | { ok: true; template: Template | null; language: TemplateLanguage }
  | { ok: false; code: 'unknown_template' | 'invalid_body'; message: string };

/** The template a create-room body asks for (null: a blank board), or why it cannot be used. */
export function chooseTemplate(body: { template?: string; templateFile?: Template; language?: TemplateLanguage }): TemplateChoice {
  const language = body.language ?? DEFAULT_TEMPLATE_LANGUAGE;
  if (body.template !== undefined && body.templateFile !== undefined) {
    return { ok: false, code: 'invalid_body', message: 'send either "template" or "templateFile", not both' };
  }
  if (body.templateFile) return { ok: true, template: body.templateFile, language };
  if (body.template === undefined) return { ok: true, template: null, language };
  const template = builtInTemplate(body.template);
  if (!template) {
    const known = BUILT_IN_TEMPLATES.map((t) => t.id).join(', ');
    return { ok: false, code: 'unknown_template', message: `No template "${body.template.slice(0, 40)}"; known: ${known}` };
  }
  return { ok: true, template, language };
}

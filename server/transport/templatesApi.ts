/**
 * Templates over HTTP: `GET /api/templates` lists the built-in ones, and
 * `templateStart` turns a create-room body's template choice into the
 * room's title and the seed RoomRegistry.create writes into its first update.
 */
import type express from 'express';
import type * as Y from 'yjs';
import { applyTemplate, chooseTemplate, templateSummaries, templateTitle, type Template, type TemplateLanguage } from '../../shared/templates';

export function mountTemplates(api: express.Router): void {
  const body = templateSummaries();
  api.get('/templates', (_req, res) => {
    res.json(body);
  });
}

export type TemplateStart =
  | { ok: true; title: string; seed?: (doc: Y.Doc, createdAt: number) => void }
  | { ok: false; code: string; message: string };

export function templateStart(body: { title: string; template?: string; templateFile?: Template; language?: TemplateLanguage }): TemplateStart {
  const choice = chooseTemplate(body);
  if (!choice.ok) return choice;
  const { template, language } = choice;
  if (!template) return { ok: true, title: body.title };
  return {
    ok: true,
    title: templateTitle(template, language, body.title),
    seed: (doc, createdAt) => applyTemplate(doc, template, language, { title: body.title, now: createdAt }),
  };
}

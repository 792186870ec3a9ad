/**
 * Templates over HTTP: `GET /api/templates` lists the built-in ones, and
 * `templateStart` turns a create-room body's template choice into the
 * room's title and the seed RoomRegistry.create writes into its first update.
 */
import type express from 'express';
import type * as Y from 'yjs';
import { SessionFields, checked } from '../../shared/documentSchemas';
import { sessionOf } from '../../shared/schema';
import type { RoomSeed } from '../rooms/roomRegistry';
import { applyTemplate, chooseTemplate, templateSummaries, templateTitle, type Template, type TemplateLanguage } from '../../shared/templates';

export function mountTemplates(api: express.Router): void {
  const body = templateSummaries();
  api.get('/templates', (_req, res) => {
    res.json(body);
  });
}

export type TemplateStart =
  | { ok: true; title: string; seed?: RoomSeed }
  | { ok: false; code: string; message: string };

export function templateStart(body: { title: string; template?: string; templateFile?: Template; language?: TemplateLanguage }): TemplateStart {
  const choice = chooseTemplate(body);
  if (!choice.ok) return choice;
  const { template, language } = choice;
  // The room remembers the language it was opened in only when one was asked
  // for: reports and exports default to it, else to the reader's browser.
  const remember = (doc: Y.Doc): void => {
    if (body.language) sessionOf(doc).set('language', checked(SessionFields.language, body.language, 'language'));
  };
  if (!template) return { ok: true, title: body.title, seed: (doc) => remember(doc) };
  return {
    ok: true,
    title: templateTitle(template, language, body.title),
    seed: (doc, { createdAt }) => {
      applyTemplate(doc, template, language, { title: body.title, now: createdAt });
      remember(doc);
    },
  };
}

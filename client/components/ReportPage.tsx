/**
 * The printable workshop report (`/r/:roomId/report`, facilitator): cover,
 * participants by sector, prompts, priorities, scenarios with their notes,
 * the action plan. It reads the board from the export endpoint and derives
 * everything with shared/export/summary.ts, as the Markdown report does.
 * Every text people typed is a React text node: markup in a note shows as
 * the characters it is made of.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardExport } from '../../shared/export/boardJson';
import { summarizeBoard, type BoardSummary } from '../../shared/export/summary';
import { SECTORS, type Sector } from '../../shared/schema';
import type { ItemResult } from '../../shared/scoring';
import { clearFragment, readFragment } from '../lib/access';
import { ExportFailed, facilitatorToken, fetchBoard } from '../lib/exports';
import { boardPath } from '../lib/route';
import { ReportSectorChart } from './ReportSectorChart';
import '../styles/Report.css';

type State = { kind: 'loading' } | { kind: 'forbidden' } | { kind: 'error' } | { kind: 'ready'; file: BoardExport };

export function ReportPage({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const [fragmentToken] = useState(() => readFragment(window.location.hash).token);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    if (fragmentToken) clearFragment();
    const token = fragmentToken ?? facilitatorToken(roomId);
    if (!token) {
      setState({ kind: 'forbidden' });
      return;
    }
    let cancelled = false;
    fetchBoard(roomId, token).then(
      ({ file }) => !cancelled && setState({ kind: 'ready', file }),
      (err: unknown) => !cancelled && setState({ kind: err instanceof ExportFailed && err.status === 401 ? 'forbidden' : 'error' }),
    );
    return () => {
      cancelled = true;
    };
  }, [roomId, fragmentToken]);

  const title = state.kind === 'ready' ? state.file.board.session.title : '';
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    // The browser prints the page title in the PDF's header and offers it as the file name.
    document.title = `${title} — ${t('report.pageTitle')}`;
    return () => {
      document.title = before;
    };
  }, [title, t]);

  if (state.kind === 'loading') return <div className="loading">{t('report.loading')}</div>;
  if (state.kind !== 'ready') {
    return (
      <main className="page page-center">
        <p className="card" role="alert">
          {t(state.kind === 'forbidden' ? 'report.forbidden' : 'report.error')}
        </p>
      </main>
    );
  }
  return <Report roomId={roomId} file={state.file} />;
}

function Report({ roomId, file }: { roomId: string; file: BoardExport }) {
  const { t, i18n } = useTranslation();
  const sum = summarizeBoard(file.board);
  const date = new Date(sum.createdAt).toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric' });
  const p = sum.participants;
  return (
    <main className="report">
      <nav className="report-toolbar">
        <a className="btn btn-ghost" href={boardPath(roomId)}>
          {t('report.back')}
        </a>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </nav>
      <section className="report-cover" data-report-cover>
        <p className="report-kicker">{t('report.pageTitle')}</p>
        <h1>{sum.title}</h1>
        <p>{t('report.date', { date })}</p>
        <ul className="report-counts">
          <li>{t('report.people', { count: p.total })}</li>
          <li>{t('report.notes', { count: file.board.notes.length })}</li>
          <li>{t('report.scenarios', { count: file.board.scenarios.length })}</li>
          <li>{t('report.actions', { count: file.board.actions.length })}</li>
        </ul>
        <h2>{t('report.sectorChart')}</h2>
        <ReportSectorChart bySector={p.bySector} />
        <p>{t('report.where', { room: p.byWhere.room, remote: p.byWhere.remote })}</p>
        {sum.prompts.length > 0 && (
          <>
            <h2>{t('report.prompts')}</h2>
            <dl className="report-prompts">
              {sum.prompts.map((pr) => (
                <div key={pr.phase}>
                  <dt>{t(`phases.${pr.phase}`)}</dt>
                  <dd>{pr.text}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </section>
      <Priorities sum={sum} />
      <Scenarios sum={sum} />
      <ActionPlan sum={sum} />
    </main>
  );
}

function sectorCell(item: ItemResult, sector: Sector, hidden: string): string {
  const cell = item.bySector[sector];
  return cell ? String(cell.dots) : hidden;
}

function Priorities({ sum }: { sum: BoardSummary }) {
  const { t } = useTranslation();
  const r = sum.result;
  return (
    <section className="report-section" data-report-priorities>
      <h2>{t('report.priorities')}</h2>
      {!r ? (
        <p>{t('report.noVotes')}</p>
      ) : (
        <>
          <p>{r.round === 0 ? t('report.openTally', { voters: r.voters, dots: r.dotsCast }) : t('report.round', { round: r.round, voters: r.voters, dots: r.dotsCast })}</p>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.rank')}</th>
                <th scope="col">{t('report.item')}</th>
                <th scope="col">{t('report.dots')}</th>
                <th scope="col">{t('report.bridging')}</th>
                {SECTORS.map((s) => (
                  <th key={s} scope="col">
                    {t(`sector.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sum.priorities.map((item) => (
                <tr key={item.id} data-item-id={item.id}>
                  <td>{item.rank}</td>
                  <td className="report-label">{sum.itemLabel(item.id) ?? item.label}</td>
                  <td>{item.dots}</td>
                  <td>{item.bridging === null ? t('report.hidden') : `${Math.round(item.bridging * 100)} %`}</td>
                  {SECTORS.map((s) => (
                    <td key={s}>{sectorCell(item, s, t('report.hidden'))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="report-footnote">{t('report.guard', { k: r.k })}</p>
        </>
      )}
    </section>
  );
}

function Scenarios({ sum }: { sum: BoardSummary }) {
  const { t } = useTranslation();
  return (
    <section className="report-section" data-report-scenarios>
      <h2>{t('report.notesByScenario')}</h2>
      {sum.groups.length === 0 && <p>{t('report.noNotes')}</p>}
      {sum.groups.map((g) => (
        <div key={g.scenario?.id ?? 'loose'} className="report-group">
          <h3>{g.scenario ? g.scenario.name || t('report.none') : t('report.noScenario')}</h3>
          {g.notes.length === 0 ? (
            <p>{t('report.noNotes')}</p>
          ) : (
            <ul className="report-notes">
              {g.notes.map((n) => (
                <li key={n.id} className={`report-note note-${n.color}`} data-note-id={n.id}>
                  <span className="report-note-text">{n.text}</span>
                  <span className="report-note-who">{n.byFacilitator ? t('report.facilitator') : t(`sector.${n.authorSector}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

function ActionPlan({ sum }: { sum: BoardSummary }) {
  const { t } = useTranslation();
  const org = (o: { name: string; sector: Sector }): string => `${o.name} (${t(`sector.${o.sector}`)})`;
  return (
    <section className="report-section" data-report-actions>
      <h2>{t('report.actionPlan')}</h2>
      {sum.actions.length === 0 && <p>{t('report.noActions')}</p>}
      {sum.actions.map((a) => {
        const answers = a.fromItemId ? sum.itemLabel(a.fromItemId) : null;
        return (
          <article key={a.id} className="report-action">
            <h3>{a.title || t('report.none')}</h3>
            <dl>
              {answers && <Field label={t('report.answers')} value={answers} />}
              <Field label={t('report.objective')} value={a.objective} />
              <Field label={t('report.actionsField')} value={a.actions} />
              <Field label={t('report.resources')} value={a.resources} />
              <Field label={t('report.timeline')} value={a.timeline} />
              <Field label={t('report.lead')} value={a.lead ? org(a.lead) : t('report.none')} />
              <Field label={t('report.partners')} value={a.partners.length ? a.partners.map(org).join(', ') : t('report.none')} />
            </dl>
            <h4>{t('report.commitments')}</h4>
            <ul className="report-commitments">
              {SECTORS.map((s) => {
                const c = a.commitments[s];
                return (
                  <li key={s}>
                    <strong>{t(`sector.${s}`)}</strong>: {c ? [c.name, c.note].filter(Boolean).join(' — ') : <em>{t('report.notYet')}</em>}
                  </li>
                );
              })}
            </ul>
          </article>
        );
      })}
    </section>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  if (!value.trim()) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

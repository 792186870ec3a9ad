/**
 * The facilitator's voting section, shown in Priorities only: the round and
 * its state, how many of the people present have voted (never what), Reveal
 * results (asking first when fewer than half have voted) / New round, and
 * the voting settings (mode, most dots on one item, anonymity threshold,
 * balanced counts).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ANONYMITY_K, setVoteSettings } from '../../shared/voting';
import { useBoard } from '../hooks/useBoard';
import { useVoting } from '../hooks/useVoting';
import { VotingStatusLine } from './VotingStatusLine';

const MAX_PER_ITEM = 50;

/** A whole number within bounds, or null to leave the setting as it is. */
const wholeIn = (raw: string, lo: number, hi: number): number | null => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : null;
};

/** Revealing with fewer than this share of the people present having voted asks first. */
const FEW_VOTERS_SHARE = 0.5;

/** Whether revealing now deserves a second thought: fewer than half of those present have voted. */
const fewHaveVoted = (voters: number, present: number): boolean => voters < present * FEW_VOTERS_SHARE;

export function VotingControls({ present }: { present: number }) {
  const { t } = useTranslation();
  const { doc, control } = useBoard();
  const { settings, status, voters } = useVoting();
  const [confirming, setConfirming] = useState(false);
  const secret = settings.mode === 'secret';
  const voted = voters ?? 0;
  const reveal = (): void => {
    setConfirming(false);
    control.send({ t: 'revealVotes' });
  };
  return (
    <section className="panel-section voting-controls" aria-labelledby="voting-title">
      <h3 id="voting-title" className="panel-title">
        {t('voting.title')}
      </h3>
      <VotingStatusLine />
      {secret && status.state === 'open' && (
        <p className="vote-progress" role="status" data-voters={voted} data-present={present}>
          {t('voting.progress', { count: voted })} {t('voting.present', { count: present })}
        </p>
      )}
      {secret && status.state === 'open' && !confirming && (
        <div className="panel-row">
          <button type="button" className="btn btn-primary btn-small" onClick={() => (fewHaveVoted(voted, present) ? setConfirming(true) : reveal())}>
            {t('voting.reveal')}
          </button>
        </div>
      )}
      {secret && status.state === 'open' && confirming && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="reveal-confirm-text">
          <p id="reveal-confirm-text">{t('voting.confirmFew', { count: voted, present })}</p>
          <div className="panel-row">
            <button type="button" className="btn btn-danger btn-small" onClick={reveal}>
              {t('voting.revealAnyway')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" autoFocus onClick={() => setConfirming(false)}>
              {t('voting.keepOpen')}
            </button>
          </div>
        </div>
      )}
      {secret && status.state === 'revealed' && (
        <>
          <p className="voting-closed muted small" role="status" data-voting-closed>
            {t('voting.closedFacilitator', { round: status.round })}
          </p>
          <div className="panel-row">
            <button type="button" className="btn btn-primary btn-small" onClick={() => control.send({ t: 'reopenVoting' })}>
              {t('voting.newRound')}
            </button>
          </div>
        </>
      )}
      <label className="field field-inline voting-mode">
        <span className="field-label">{t('voting.mode')}</span>
        <select className="input" value={settings.mode} onChange={(e) => setVoteSettings(doc, { mode: e.target.value === 'open' ? 'open' : 'secret' })}>
          <option value="secret">{t('voting.modeSecret')}</option>
          <option value="open">{t('voting.modeOpen')}</option>
        </select>
      </label>
      <label className="field field-inline">
        <span className="field-label">{t('voting.maxPerItem')}</span>
        <input
          className="input input-number"
          type="number"
          min={1}
          max={MAX_PER_ITEM}
          step={1}
          value={settings.maxPerItem}
          onChange={(e) => {
            const n = wholeIn(e.target.value, 1, MAX_PER_ITEM);
            if (n !== null) setVoteSettings(doc, { maxPerItem: n });
          }}
        />
      </label>
      <label className="field field-inline" title={t('voting.kHint')}>
        <span className="field-label">{t('voting.k')}</span>
        <input
          className="input input-number"
          type="number"
          min={1}
          max={MAX_ANONYMITY_K}
          step={1}
          value={settings.k}
          onChange={(e) => {
            const n = wholeIn(e.target.value, 1, MAX_ANONYMITY_K);
            if (n !== null) setVoteSettings(doc, { k: n });
          }}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.balanced} onChange={(e) => setVoteSettings(doc, { balanced: e.target.checked })} />
        {t('voting.balanced')}
      </label>
    </section>
  );
}

/** Outside Priorities: a secret round with ballots in it is still open, and can be revealed only back in Priorities. */
export function UnrevealedRoundNote() {
  const { t } = useTranslation();
  const { settings, status, voters } = useVoting();
  if (settings.mode !== 'secret' || status.state !== 'open' || !voters) return null;
  return (
    <section className="panel-section" aria-labelledby="voting-title">
      <h3 id="voting-title" className="panel-title">
        {t('voting.title')}
      </h3>
      <p className="muted small" role="status" data-unrevealed-round={status.round}>
        {t('voting.unrevealed', { round: status.round, count: voters })}
      </p>
    </section>
  );
}

/**
 * The room's links. The facilitator (on the device that created the room)
 * sees the participant link first, the projector link, and their own link
 * marked secret; everyone may move their identity to another device.
 */
import { useTranslation } from 'react-i18next';
import { deviceLink, joinLinkFromToken, projectorLink, type RoomAccess } from '../lib/access';
import { Dialog } from './Dialog';
import { QrCode } from './QrCode';
import { ShareLink } from './ShareLink';
import { SiteFooter } from './SiteFooter';
import { Icon } from './icons';

interface LinksDialogProps {
  open: boolean;
  roomId: string;
  access: RoomAccess;
  onClose: () => void;
}

export function LinksDialog({ open, roomId, access, onClose }: LinksDialogProps) {
  const { t } = useTranslation();
  const participantLink =
    access.links?.participant ?? (access.role === 'participant' ? joinLinkFromToken(roomId, access.token) : null);
  const facilitator = access.role === 'facilitator';
  return (
    <Dialog open={open} title={t('links.title')} onClose={onClose} className="links-dialog">
      <div className="links-body">
        {participantLink && (
          <section className="link-block link-primary" aria-labelledby="link-participant">
            <h3 id="link-participant">{t('links.participant')}</h3>
            <p className="muted small">{t('links.participantHint')}</p>
            <div className="link-with-qr">
              <ShareLink url={participantLink} label={t('links.participant')} />
              <QrCode value={participantLink} label={t('links.qrParticipant')} className="qr-small" />
            </div>
          </section>
        )}
        {facilitator && access.links && access.tokens && (
          <>
            <section className="link-block" aria-labelledby="link-observer">
              <h3 id="link-observer">{t('links.observer')}</h3>
              <p className="muted small">{t('links.observerHint')}</p>
              <ShareLink url={access.links.observer} label={t('links.observer')} copyLabel={t('links.copyObserver')} />
              <a className="btn btn-secondary" href={projectorLink(roomId, access.tokens)} target="_blank" rel="noopener">
                {t('links.openProjector')}
              </a>
            </section>
            <section className="link-block link-secret" aria-labelledby="link-facilitator">
              <h3 id="link-facilitator">
                <Icon name="key" />{' '}
                {t('links.facilitator')}
              </h3>
              <p className="small secret-hint">{t('links.facilitatorHint')}</p>
              <ShareLink url={access.links.facilitator} label={t('links.facilitator')} copyLabel={t('links.copyFacilitator')} />
            </section>
          </>
        )}
        {access.role !== 'observer' && (
          <section className="link-block" aria-labelledby="link-device">
            <h3 id="link-device">{t('links.device')}</h3>
            <p className="muted small">{t('links.deviceHint')}</p>
            <div className="link-with-qr">
              <ShareLink url={deviceLink(roomId, access)} label={t('links.device')} copyLabel={t('links.copyDevice')} />
              <QrCode value={deviceLink(roomId, access)} label={t('links.qrDevice')} className="qr-small" />
            </div>
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('settings.close')}
          </button>
        </div>
        <SiteFooter newTab />
      </div>
    </Dialog>
  );
}

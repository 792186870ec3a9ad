/**
 * Participants by sector as inline SVG bars. Each bar carries its sector's
 * name and count as text, so the chart reads the same in black and white
 * and without colour vision; the colours are the sectors' usual ones.
 */
import { useTranslation } from 'react-i18next';
import { SECTORS, type Sector } from '../../shared/schema';

const ROW = 34;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 300;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 50;

export function ReportSectorChart({ bySector }: { bySector: Record<Sector, number> }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...SECTORS.map((s) => bySector[s]));
  const summary = SECTORS.map((s) => `${t(`sector.${s}`)} ${bySector[s]}`).join(', ');
  return (
    <svg className="report-chart" viewBox={`0 0 ${WIDTH} ${ROW * SECTORS.length}`} width={WIDTH} role="img" aria-label={t('report.sectorChartLabel', { summary })} data-sector-chart>
      {SECTORS.map((s, i) => {
        const w = Math.round((bySector[s] / most) * BAR_WIDTH);
        const y = i * ROW;
        return (
          <g key={s} className={`report-chart-row sector-${s}`} data-sector={s} data-count={bySector[s]}>
            <text x={0} y={y + ROW / 2} dominantBaseline="middle">
              {t(`sector.${s}`)}
            </text>
            <rect x={LABEL_WIDTH} y={y + 6} width={Math.max(w, 2)} height={ROW - 12} rx={4} />
            <text x={LABEL_WIDTH + Math.max(w, 2) + 8} y={y + ROW / 2} dominantBaseline="middle" className="report-chart-count">
              {bySector[s]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A QR code for a link, drawn as inline SVG (crisp at any projector size). */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (s) => !cancelled && setSvg(s),
      () => !cancelled && setSvg(null),
    );
    return () => {
      cancelled = true;
    };
  }, [value]);
  if (!svg) return null;
  // The SVG is generated locally from our own link, never from user HTML.
  return <div className={`qr ${className ?? ''}`} role="img" aria-label={label} data-qr={value} dangerouslySetInnerHTML={{ __html: svg }} />;
}

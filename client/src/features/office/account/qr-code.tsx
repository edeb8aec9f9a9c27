import { useMemo } from 'react';
import { encode } from 'uqr';

/** The modules of a QR code as one SVG path: dark squares only, drawn crisp at any size. */
export function qrPath(text: string): { size: number; d: string } {
  // M (15 % recovery) keeps an otpauth URI small enough for a phone camera; the quiet zone of 4 modules is the spec's.
  const qr = encode(text, { ecc: 'M', border: 4 });
  const parts: string[] = [];
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return { size: qr.size, d: parts.join('') };
}

/**
 * A QR code for an authenticator app, rendered as SVG elements (no inline HTML, so the page's CSP stays strict).
 * The same text is always shown next to it for those who cannot scan.
 */
export function QrCode({
  text,
  label,
  pixelsPerModule = 5,
}: {
  text: string;
  label: string;
  pixelsPerModule?: number;
}) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width={size * pixelsPerModule}
      height={size * pixelsPerModule}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/**
 * Icons drawn by the app itself, as inline SVG: projector PCs often have no
 * emoji font, and an emoji there is an empty box. An icon beside words is
 * decorative (hidden from assistive tech); one that stands alone takes its
 * accessible name from `label`, which callers pass through t().
 */
import type { ReactElement } from 'react';

const PATHS = {
  lock: (
    <>
      <rect x="5" y="11" width="14" height="10" rx="2" fill="currentColor" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2.2" />
    </>
  ),
  key: (
    <>
      <circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" strokeWidth="2.4" />
      <path d="M11.5 11.5 21 21M17 17l2.5-2.5M19.5 19.5 22 17" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </>
  ),
  gear: (
    <>
      <circle cx="12" cy="12" r="3.2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path
        d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"
        stroke="currentColor"
        strokeWidth="2.4"
        strokeLinecap="round"
      />
      <circle cx="12" cy="12" r="6.2" fill="none" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  moon: <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5Z" fill="currentColor" />,
  comment: (
    <path d="M4 5h16v11H10l-5 4v-4H4z" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" />
  ),
  agree: <path d="M5 12.5 10 17.5 19 7" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" strokeLinejoin="round" />,
  important: (
    <>
      <path d="M12 4v10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      <circle cx="12" cy="19.5" r="1.8" fill="currentColor" />
    </>
  ),
  question: (
    <>
      <path d="M8.5 8.5a3.5 3.5 0 1 1 5 3.2c-1 .5-1.5 1.2-1.5 2.3v.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
      <circle cx="12" cy="19.5" r="1.8" fill="currentColor" />
    </>
  ),
} satisfies Record<string, ReactElement>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true as const };
  return (
    <svg className={`icon icon-${name}${className ? ` ${className}` : ''}`} viewBox="0 0 24 24" width="1em" height="1em" focusable="false" data-icon={name} {...a11y}>
      {PATHS[name]}
    </svg>
  );
}

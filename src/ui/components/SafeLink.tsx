import * as React from 'react';
import { linkKind } from '../../domain/validation';

export interface SafeLinkProps {
  /** The address as the list holds it: untrusted, anything anyone typed. */
  url: unknown;
  /** What the link says, e.g. the evidence link's description. The address is shown when there is none. */
  children?: React.ReactNode;
  className?: string;
  /** Open a site-relative link in a new tab too (web addresses always do). */
  newTab?: boolean;
}

/**
 * A link to an address read from a list, made only when the address is a web address (http:// or
 * https://) or a site-relative one (/sites/...). Anything else (javascript:, data:, an address with
 * spaces or hidden characters) is shown as plain text with the address visible, so nothing runs and
 * nothing is hidden. Web addresses open in a new tab and say so to screen readers.
 */
export function SafeLink({ url, children, className, newTab }: SafeLinkProps): JSX.Element {
  const kind = linkKind(url);
  const address = typeof url === 'string' ? url : String(url ?? '');
  const hasLabel = children !== undefined && children !== null && children !== '';
  const label = hasLabel ? children : address;
  if (kind === 'absolute' || (kind === 'siteRelative' && newTab)) {
    return (
      <a href={address} target="_blank" rel="noopener noreferrer" className={className}>
        {label}
        <span className="nps-visually-hidden"> (opens in a new tab)</span>
      </a>
    );
  }
  if (kind === 'siteRelative') {
    return (
      <a href={address} className={className}>
        {label}
      </a>
    );
  }
  return (
    <span className={className ? `${className} nps-inert-link` : 'nps-inert-link'}>
      {hasLabel && (
        <>
          {children}
          {': '}
        </>
      )}
      <span className="nps-inert-link-address">{address}</span> <span className="nps-inert-link-note">(not a web address, so not shown as a link)</span>
    </span>
  );
}

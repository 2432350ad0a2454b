import { FieldProblem } from '../domain/validation';

/**
 * Failures the views can explain. Each carries a message that says what happened and what to do,
 * so nobody meets a raw HTTP error or an endless spinner.
 */
export type DataErrorKind = 'conflict' | 'readOnly' | 'noAccess' | 'notSetUp' | 'throttled' | 'notFound' | 'validation' | 'offline' | 'refused' | 'duplicate';

export class DataError extends Error {
  public readonly kind: DataErrorKind;
  public readonly status?: number;

  constructor(kind: DataErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'DataError';
    this.kind = kind;
    this.status = status;
  }
}

/** Someone else saved first. Carries their version so the user can compare and lose neither. */
export class ConflictError<T> extends DataError {
  public readonly serverCopy: T;

  constructor(serverCopy: T, message = 'Someone else saved this while you were editing. Compare their version with yours and choose what to keep.') {
    super('conflict', message, 412);
    this.name = 'ConflictError';
    this.serverCopy = serverCopy;
  }
}

/** The input was refused before anything was sent; nothing changed. */
export class ValidationError extends DataError {
  public readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    super('validation', problems.map((p) => p.message).join(' '));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  isHttpRequestError?: boolean;
}

/** SharePoint's own words from an error body, when it sent one. */
export function serverMessage(error: HttpErrorLike): string {
  const text = error.message ?? '';
  const json = text.indexOf('::> ') >= 0 ? text.slice(text.indexOf('::> ') + 4) : '';
  try {
    const body = JSON.parse(json);
    const odataError = body['odata.error'] ?? body.error;
    return odataError?.message?.value ?? odataError?.message ?? '';
  } catch {
    return '';
  }
}

/**
 * Turns whatever the SharePoint client threw into a DataError. `listTitle` names the list involved,
 * so a missing list can be reported as "the app is not set up on this site".
 */
export function toDataError(error: unknown, listTitle?: string, operation: 'read' | 'write' = 'write'): DataError {
  if (error instanceof DataError) return error;
  const e = (error ?? {}) as HttpErrorLike;
  const status = e.status;
  const said = serverMessage(e);
  if ((status === 403 || status === 401) && operation === 'read') {
    return new DataError(
      'noAccess',
      'You do not have access to the procurement maturity assessment on this site. Ask a site owner to add you to Procurement officers, Procurement approvers or Scrutiny members.',
      status
    );
  }
  if (status === 403 || status === 401) {
    return new DataError(
      'readOnly',
      'You have read-only access here, so this change was not saved. To edit, ask a site owner to add you to the Procurement officers group.',
      status
    );
  }
  if (status === 404 && listTitle && /does not exist|List '/i.test(said || e.message || '')) {
    return new DataError(
      'notSetUp',
      `The procurement maturity app is not set up on this site: the list "${listTitle}" is missing. A site owner should add the lists package to this site (Site contents, New, App, Procurement maturity toolkit lists) and run set-up from the Assessment web part.`,
      404
    );
  }
  if (status === 404) return new DataError('notFound', 'That item no longer exists; someone may have deleted it. Reload to see the current list.', 404);
  if (status === 429 || status === 503 || /Retry count exceeded/.test(e.message ?? '')) {
    return new DataError('throttled', 'SharePoint is busy and asked us to wait. Nothing was lost; try again in a minute.', status);
  }
  if ((error as { name?: string }).name === 'AbortError') {
    return new DataError('offline', 'SharePoint did not answer in time. Check your connection and try again; what you typed is kept on this device.');
  }
  if (status === undefined && (error instanceof TypeError || /fetch|network/i.test(e.message ?? ''))) {
    return new DataError('offline', 'SharePoint could not be reached. Check your connection and try again; what you typed is kept on this device.');
  }
  const reason = said.replace(/\.+$/, '');
  return new DataError('refused', `SharePoint refused the request${reason ? `: ${reason}` : ''}. Try again; if it keeps happening, tell the site owner.`, status);
}

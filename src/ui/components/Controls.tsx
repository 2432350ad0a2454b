import * as React from 'react';

/*
 * The few controls every view shows on first load, as native HTML styled from the palette (styles.ts):
 * buttons, messages and a labelled text box. Native controls bring their keyboard behaviour and
 * accessible names with them and weigh nothing; Fluent UI's richer controls (pickers, panels, dialogs)
 * come with the editors that need them, loaded when opened.
 */

let fieldCount = 0;

/** An id for a field, fixed for the life of the component, to tie labels and notes to it. */
export function useFieldId(prefix: string): string {
  return React.useRef(`nps-${prefix}-${(fieldCount += 1)}`).current;
}

export interface ButtonProps {
  children: React.ReactNode;
  onClick?: () => void;
  primary?: boolean;
  disabled?: boolean;
  /** A name for screen readers when the visible text alone is not enough. */
  ariaLabel?: string;
  type?: 'button' | 'submit';
  /** To give focus back to the button when what it opened closes. */
  buttonRef?: React.Ref<HTMLButtonElement>;
}

export function Button({ children, onClick, primary, disabled, ariaLabel, type = 'button', buttonRef }: ButtonProps): JSX.Element {
  return (
    <button ref={buttonRef} type={type} className={primary ? 'nps-button nps-button--primary' : 'nps-button'} onClick={onClick} disabled={disabled} aria-label={ariaLabel}>
      {children}
    </button>
  );
}

export type NoticeKind = 'info' | 'success' | 'warning' | 'severe' | 'error';

/** Said before the message, so its kind is never told by colour alone (WCAG 1.4.1). */
const KIND_WORDS: Record<NoticeKind, string> = { info: '', success: '', warning: 'Warning: ', severe: 'Warning: ', error: 'Error: ' };

export interface NoticeProps {
  kind: NoticeKind;
  children: React.ReactNode;
  /** Buttons shown beside the message (Try again). */
  actions?: React.ReactNode;
  onDismiss?: () => void;
}

/**
 * A message in the flow of the page. Errors and warnings are announced as they appear (alert); the rest
 * politely (status).
 */
export function Notice({ kind, children, actions, onDismiss }: NoticeProps): JSX.Element {
  const urgent = kind === 'error' || kind === 'severe' || kind === 'warning';
  return (
    <div className={`nps-notice nps-notice--${kind}`} role={urgent ? 'alert' : 'status'}>
      <div className="nps-notice__body">
        {KIND_WORDS[kind] && <span className="nps-notice__kind">{KIND_WORDS[kind]}</span>}
        {children}
      </div>
      {actions}
      {onDismiss && (
        <Button onClick={onDismiss} ariaLabel="Close message">
          Close
        </Button>
      )}
    </div>
  );
}

export interface TextAreaFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  /** Shown under the box (a character count, say). */
  note?: string;
  error?: string;
}

/** A labelled multi-line text box with its note and error tied to it for screen readers. */
export function TextAreaField({ label, value, onChange, required, note, error }: TextAreaFieldProps): JSX.Element {
  const id = useFieldId('field');
  const described = [note && `${id}-note`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="nps-field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <textarea
        id={id}
        className="nps-textarea"
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
      {note && (
        <span id={`${id}-note`} className="nps-field__note">
          {note}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="nps-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

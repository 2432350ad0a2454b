import * as React from 'react';
import { PrimaryButton, DefaultButton, IconButton } from '@fluentui/react/lib/Button';
import { ITextField, TextField } from '@fluentui/react/lib/TextField';
import { Dropdown, IDropdown } from '@fluentui/react/lib/Dropdown';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { Dialog, DialogFooter, DialogType } from '@fluentui/react/lib/Dialog';
import { IndexAssessment, sameAssessmentContent, validateAssessment } from '../../domain/assessment';
import { formatUkDateTime } from '../../domain/dates';
import { LIMITS } from '../../domain/limits';
import { dateProblem, evidenceLinkProblems, FieldProblem, mergeProblems } from '../../domain/validation';
import { ConflictError, DataError, ValidationError, toDataError } from '../../data/errors';
import { EvidenceFile } from '../../data/repositories/assessmentRepository';
import { Framework, LevelId, MaturityIndex } from '../../framework/types';
import { TargetGuidance } from '../components/TargetGuidance';
import { DraftStore } from '../drafts';
import { Problem } from '../components/Problem';
import { IndexAbout } from '../components/IndexAbout';
import { UkDatePicker } from '../components/UkDatePicker';
import { SafeLink } from '../components/SafeLink';
import { LevelChoice } from './LevelChoice';
import { ConflictResolver } from './ConflictResolver';
import { GatheredView, ViewInput, ViewSpread } from '../../domain/views';
import { ViewsSpread } from '../gathering/ViewsSpread';
import { ViewForm } from '../gathering/ViewForm';

export interface AttachmentHandlers {
  list: (id: number) => Promise<EvidenceFile[]>;
  add: (id: number, file: File) => Promise<EvidenceFile[]>;
  remove: (id: number, name: string) => Promise<EvidenceFile[]>;
}

export interface AssessmentEditorProps {
  framework: Framework;
  index: MaturityIndex;
  /** The saved assessment, or an empty one for an index not yet assessed. */
  saved: IndexAssessment;
  periodStart?: string;
  readOnly: boolean;
  drafts: DraftStore;
  draftKey: string;
  onSave: (assessment: IndexAssessment) => Promise<IndexAssessment>;
  onSaved: (assessment: IndexAssessment) => void;
  onClose: () => void;
  attachments?: AttachmentHandlers;
  /** Colleagues' views on this index (issue 13): the spread the lead officer agrees the level from. */
  gathered?: GatheredViews;
}

export interface GatheredViews {
  spread: ViewSpread;
  /** Given after the year was submitted: shown, never counted. */
  late: GatheredView[];
  /** This person was asked for their own view and has not given it: the others' stay hidden until they do. */
  hiddenUntilGiven?: boolean;
  /** The lead officer enters a view given on paper (marked as entered by them). */
  onEnterPaper?: (input: ViewInput) => Promise<void>;
  /** After a paper view is saved: read the views again. */
  onPaperEntered?: () => void;
}

/** With colleagues' views gathered, the level is agreed with a note saying why. */
export function moderationProblem(gathered: GatheredViews | undefined, a: IndexAssessment, levelTitle: string): FieldProblem | undefined {
  if (!gathered || gathered.spread.total === 0 || !a.currentLevel || (a.moderationNote ?? '').trim() !== '') return undefined;
  const n = gathered.spread.total;
  return {
    field: 'moderationNote',
    message: `Add a moderation note: say why the council's level is ${levelTitle}, given ${n === 1 ? 'one colleague\'s view' : `${n} colleagues' views`}.`,
  };
}

function problemFor(problems: FieldProblem[], field: string): string | undefined {
  return problems.find((p) => p.field === field)?.message;
}

/** A server-relative file address as SharePoint gives it ("…/Audit report.pdf"), made safe to link to. */
function fileHref(serverRelativeUrl: string): string {
  try {
    return encodeURI(serverRelativeUrl);
  } catch {
    return serverRelativeUrl; // a broken address stays text (SafeLink will not link it)
  }
}

const sameContent = sameAssessmentContent;

/**
 * Assess one key area or enabler: current level from the strategy's descriptors, target and date,
 * rationale and evidence. Everything typed is kept as a draft on this device until it is saved.
 */
export function AssessmentEditor(props: AssessmentEditorProps): JSX.Element {
  const { framework, index, saved, readOnly, drafts, draftKey } = props;
  const [form, setForm] = React.useState<IndexAssessment>(saved);
  const [offeredDraft, setOfferedDraft] = React.useState(() => {
    const draft = drafts.load<IndexAssessment>(draftKey);
    return draft && !sameContent(draft.value, saved) && !readOnly ? draft : undefined;
  });
  const [problems, setProblems] = React.useState<FieldProblem[]>([]);
  const [error, setError] = React.useState<DataError | undefined>();
  const [conflict, setConflict] = React.useState<IndexAssessment | undefined>();
  const [saving, setSaving] = React.useState(false);
  const [status, setStatus] = React.useState('');
  /** What is wrong with the target date as typed, while the box holds a date that cannot be saved. */
  const [typedDateProblem, setTypedDateProblem] = React.useState<string | undefined>();
  /** An assessment waiting for "Save anyway" because its target is below its current level. */
  const [lowTarget, setLowTarget] = React.useState<IndexAssessment | undefined>();
  const [lowTargetQuestion, setLowTargetQuestion] = React.useState('');
  const focusTargetAfterDialog = React.useRef(false);
  const targetDropdown = React.useRef<IDropdown>(null);
  const [files, setFiles] = React.useState<EvidenceFile[]>([]);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const moderationNoteField = React.useRef<ITextField>(null);
  const [enteringPaper, setEnteringPaper] = React.useState(false);
  const gathered = props.gathered;

  React.useEffect(() => {
    if (saved.id && props.attachments) props.attachments.list(saved.id).then(setFiles, (e) => setError(toDataError(e)));
  }, [saved.id]);

  const update = (patch: Partial<IndexAssessment>): void => {
    const next = { ...form, ...patch };
    setForm(next);
    setStatus('');
    if (!readOnly) drafts.save(draftKey, next);
  };

  const levelTitle = (id?: LevelId): string => framework.levels.find((l) => l.id === id)?.title ?? '';
  const levelRank = (id?: LevelId): number | undefined => framework.levels.find((l) => l.id === id)?.rank;

  const save = async (toSave: IndexAssessment, lowTargetAccepted = false): Promise<void> => {
    const targetDateWrong = typedDateProblem ?? dateProblem('Target date', toSave.targetDate);
    const found = mergeProblems(
      targetDateWrong ? [{ field: 'targetDate', message: targetDateWrong }] : [],
      evidenceLinkProblems(toSave.evidenceLinks),
      validateAssessment(toSave, props.periodStart),
      [moderationProblem(gathered, toSave, levelTitle(toSave.currentLevel))].filter((p): p is FieldProblem => !!p)
    );
    setProblems(found);
    if (found.length) {
      setStatus(`Not saved: ${found.length === 1 ? 'one field needs' : `${found.length} fields need`} attention.`);
      return;
    }
    const current = levelRank(toSave.currentLevel);
    const target = levelRank(toSave.targetLevel);
    if (!lowTargetAccepted && current !== undefined && target !== undefined && target < current) {
      // The strategy lets a council aim below where it stands (to hold a level, say), so ask; do not refuse.
      setLowTarget(toSave);
      setLowTargetQuestion(`The target (${levelTitle(toSave.targetLevel)}) is below the current level (${levelTitle(toSave.currentLevel)}). Save anyway?`);
      setStatus('Not saved yet: confirm the target level.');
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const result = await props.onSave(toSave);
      drafts.clear(draftKey);
      setForm(result);
      setConflict(undefined);
      setStatus(`Saved ${formatUkDateTime(result.modified ?? new Date().toISOString())}.`);
      props.onSaved(result);
    } catch (e) {
      if (e instanceof ConflictError) {
        setConflict(e.serverCopy as IndexAssessment);
        setStatus('Not saved: someone else saved first. Your version is kept below.');
      } else if (e instanceof ValidationError) {
        setProblems(e.problems);
      } else {
        setError(toDataError(e));
        setStatus('Not saved. Your changes are kept on this device.');
      }
    } finally {
      setSaving(false);
    }
  };

  const answerLowTarget = (saveAnyway: boolean): void => {
    const waiting = lowTarget;
    setLowTarget(undefined);
    focusTargetAfterDialog.current = !saveAnyway;
    if (saveAnyway && waiting) save(waiting, true).catch(() => undefined);
    else setStatus('Not saved. Change the target level, then save.');
  };

  return (
    <div className="nps-editor">
      {/* The panel header shows the title; this heading names the form for screen readers. */}
      <h3 id="nps-editor-title" className="nps-visually-hidden">
        {index.title}
      </h3>
      {index.description && <p>{index.description}</p>}
      {(index.whatItIs || index.whyItIsImportant) && (
        <details className="nps-about">
          <summary>What it is and why it is important</summary>
          <IndexAbout index={index} />
        </details>
      )}

      {gathered && (
        <details className="nps-gathered" open={gathered.spread.total > 0 && !gathered.hiddenUntilGiven}>
          <summary>Colleagues&apos; views{gathered.hiddenUntilGiven ? '' : ` (${gathered.spread.total})`}</summary>
          {gathered.hiddenUntilGiven ? (
            <p>You were asked for your own view on {index.title}. Give it first (Give your views, at the top of the page); the others&apos; views show here once you have.</p>
          ) : (
            <ViewsSpread
              framework={framework}
              indexTitle={index.title}
              spread={gathered.spread}
              late={gathered.late}
              agreedLevel={saved.currentLevel}
              onAgree={
                readOnly
                  ? undefined
                  : (level) => {
                      update({ currentLevel: level });
                      setStatus(`${levelTitle(level)} chosen as the council's level. Add the moderation note, then save.`);
                      moderationNoteField.current?.focus();
                    }
              }
            />
          )}
          {gathered.onEnterPaper && !readOnly && !enteringPaper && (
            <DefaultButton text="Enter a view given on paper" onClick={() => setEnteringPaper(true)} />
          )}
          {gathered.onEnterPaper && !readOnly && enteringPaper && (
            <ViewForm
              framework={framework}
              index={index}
              periodName={saved.periodName}
              drafts={drafts}
              draftKey={`${draftKey}:paper-view`}
              onPaper
              submitLabel="Enter this view"
              onGive={gathered.onEnterPaper}
              onCancel={() => setEnteringPaper(false)}
              onGiven={(input) => {
                setEnteringPaper(false);
                setStatus(`Entered the view ${input.givenFor ?? ''} gave on paper, marked as entered by you.`);
                gathered.onPaperEntered?.();
              }}
            />
          )}
        </details>
      )}

      {readOnly && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline>
          You can read this assessment but not change it.
        </MessageBar>
      )}
      {offeredDraft && (
        <MessageBar
          messageBarType={MessageBarType.warning}
          isMultiline
          actions={
            <div>
              <PrimaryButton
                onClick={() => {
                  // The draft keeps the version it was typed against, so if a colleague has saved since,
                  // saving it shows their version beside it instead of overwriting theirs.
                  setForm({ ...offeredDraft.value, id: offeredDraft.value.id ?? saved.id, etag: offeredDraft.value.id === undefined ? saved.etag : offeredDraft.value.etag });
                  setOfferedDraft(undefined);
                }}
              >
                Restore my changes
              </PrimaryButton>
              <DefaultButton
                onClick={() => {
                  drafts.clear(draftKey);
                  setOfferedDraft(undefined);
                }}
              >
                Discard them
              </DefaultButton>
            </div>
          }
        >
          You have unsaved changes to this assessment from {formatUkDateTime(offeredDraft.savedAt)}.
          {offeredDraft.value.etag && saved.etag && offeredDraft.value.etag !== saved.etag
            ? ` ${saved.lastAssessedBy?.displayName ?? 'Someone'} has saved it since; when you save, you can compare the two and keep what you need from each.`
            : ''}
        </MessageBar>
      )}
      {conflict && <ConflictResolver theirs={conflict} yours={form} onResolve={(merged) => save(merged)} onCancel={() => setForm({ ...form, etag: conflict.etag, id: conflict.id })} />}

      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) save(form).catch(() => undefined);
        }}
        aria-labelledby="nps-editor-title"
      >
        <LevelChoice framework={framework} index={index} legend="Where the council stands now (current level)" name="current" value={form.currentLevel} onChange={(l) => update({ currentLevel: l })} disabled={readOnly} target={form.targetLevel} />
        {problemFor(problems, 'currentLevel') && <p role="alert" className="nps-error">{problemFor(problems, 'currentLevel')}</p>}
        {((gathered && gathered.spread.total > 0) || (form.moderationNote ?? '') !== '') && (
          <TextField
            componentRef={moderationNoteField}
            label="Moderation note: how the level was agreed from colleagues' views"
            multiline
            autoAdjustHeight
            value={form.moderationNote ?? ''}
            onChange={(_, v) => update({ moderationNote: v ?? '' })}
            readOnly={readOnly}
            errorMessage={problemFor(problems, 'moderationNote')}
            description={`Kept with the assessment. ${(form.moderationNote ?? '').length.toLocaleString('en-GB')} of ${LIMITS.moderationNote.toLocaleString('en-GB')} characters`}
          />
        )}

        <Dropdown
          componentRef={targetDropdown}
          label="Target level (the level the council aims for)"
          selectedKey={form.targetLevel ?? null}
          options={framework.levels.map((l) => ({ key: l.id, text: `${l.rank}. ${l.title}` }))}
          onChange={(_, option) => update({ targetLevel: option?.key as LevelId })}
          disabled={readOnly}
          errorMessage={problemFor(problems, 'targetLevel')}
          placeholder="Choose a target level"
          aria-describedby="nps-target-guidance"
        />
        <TargetGuidance framework={framework} id="nps-target-guidance" />
        <UkDatePicker
          label="Target date"
          value={form.targetDate}
          onChange={(d) => update({ targetDate: d })}
          onProblemChange={setTypedDateProblem}
          disabled={readOnly}
          errorMessage={problemFor(problems, 'targetDate')}
        />
        <TextField
          label="Rationale: why this level and this target"
          multiline
          autoAdjustHeight
          value={form.rationale}
          onChange={(_, v) => update({ rationale: v ?? '' })}
          readOnly={readOnly}
          errorMessage={problemFor(problems, 'rationale')}
          description={`${form.rationale.length.toLocaleString('en-GB')} of ${LIMITS.rationale.toLocaleString('en-GB')} characters`}
        />
        <TextField
          label="Evidence"
          multiline
          autoAdjustHeight
          value={form.evidence}
          onChange={(_, v) => update({ evidence: v ?? '' })}
          readOnly={readOnly}
          errorMessage={problemFor(problems, 'evidence')}
          description="What shows the council is at this level: reports, decisions, training records."
        />

        <fieldset className="nps-links">
          <legend>Links to evidence in SharePoint or OneDrive</legend>
          {form.evidenceLinks.length === 0 && <p>No links yet.</p>}
          {form.evidenceLinks.map((link, i) => (
            <div key={i} className="nps-link-row">
              <TextField
                label={`Link ${i + 1} address`}
                value={link.url}
                onChange={(_, v) => update({ evidenceLinks: form.evidenceLinks.map((l, j) => (j === i ? { ...l, url: v ?? '' } : l)) })}
                readOnly={readOnly}
                errorMessage={problemFor(problems, `evidenceLinks.${i}`)}
                placeholder="https://council.sharepoint.com/..."
              />
              <TextField
                label={`Link ${i + 1} description`}
                value={link.description}
                onChange={(_, v) => update({ evidenceLinks: form.evidenceLinks.map((l, j) => (j === i ? { ...l, description: v ?? '' } : l)) })}
                readOnly={readOnly}
                errorMessage={problemFor(problems, `evidenceLinks.${i}.description`)}
              />
              {!readOnly && (
                <IconButton iconProps={{ iconName: 'Delete' }} title={`Remove link ${i + 1}`} ariaLabel={`Remove link ${i + 1}`} onClick={() => update({ evidenceLinks: form.evidenceLinks.filter((_, j) => j !== i) })} />
              )}
              {link.url.trim() !== '' && (
                <p className="nps-link-open" style={{ gridColumn: '1 / -1', margin: 0 }}>
                  Link {i + 1}: <SafeLink url={link.url}>{link.description || link.url}</SafeLink>
                </p>
              )}
            </div>
          ))}
          {!readOnly && <DefaultButton iconProps={{ iconName: 'Link' }} text="Add a link" onClick={() => update({ evidenceLinks: [...form.evidenceLinks, { url: '', description: '' }] })} />}
        </fieldset>

        {props.attachments && (
          <fieldset className="nps-files">
            <legend>Evidence files</legend>
            {!form.id && <p>Save the assessment once to attach files.</p>}
            {form.id !== undefined && files.length === 0 && <p>No files attached.</p>}
            <ul>
              {files.map((f) => (
                <li key={f.name}>
                  <SafeLink url={fileHref(f.url)} newTab>
                    {f.name}
                  </SafeLink>
                  {!readOnly && (
                    <IconButton iconProps={{ iconName: 'Delete' }} title={`Remove ${f.name}`} ariaLabel={`Remove ${f.name}`} onClick={() => props.attachments!.remove(form.id!, f.name).then(setFiles, (e) => setError(toDataError(e)))} />
                  )}
                </li>
              ))}
            </ul>
            {!readOnly && form.id !== undefined && (
              <>
                <label htmlFor="nps-file-input" className="nps-file-label">
                  Attach files
                </label>
                <input
                  id="nps-file-input"
                  ref={fileInput}
                  type="file"
                  multiple
                  onChange={async (e) => {
                    const chosen = Array.from(e.target.files ?? []);
                    for (const file of chosen) {
                      try {
                        setFiles(await props.attachments!.add(form.id!, file));
                      } catch (err) {
                        setError(toDataError(err));
                      }
                    }
                    if (fileInput.current) fileInput.current.value = '';
                  }}
                />
              </>
            )}
          </fieldset>
        )}

        {error && <Problem error={error} onDismiss={() => setError(undefined)} onRetry={() => save(form)} />}
        {problems.length > 0 && (
          <div role="alert" className="nps-error-summary">
            <p>Check these before saving:</p>
            <ul>
              {problems.map((p) => (
                <li key={p.field + p.message}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        <p role="status" aria-live="polite" className="nps-status">
          {status || (readOnly ? '' : 'Anything you type is kept on this device until it is saved.')}
        </p>
        <div className="nps-actions">
          {!readOnly && <PrimaryButton type="submit" disabled={saving} text={saving ? 'Saving…' : 'Save'} />}
          <DefaultButton onClick={props.onClose} text="Close" />
        </div>
        <Dialog
          hidden={!lowTarget}
          onDismiss={() => answerLowTarget(false)}
          dialogContentProps={{
            type: DialogType.normal,
            title: 'Target below the current level',
            subText: lowTargetQuestion,
          }}
          modalProps={{
            isBlocking: true,
            // Start on the answer that changes nothing: the question is there to catch a slip.
            firstFocusableSelector: 'nps-change-target',
            onDismissed: () => {
              if (focusTargetAfterDialog.current) targetDropdown.current?.focus();
              focusTargetAfterDialog.current = false;
            },
          }}
        >
          <DialogFooter>
            <PrimaryButton onClick={() => answerLowTarget(true)} text="Save anyway" />
            <DefaultButton className="nps-change-target" onClick={() => answerLowTarget(false)} text="Change the target" />
          </DialogFooter>
        </Dialog>
        {form.lastAssessedBy && (
          <p className="nps-meta">
            Last assessed by {form.lastAssessedBy.displayName}
            {form.modified ? ` on ${formatUkDateTime(form.modified)}` : ''}. Current level: {levelTitle(form.currentLevel) || 'not set'}.
          </p>
        )}
      </form>
    </div>
  );
}

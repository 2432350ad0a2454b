import * as React from 'react';
import { Panel, PanelType } from '@fluentui/react/lib/Panel';
import { AssessmentEditor, AssessmentEditorProps } from './AssessmentEditor';
import { InLayer } from '../components/ThemedRoot';

/**
 * The assessment editor in its side panel. Both load together when an officer first opens an index
 * (AssessmentApp imports this lazily), so the panel, pickers and dialogs are not in the first load.
 */
export function EditorPanel({ heading, ...editor }: AssessmentEditorProps & { heading: string }): JSX.Element {
  return (
    <Panel isOpen type={PanelType.custom} customWidth="720px" headerText={heading} closeButtonAriaLabel="Close" isLightDismiss={false} onDismiss={editor.onClose}>
      <InLayer>
        <AssessmentEditor {...editor} />
      </InLayer>
    </Panel>
  );
}

import * as React from 'react';
import { Panel, PanelType } from '@fluentui/react/lib/Panel';
import { ActionForm, ActionFormProps } from './ActionForm';

/** The action form in its side panel; both load when someone first adds or edits an action. */
export function ActionFormPanel(props: ActionFormProps): JSX.Element {
  return (
    <Panel isOpen type={PanelType.medium} headerText={props.action.id ? 'Edit action' : 'New action'} closeButtonAriaLabel="Close" onDismiss={() => props.onDone()} isLightDismiss={false}>
      <ActionForm {...props} />
    </Panel>
  );
}

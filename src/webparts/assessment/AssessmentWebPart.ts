import * as React from 'react';
import { AssessmentApp } from '../../ui/views/AssessmentApp';
import { ViewProps, ViewWebPart } from '../ViewWebPart';

/** The Procurement maturity assessment web part: the shared shell around one view. */
export default class AssessmentWebPart extends ViewWebPart {
  protected view(): React.ComponentType<ViewProps> {
    return AssessmentApp;
  }

  protected defaultTitle(): string {
    return 'Procurement maturity assessment';
  }
}

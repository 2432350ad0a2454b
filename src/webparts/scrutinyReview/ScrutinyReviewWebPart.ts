import * as React from 'react';
import { ScrutinyReviewApp } from '../../ui/views/ScrutinyReviewApp';
import { ViewProps, ViewWebPart } from '../ViewWebPart';

/** The Procurement maturity scrutiny review web part: the shared shell around one view. */
export default class ScrutinyReviewWebPart extends ViewWebPart {
  protected view(): React.ComponentType<ViewProps> {
    return ScrutinyReviewApp;
  }

  protected defaultTitle(): string {
    return 'Procurement maturity scrutiny review';
  }
}

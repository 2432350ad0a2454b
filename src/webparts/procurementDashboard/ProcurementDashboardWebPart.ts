import * as React from 'react';
import { ProcurementDashboardApp } from '../../ui/views/ProcurementDashboardApp';
import { ViewProps, ViewWebPart } from '../ViewWebPart';

/** The Procurement maturity dashboard web part: the shared shell around one view. */
export default class ProcurementDashboardWebPart extends ViewWebPart {
  protected view(): React.ComponentType<ViewProps> {
    return ProcurementDashboardApp;
  }

  protected defaultTitle(): string {
    return 'Procurement maturity dashboard';
  }
}

import * as React from 'react';
import { IPropertyPaneGroup, PropertyPaneCheckbox, PropertyPaneChoiceGroup, PropertyPaneDropdown, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import * as strings from 'MaturityWebPartStrings';
import { ProcurementDashboardApp } from '../../ui/views/ProcurementDashboardApp';
import { DASHBOARD_SECTIONS, DashboardProperties, DashboardSection, DashboardSettings, dashboardSettings, SECTION_PROPERTIES, themeChoices } from '../../domain/dashboardSettings';
import type { Theme } from '../../framework/types';
import { IViewWebPartProps, ViewProps, ViewWebPart } from '../ViewWebPart';

export interface IProcurementDashboardWebPartProps extends IViewWebPartProps, DashboardProperties {}

const SECTION_LABELS: Record<DashboardSection, string> = {
  headlines: strings.SectionHeadlines,
  chart: strings.SectionChart,
  signOffHistory: strings.SectionSignOffHistory,
  actionHealth: strings.SectionActionHealth,
  trends: strings.SectionTrends,
  gaps: strings.SectionGaps,
  overdue: strings.SectionOverdue,
};

/** The Procurement maturity dashboard web part: the shared shell around one view, with the dashboard's own settings. */
export default class ProcurementDashboardWebPart extends ViewWebPart<IProcurementDashboardWebPartProps, DashboardSettings> {
  private themes: Theme[] = [];

  protected view(): React.ComponentType<ViewProps<DashboardSettings>> {
    return ProcurementDashboardApp;
  }

  protected defaultTitle(): string {
    return 'Procurement maturity dashboard';
  }

  protected viewSettings(): DashboardSettings {
    return dashboardSettings(this.properties);
  }

  /** The theme choices come from the built-in framework, loaded when the pane opens, not with the page. */
  protected async loadPropertyPaneResources(): Promise<void> {
    const { npsFramework2018 } = await import(/* webpackChunkName: 'framework' */ '../../framework/builtIn');
    this.themes = npsFramework2018().themes;
  }

  protected propertyPaneGroups(): IPropertyPaneGroup[] {
    // Checked and selected from the settings, so a web part added before a field existed shows what it does.
    const settings = dashboardSettings(this.properties);
    return [
      {
        groupName: strings.DashboardContentGroupName,
        groupFields: [
          PropertyPaneChoiceGroup('defaultPeriod', {
            label: strings.DefaultPeriodLabel,
            options: [
              { key: 'latestSignedOff', text: strings.DefaultPeriodLatestSignedOff, checked: settings.defaultPeriod === 'latestSignedOff' },
              { key: 'latest', text: strings.DefaultPeriodLatest, checked: settings.defaultPeriod === 'latest' },
            ],
          }),
          PropertyPaneDropdown('themeId', { label: strings.ThemeLabel, options: themeChoices(this.themes, strings.ThemeAll), selectedKey: settings.themeId ?? '' }),
          PropertyPaneTextField('councilName', { label: strings.CouncilNameLabel, description: strings.CouncilNameDescription }),
        ],
      },
      {
        groupName: strings.SectionsGroupName,
        groupFields: DASHBOARD_SECTIONS.map((section) => PropertyPaneCheckbox(SECTION_PROPERTIES[section], { text: SECTION_LABELS[section], checked: settings.sections[section] })),
      },
    ];
  }
}

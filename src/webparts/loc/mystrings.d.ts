declare interface IMaturityWebPartStrings {
  PropertyPaneDescription: string;
  DisplayGroupName: string;
  TitleFieldLabel: string;
  /** The dashboard's own property pane groups. */
  DashboardContentGroupName: string;
  DefaultPeriodLabel: string;
  DefaultPeriodLatestSignedOff: string;
  DefaultPeriodLatest: string;
  ThemeLabel: string;
  ThemeAll: string;
  CouncilNameLabel: string;
  CouncilNameDescription: string;
  SectionsGroupName: string;
  SectionHeadlines: string;
  SectionChart: string;
  SectionSignOffHistory: string;
  SectionActionHealth: string;
  SectionTrends: string;
  SectionGaps: string;
  SectionOverdue: string;
}

declare module 'MaturityWebPartStrings' {
  const strings: IMaturityWebPartStrings;
  export = strings;
}

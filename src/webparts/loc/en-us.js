define([], function () {
  return {
    PropertyPaneDescription: 'Settings for this part of the procurement maturity toolkit.',
    DisplayGroupName: 'Display',
    TitleFieldLabel: 'Heading shown above the web part',
    DashboardContentGroupName: 'What the dashboard shows',
    DefaultPeriodLabel: 'Year shown when the page opens (a link to a year still opens that year)',
    DefaultPeriodLatestSignedOff: 'Latest signed-off year',
    DefaultPeriodLatest: 'Latest year, signed off or not',
    ThemeLabel: 'Theme',
    ThemeAll: 'All themes, and the enablers',
    CouncilNameLabel: 'Council name',
    CouncilNameDescription: 'Shown on the printed report and in the Excel workbook and its file name. Leave empty to leave it out.',
    SectionsGroupName: 'Sections to show',
    SectionHeadlines: 'Headlines',
    SectionChart: 'Chart of current level and target',
    SectionSignOffHistory: 'Sign-off history',
    SectionActionHealth: 'Action health',
    SectionTrends: 'Levels over the years',
    SectionGaps: 'Gaps to target, by theme',
    SectionOverdue: 'Overdue actions',
  };
});

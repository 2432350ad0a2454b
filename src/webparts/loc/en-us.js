define([], function () {
  return {
    PropertyPaneDescription: 'Settings for this part of the procurement maturity toolkit.',
    DisplayGroupName: 'Display',
    TitleFieldLabel: 'Heading shown above the web part',
  };
});

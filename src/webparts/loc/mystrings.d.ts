declare interface IMaturityWebPartStrings {
  PropertyPaneDescription: string;
  DisplayGroupName: string;
  TitleFieldLabel: string;
}

declare module 'MaturityWebPartStrings' {
  const strings: IMaturityWebPartStrings;
  export = strings;
}

import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { IPropertyPaneConfiguration, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import * as strings from 'MaturityWebPartStrings';
import { HostContext } from '../../host';
import { npsFramework2018 } from '../../framework';
import { ScrutinyReviewApp } from '../../ui/views/ScrutinyReviewApp';
import { hostContextFromSpfx } from '../spfxHost';

export interface IScrutinyReviewWebPartProps {
  title: string;
}

/** Reads its properties, adapts the SPFx context and renders one React root. Nothing else. */
export default class ScrutinyReviewWebPart extends BaseClientSideWebPart<IScrutinyReviewWebPartProps> {
  private host: HostContext | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.host = await hostContextFromSpfx(this.context);
  }

  public render(): void {
    if (!this.host) return;
    ReactDom.render(
      React.createElement(ScrutinyReviewApp, { host: this.host, framework: npsFramework2018(), title: this.properties.title || 'Procurement maturity scrutiny review' }),
      this.domElement
    );
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [
        {
          header: { description: strings.PropertyPaneDescription },
          groups: [{ groupName: strings.DisplayGroupName, groupFields: [PropertyPaneTextField('title', { label: strings.TitleFieldLabel })] }],
        },
      ],
    };
  }
}

import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { IPropertyPaneConfiguration, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import * as strings from 'MaturityWebPartStrings';
import { HostContext } from '../../host';
import { npsFramework2018 } from '../../framework';
import { AssessmentApp } from '../../ui/views/AssessmentApp';
import { hostContextFromSpfx } from '../spfxHost';
import { getSP } from '../../data/sp';
import { getGraph, graphMailSender } from '../../data/graph';
import { createDataServices, DataServices } from '../../data/services';
import { parseTarget } from '../../ui/deepLinks';

export interface IAssessmentWebPartProps {
  title: string;
}

/** Reads its properties, adapts the SPFx context and renders one React root. Nothing else. */
export default class AssessmentWebPart extends BaseClientSideWebPart<IAssessmentWebPartProps> {
  private host: HostContext | undefined;
  private services: DataServices | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.host = await hostContextFromSpfx(this.context);
    this.services = createDataServices(getSP(this.context), graphMailSender(getGraph(this.context)));
  }

  public render(): void {
    if (!this.host || !this.services) return;
    ReactDom.render(
      React.createElement(AssessmentApp, {
        host: this.host,
        services: this.services,
        framework: npsFramework2018(),
        title: this.properties.title || 'Procurement maturity assessment',
        // A Teams deep link carries the period and index as the subPageId; a SharePoint link in the query.
        target: parseTarget(this.host.teams?.subPageId ?? window.location.search),
      }),
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

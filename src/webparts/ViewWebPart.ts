import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { IPropertyPaneConfiguration, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import * as strings from 'MaturityWebPartStrings';
import { HostContext } from '../host';
import type { FrameworkSource } from '../framework/builtIn';
import { hostContextFromSpfx } from './spfxHost';
import { getSP } from '../data/sp';
import { mailOnDemand } from '../data/mail';
import { createDataServices, DataServices } from '../data/services';
import { DeepLinkTarget, parseTarget } from '../ui/deepLinks';

export interface IViewWebPartProps {
  title: string;
}

/** What every view takes from its web part. */
export interface ViewProps {
  host: HostContext;
  services: DataServices;
  framework: FrameworkSource;
  title: string;
  target?: DeepLinkTarget;
}

/**
 * The one shell the three web parts share: read the properties, adapt the SPFx context (and Teams's)
 * into a HostContext, build the data services once, render one React root. Nothing else.
 */
export abstract class ViewWebPart extends BaseClientSideWebPart<IViewWebPartProps> {
  private host: HostContext | undefined;
  private services: DataServices | undefined;

  protected abstract view(): React.ComponentType<ViewProps>;
  protected abstract defaultTitle(): string;

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.host = await hostContextFromSpfx(this.context);
    const context = this.context;
    // Microsoft Graph is needed only when a message is sent: load its client then, not with the page.
    const mail = mailOnDemand(async () => {
      const graph = await import(/* webpackChunkName: 'graph-mail' */ '../data/graph');
      return graph.graphMailSender(graph.getGraph(context));
    });
    this.services = createDataServices(getSP(context), mail);
  }

  public render(): void {
    if (!this.host || !this.services) return;
    ReactDom.render(
      React.createElement(this.view(), {
        host: this.host,
        services: this.services,
        // Every descriptor of the strategy: loaded when a view first needs it, alongside its data.
        framework: () => import(/* webpackChunkName: 'framework' */ '../framework/builtIn').then((m) => m.npsFramework2018()),
        title: this.properties.title || this.defaultTitle(),
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

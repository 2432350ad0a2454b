import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { IPropertyPaneConfiguration, IPropertyPaneGroup, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import { ThemeProvider } from '@microsoft/sp-component-base';
import * as strings from 'MaturityWebPartStrings';
import { HostContext } from '../host';
import type { FrameworkSource } from '../framework/builtIn';
import { hostContextFromSpfx } from './spfxHost';
import { getSP } from '../data/sp';
import { mailOnDemand } from '../data/mail';
import { findProcurementSite, ProcurementSite, SETTINGS } from '../data/procurementSite';
import { DataError, toDataError } from '../data/errors';
import { ThemedRoot } from '../ui/components/ThemedRoot';
import { Problem } from '../ui/components/Problem';
import { createDataServices, DataServices } from '../data/services';
import { DeepLinkTarget, parseTarget } from '../ui/deepLinks';

export interface IViewWebPartProps {
  title: string;
  /** Overrides the tenant's procurement site (a channel tab on another team's site, say). */
  siteUrl?: string;
}

/**
 * What every view takes from its web part. `TSettings` is what a web part's own property pane fields
 * mean to its view (the dashboard's default period, sections and theme); a web part without any has none.
 */
export interface ViewProps<TSettings = undefined> {
  host: HostContext;
  services: DataServices;
  framework: FrameworkSource;
  title: string;
  target?: DeepLinkTarget;
  /** The web part's own settings; undefined where it has none (or a host such as the preview gives none). */
  settings?: TSettings;
}

/**
 * The one shell the three web parts share: read the properties, adapt the SPFx context (and Teams's)
 * into a HostContext, build the data services once, render one React root. Nothing else.
 *
 * A web part with settings of its own names its properties (`TProperties`, adding to the shared title
 * and site) and its view's settings (`TSettings`), adds its pane groups with `propertyPaneGroups()` and
 * reads its settings from its properties with `viewSettings()`.
 */
export abstract class ViewWebPart<TProperties extends IViewWebPartProps = IViewWebPartProps, TSettings = undefined> extends BaseClientSideWebPart<TProperties> {
  private host: HostContext | undefined;
  private services: DataServices | undefined;
  private siteProblem: DataError | undefined;
  /**
   * Every descriptor of the strategy: loaded when a view first needs it, alongside its data. One
   * function for the web part's life, so a re-render (a property changed) does not reload the view.
   */
  private readonly frameworkSource: FrameworkSource = () => import(/* webpackChunkName: 'framework' */ '../framework/builtIn').then((m) => m.npsFramework2018());

  protected abstract view(): React.ComponentType<ViewProps<TSettings>>;
  protected abstract defaultTitle(): string;

  /** The view's settings, from this web part's own properties. None unless a web part has some. */
  protected viewSettings(): TSettings | undefined {
    return undefined;
  }

  /** This web part's own property pane groups, shown after the shared Display group. */
  protected propertyPaneGroups(): IPropertyPaneGroup[] {
    return [];
  }

  protected async onInit(): Promise<void> {
    await super.onInit();
    await this.connect();
  }

  /** Finds the procurement site (web part setting, tenant property, or this site) and builds the services for it. */
  private async connect(): Promise<void> {
    const context = this.context;
    this.siteProblem = undefined;
    let site: ProcurementSite | undefined;
    try {
      site = await findProcurementSite(getSP(context), context.pageContext.web.absoluteUrl, this.properties.siteUrl);
    } catch (e) {
      this.siteProblem = toDataError(e);
    }
    // The section's theme (supportsThemeVariants): a web part on a dark or coloured section takes its colours.
    const themes = context.serviceScope.consume(ThemeProvider.serviceKey);
    this.host = await hostContextFromSpfx(context, site, {
      tryGetTheme: () => themes.tryGetTheme(),
      onChange: (listener) => themes.themeChangedEvent.add(this, (e) => listener(e.theme)),
    });
    // Microsoft Graph is needed only when a message is sent: load its client then, not with the page.
    const mail = mailOnDemand(async () => {
      const graph = await import(/* webpackChunkName: 'graph-mail' */ '../data/graph');
      return graph.graphMailSender(graph.getGraph(context));
    });
    this.services = createDataServices(site ? getSP(context, site.siteUrl) : getSP(context), mail);
  }

  public render(): void {
    if (!this.host || !this.services) return;
    if (this.siteProblem) {
      ReactDom.render(
        React.createElement(ThemedRoot, { host: this.host }, React.createElement(Problem, { error: this.siteProblem, onRetry: () => this.connect().then(() => this.render()) })),
        this.domElement
      );
      return;
    }
    const props: ViewProps<TSettings> = {
      host: this.host,
      services: this.services,
      framework: this.frameworkSource,
      title: this.properties.title || this.defaultTitle(),
      // A Teams deep link carries the period and index as the subPageId; a SharePoint link in the query.
      target: parseTarget(this.host.teams?.subPageId ?? window.location.search),
      settings: this.viewSettings(),
    };
    ReactDom.render(React.createElement(this.view(), props), this.domElement);
  }

  protected onPropertyPaneFieldChanged(propertyPath: string): void {
    // A new site address takes effect at once: connect to it and show what is there.
    if (propertyPath === 'siteUrl') this.connect().then(() => this.render(), () => this.render());
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
          groups: [
            {
              groupName: strings.DisplayGroupName,
              groupFields: [
                PropertyPaneTextField('title', { label: strings.TitleFieldLabel }),
                PropertyPaneTextField('siteUrl', {
                  label: 'Procurement site',
                  description: `Leave empty to use the tenant's setting (${SETTINGS.site}). Give the full address only to use another site for this web part.`,
                }),
              ],
            },
            ...this.propertyPaneGroups(),
          ],
        },
      ],
    };
  }
}

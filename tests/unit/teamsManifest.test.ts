import { readFileSync } from 'fs';
import { join } from 'path';
import { AppManifestUtils } from '@microsoft/app-manifest';

const teams = join(__dirname, '../../teams');
const manifest = JSON.parse(readFileSync(join(teams, 'manifest.json'), 'utf8'));
const webPart = JSON.parse(readFileSync(join(__dirname, '../../src/webparts/assessment/AssessmentWebPart.manifest.json'), 'utf8'));

function pngSize(file: string): { width: number; height: number; colourType: number } {
  const buf = readFileSync(join(teams, file));
  expect(buf.subarray(1, 4).toString()).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colourType: buf[25] };
}

describe('the Teams app manifest', () => {
  it('passes the official schema for its version, offline', async () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    const failures = await AppManifestUtils.validateAgainstSchema(manifest);
    expect(failures).toEqual([]);
  });

  it('is rejected by the same validator when broken, so the check above means something', async () => {
    const broken = { ...manifest, accentColor: 'blue', name: { full: manifest.name.full } };
    const failures = await AppManifestUtils.validateAgainstSchema(broken);
    expect(failures.length).toBeGreaterThan(0);
  });

  // Microsoft's "Deployment options for SharePoint Framework solutions for Microsoft Teams": the URLs of a
  // developer-provided Teams app package for SPFx web parts. Teams fills in {teamSiteDomain}, {teamSitePath}
  // and {locale}; the component id is the developer's to set.
  it('opens the Assessment web part as a personal app, at Microsoft\'s documented URL', () => {
    const personal = manifest.staticTabs.find((t: { contentUrl?: string }) => t.contentUrl);
    expect(personal.scopes).toEqual(['personal']);
    expect(personal.entityId).toBe('nps-maturity-assessment');
    expect(personal.contentUrl).toBe(
      `https://{teamSiteDomain}/_layouts/15/TeamsLogon.aspx?SPFX=true&dest=/_layouts/15/teamshostedapp.aspx%3Fteams%26personal%26componentId=${webPart.id}%26forceLocale={locale}`
    );
    expect(webPart.supportedHosts).toEqual(expect.arrayContaining(['TeamsPersonalApp']));
  });

  it('opens the Assessment web part as a configurable channel tab, at Microsoft\'s documented URL', () => {
    const tab = manifest.configurableTabs[0];
    expect(tab.scopes).toContain('team');
    expect(tab.configurationUrl).toBe(
      `https://{teamSiteDomain}{teamSitePath}/_layouts/15/TeamsLogon.aspx?SPFX=true&dest={teamSitePath}/_layouts/15/teamshostedapp.aspx%3FopenPropertyPane=true%26teams%26componentId=${webPart.id}%26forceLocale={locale}`
    );
    expect(webPart.supportedHosts).toEqual(expect.arrayContaining(['TeamsTab']));
  });

  it('keeps the Assessment web part\'s id as the Teams app id (the id SharePoint would give it; Sync to Teams deploys this package as it is)', () => {
    expect(manifest.id).toBe(webPart.id);
    expect(manifest.icons).toEqual({ color: `${webPart.id}_color.png`, outline: `${webPart.id}_outline.png` });
  });

  it('signs in to SharePoint as Microsoft documents for SPFx tabs', () => {
    expect(manifest.webApplicationInfo).toEqual({ resource: 'https://{teamSiteDomain}', id: '00000003-0000-0ff1-ce00-000000000000' });
    expect(manifest.validDomains).toEqual(expect.arrayContaining(['*.sharepoint.com', '*.login.microsoftonline.com']));
  });

  it('names the project as publisher, with placeholder URLs (reserved .example domain) for the council or distributor to set', () => {
    expect(manifest.developer).toEqual({
      name: 'Procurement maturity toolkit',
      websiteUrl: 'https://procurement-maturity-toolkit.example/',
      privacyUrl: 'https://procurement-maturity-toolkit.example/privacy',
      termsOfUseUrl: 'https://procurement-maturity-toolkit.example/terms',
    });
  });

  it('has a 192 px colour icon and a 32 px transparent outline icon', () => {
    expect(pngSize(manifest.icons.color)).toMatchObject({ width: 192, height: 192 });
    expect(pngSize(manifest.icons.outline)).toEqual({ width: 32, height: 32, colourType: 6 });
  });
});

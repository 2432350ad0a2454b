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

  it('opens the Assessment web part as a personal app and as a configurable channel tab', () => {
    expect(manifest.id).toBe(webPart.id);
    const personal = manifest.staticTabs.find((t: { contentUrl?: string }) => t.contentUrl);
    expect(personal.scopes).toEqual(['personal']);
    expect(personal.contentUrl).toContain(`componentId=${webPart.id}`);
    expect(personal.contentUrl).toContain('teamshostedapp.aspx%3Fteams%26personal');
    const tab = manifest.configurableTabs[0];
    expect(tab.scopes).toContain('team');
    expect(tab.configurationUrl).toContain(`componentId=${webPart.id}`);
    expect(webPart.supportedHosts).toEqual(expect.arrayContaining(['TeamsTab', 'TeamsPersonalApp']));
  });

  it('has a 192 px colour icon and a 32 px transparent outline icon', () => {
    expect(pngSize(manifest.icons.color)).toMatchObject({ width: 192, height: 192 });
    expect(pngSize(manifest.icons.outline)).toEqual({ width: 32, height: 32, colourType: 6 });
  });
});

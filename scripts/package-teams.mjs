#!/usr/bin/env node
// Zips teams/manifest.json and its icons into teams/TeamsSPFxApp.zip, the developer-provided Teams
// app package that gulp package-solution puts in the .sppkg and "Sync to Teams" then uses.
// The files go at the root of the zip, as Teams requires.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

const teams = join(new URL('..', import.meta.url).pathname, 'teams');
const manifest = JSON.parse(readFileSync(join(teams, 'manifest.json'), 'utf8'));
const zip = new JSZip();
for (const name of ['manifest.json', manifest.icons.color, manifest.icons.outline]) zip.file(name, readFileSync(join(teams, name)));
writeFileSync(join(teams, 'TeamsSPFxApp.zip'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
console.log('wrote teams/TeamsSPFxApp.zip');

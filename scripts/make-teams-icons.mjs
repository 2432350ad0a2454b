#!/usr/bin/env node
// Draws the Teams app icons (192 px colour, 32 px white-on-transparent outline) as PNG files.
// Run once when the icon changes: node scripts/make-teams-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse((await import('node:fs')).readFileSync(join(root, 'teams/manifest.json'), 'utf8'));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, paint) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(paint(x / size, y / size), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// Five rising bars on a base line: the five maturity levels.
function onMark(u, v) {
  if (v > 0.82 && v < 0.86 && u > 0.14 && u < 0.86) return true;
  for (let i = 0; i < 5; i++) {
    const left = 0.17 + i * 0.14;
    const top = 0.7 - i * 0.12;
    if (u >= left && u < left + 0.1 && v >= top && v < 0.8) return true;
  }
  return false;
}

const WHITE = [255, 255, 255, 255];
writeFileSync(join(root, 'teams', manifest.icons.color), png(192, (u, v) => (onMark(u, v) ? WHITE : [0, 78, 140, 255])));
writeFileSync(join(root, 'teams', manifest.icons.outline), png(32, (u, v) => (onMark(u, v) ? WHITE : [0, 0, 0, 0])));
console.log(`wrote teams/${manifest.icons.color} and teams/${manifest.icons.outline}`);

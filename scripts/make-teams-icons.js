'use strict';
// Draws the two Teams icons (a key) without any image library: run once, the PNGs are committed.
// Color: 192x192, full-bleed accent background. Outline: 32x32, white on transparent (Teams' rule).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const COMPONENT_ID = '0fe3e148-2119-4dd0-8c94-3af303741962';

function crcTable() {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const TABLE = crcTable();
function crc(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ]);
}

// The key, in a unit square: a ring (bow) on the left, a shaft to the right, two teeth down.
function isKey(u, v) {
  const dx = u - 0.32, dy = v - 0.5;
  const d = Math.sqrt(dx * dx + dy * dy);
  const ring = d <= 0.2 && d >= 0.09;
  const shaft = u >= 0.46 && u <= 0.86 && v >= 0.46 && v <= 0.56;
  const tooth1 = u >= 0.7 && u <= 0.76 && v >= 0.56 && v <= 0.68;
  const tooth2 = u >= 0.8 && u <= 0.86 && v >= 0.56 && v <= 0.72;
  return ring || shaft || tooth1 || tooth2;
}

const outDir = path.join(__dirname, '..', 'teams');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(
  path.join(outDir, `${COMPONENT_ID}_color.png`),
  png(192, (x, y) => (isKey(x / 192, y / 192) ? [255, 255, 255, 255] : [0, 69, 120, 255]))
);
fs.writeFileSync(
  path.join(outDir, `${COMPONENT_ID}_outline.png`),
  png(32, (x, y) => (isKey(x / 32, y / 32) ? [255, 255, 255, 255] : [0, 0, 0, 0]))
);
console.log('teams icons written');

import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import JSZip from 'jszip';

export const ROOT = path.join(__dirname, '..', '..');
export const SPPKG_PATH = path.join(ROOT, 'sharepoint', 'solution', 'api-key-management.sppkg');
export const TEAMS_ZIP_PATH = path.join(ROOT, 'teams', 'TeamsSPFxApp.zip');
export const WEB_PART_ID = '0fe3e148-2119-4dd0-8c94-3af303741962';

/** Opens a zip produced by `npm run package`, with a message that says how to make it. */
export async function openZip(file: string): Promise<JSZip> {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run package\` first (npm test does).`);
  }
  return JSZip.loadAsync(fs.readFileSync(file));
}

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row after row. */
  pixels: Uint8Array;
}

/** A minimal PNG decoder (8-bit RGBA, non-interlaced: what Teams icons must be) for pixel checks. */
export function decodePng(data: Uint8Array): DecodedPng {
  const buf = Buffer.from(data);
  if (buf.readUInt32BE(0) !== 0x89504e47) {
    throw new Error('not a PNG');
  }
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 6 || body[12] !== 0) {
        throw new Error(`unsupported PNG: bit depth ${body[8]}, colour type ${body[9]}, interlace ${body[12]}`);
      }
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

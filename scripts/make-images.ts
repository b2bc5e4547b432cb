/**
 * Draws the add-on's icon.png (128×128) and logo.png (250×100): a house with a robot's face in
 * HA blue on transparent, and the word "Majordome". Shapes are signed distance functions, so
 * edges are anti-aliased without a graphics library; PNGs are written with node:zlib.
 * Run: npx tsx scripts/make-images.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** Signed distance in pixels from a point to a shape: negative inside. */
type Sdf = (x: number, y: number) => number;

type Rgb = readonly [number, number, number];

const HA_BLUE: Rgb = [0x03, 0xa9, 0xf4];
const HA_BLUE_DARK: Rgb = [0x02, 0x88, 0xd1];

const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => Math.hypot(x - cx, y - cy) - r;

function segment(ax: number, ay: number, bx: number, by: number, half: number): Sdf {
  return (x, y) => {
    const [dx, dy] = [bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - ax - t * dx, y - ay - t * dy) - half;
  };
}

/** A path of joined segments, like a pen stroke. */
function polyline(points: readonly (readonly [number, number])[], half: number): Sdf {
  const parts: Sdf[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const [a, b] = [points[i - 1], points[i]];
    if (a && b) parts.push(segment(a[0], a[1], b[0], b[1], half));
  }
  return union(...parts);
}

/** A stroked arc from angle `from` to `to` in degrees, turning towards +y (counter-clockwise when y points up). */
function arc(cx: number, cy: number, r: number, from: number, to: number, half: number): Sdf {
  const span = (((to - from) % 360) + 360) % 360 || 360;
  const end = (deg: number): [number, number] => [cx + r * Math.cos((deg * Math.PI) / 180), cy + r * Math.sin((deg * Math.PI) / 180)];
  const [a, b] = [end(from), end(from + span)];
  return (x, y) => {
    const angle = (((Math.atan2(y - cy, x - cx) * 180) / Math.PI - from) % 360 + 360) % 360;
    if (angle <= span) return Math.abs(Math.hypot(x - cx, y - cy) - r) - half;
    return Math.min(Math.hypot(x - a[0], y - a[1]), Math.hypot(x - b[0], y - b[1])) - half;
  };
}

function roundedRect(cx: number, cy: number, halfW: number, halfH: number, r: number): Sdf {
  return (x, y) => {
    const qx = Math.abs(x - cx) - halfW + r;
    const qy = Math.abs(y - cy) - halfH + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function union(...shapes: Sdf[]): Sdf {
  return (x, y) => shapes.reduce((d, shape) => Math.min(d, shape(x, y)), Infinity);
}

function subtract(shape: Sdf, hole: Sdf): Sdf {
  return (x, y) => Math.max(shape(x, y), -hole(x, y));
}

/** Places a shape drawn in its own units at (left, top), `scale` pixels per unit. */
function place(shape: Sdf, left: number, top: number, scale: number): Sdf {
  return (x, y) => shape((x - left) / scale, (y - top) / scale) * scale;
}

/** The mark, in a 128-unit square (y down): a roof, an antenna, a body with two eyes and a smile. */
function houseRobot(): Sdf {
  const roof = polyline([[16, 64], [64, 22], [112, 64]], 6);
  const antenna = union(segment(64, 22, 64, 10, 2.5), circle(64, 9, 6));
  const body = roundedRect(64, 86, 34, 27, 11);
  const face = union(circle(51, 80, 6.5), circle(77, 80, 6.5), arc(64, 88, 11, 35, 145, 3.5));
  return union(roof, antenna, subtract(body, face));
}

/**
 * "Majordome" in a geometric stroke font. Glyphs are drawn in x-height units (baseline at 0,
 * y up); `xHeight` pixels per unit, starting at (left, baseline).
 */
function wordmark(left: number, baseline: number, xHeight: number): Sdf {
  const t = 0.12; // half the stroke width
  const r = 0.5 - t; // bowl radius
  const bowl = (x: number): Sdf => circle(x + 0.5, 0.5, r);
  const ring = (x: number): Sdf => (px, py) => Math.abs(bowl(x)(px, py)) - t;
  const stem = (x: number, y0: number, y1: number): Sdf => segment(x, y0, x, y1, t);
  const cap = 1.45 - t;
  const glyphs: [number, (x: number) => Sdf][] = [
    [1.15, (x) => polyline([[x + t, 0], [x + t, cap], [x + 0.575, 0.45], [x + 1.15 - t, cap], [x + 1.15 - t, 0]], t)],
    [1, (x) => union(ring(x), stem(x + 1 - t, 0, 1 - t))],
    [0.48, (x) => union(stem(x + 0.24, -0.12, 1 - t), arc(x - 0.02, -0.12, 0.26, 270, 360, t), circle(x + 0.24, 1.25, 0.15))],
    [1, ring],
    [0.8, (x) => union(stem(x + t, 0, 1 - t), arc(x + 0.5, 0.5, r, 45, 180, t))],
    [1, (x) => union(ring(x), stem(x + 1 - t, 0, cap))],
    [1, ring],
    [1.24, (x) => union(stem(x + t, 0, 1 - t), arc(x + 0.37, 0.63, 0.25, 0, 180, t), stem(x + 0.62, 0, 0.63),
      arc(x + 0.87, 0.63, 0.25, 0, 180, t), stem(x + 1.24 - t, 0, 0.63))],
    [1, (x) => union(arc(x + 0.5, 0.5, r, 0, 315, t), segment(x + t, 0.5, x + 1 - t, 0.5, t))],
  ];
  const parts: Sdf[] = [];
  let x = 0;
  for (const [advance, draw] of glyphs) {
    parts.push(draw(x));
    x += advance + 0.22;
  }
  const text = union(...parts);
  // Glyphs use y up from the baseline; pixels use y down.
  return (px, py) => text((px - left) / xHeight, (baseline - py) / xHeight) * xHeight;
}

/** Paints layers (later on top) into straight-alpha RGBA, one sample per pixel centre. */
function render(width: number, height: number, layers: readonly { shape: Sdf; rgb: Rgb }[]): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      for (const { shape, rgb } of layers) {
        const coverage = Math.max(0, Math.min(1, 0.5 - shape(x + 0.5, y + 0.5)));
        if (coverage === 0) continue;
        const below = (rgba[i + 3] ?? 0) / 255;
        const alpha = coverage + below * (1 - coverage);
        for (let c = 0; c < 3; c += 1) {
          rgba[i + c] = Math.round((rgb[c]! * coverage + (rgba[i + c] ?? 0) * below * (1 - coverage)) / alpha);
        }
        rgba[i + 3] = Math.round(alpha * 255);
      }
    }
  }
  return rgba;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace, filter 0 on every row. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function main(): void {
  const root = resolve(import.meta.dirname, '..');
  const icon = render(128, 128, [{ shape: houseRobot(), rgb: HA_BLUE }]);
  writeFileSync(resolve(root, 'icon.png'), encodePng(128, 128, icon));
  const logo = render(250, 100, [
    { shape: place(houseRobot(), 2, 6, 88 / 128), rgb: HA_BLUE },
    { shape: wordmark(98, 57, 14), rgb: HA_BLUE_DARK },
  ]);
  writeFileSync(resolve(root, 'logo.png'), encodePng(250, 100, logo));
}

main();

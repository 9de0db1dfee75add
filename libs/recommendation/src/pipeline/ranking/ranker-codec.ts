import type { RankerModel } from './ranker-model';
import { FEATURE_COUNT, RANKER_FEATURES } from './ranking-features';

const FORMAT = 'magpie-ranker/1';

/**
 * Binary form of a RankerModel: a little-endian u32 header length, a JSON header (format, feature
 * names, dim, items), padding to 4 bytes, then W₁, the product ids, P and C as 32-bit arrays.
 */
export function encodeRanker(model: RankerModel): Uint8Array {
  const items = model.itemRows.size;
  const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, features: RANKER_FEATURES, dim: model.dim, items }));
  const start = Math.ceil((4 + header.length) / 4) * 4;
  const words = FEATURE_COUNT + items + 2 * items * model.dim;
  const out = new Uint8Array(start + words * 4);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  const view = new DataView(out.buffer, start);
  let at = 0;
  const float = (v: number) => { view.setFloat32(at, v, true); at += 4; };
  model.weights.forEach(float);
  const ids = [...model.itemRows].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  for (const id of ids) { view.setInt32(at, id, true); at += 4; }
  model.historyFactors.forEach(float);
  model.itemFactors.forEach(float);
  return out;
}

export function decodeRanker(bytes: Uint8Array): RankerModel {
  const whole = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = whole.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as { format?: string; features?: string[]; dim: number; items: number };
  if (header.format !== FORMAT) throw new Error(`not a ${FORMAT} artifact`);
  if (JSON.stringify(header.features) !== JSON.stringify(RANKER_FEATURES)) throw new Error('the ranker was trained on other features');
  const { dim, items } = header;
  const view = new DataView(bytes.buffer, bytes.byteOffset + Math.ceil((4 + length) / 4) * 4);
  let at = 0;
  const floats = (n: number) => Float32Array.from({ length: n }, () => { const v = view.getFloat32(at, true); at += 4; return v; });
  const weights = floats(FEATURE_COUNT);
  const itemRows = new Map<number, number>();
  for (let row = 0; row < items; row++) { itemRows.set(view.getInt32(at, true), row); at += 4; }
  return { weights, dim, itemRows, historyFactors: floats(items * dim), itemFactors: floats(items * dim) };
}

import { ItemVocabulary } from './item-vocabulary';

const MAGIC = 0x5153474d; // "MGSQ"
const FORMAT_VERSION = 1;

/** What a SEQUENCE version stores: the model's bytes, its item vocabulary and how it was trained. */
export interface SequenceArtifact {
  /** `SequenceEncoder.save()` output. */
  model: Uint8Array;
  vocabulary: ItemVocabulary;
  /** Model config and training options, for people and for `modelVersions`. */
  config: Record<string, unknown>;
}

/**
 * Layout (little-endian): magic, format version, header length, item count, then the JSON
 * header padded to 4 bytes, the product id of each model index (int32), then the model bytes.
 */
export function encodeSequenceArtifact(artifact: SequenceArtifact): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ config: artifact.config }));
  const headerPadded = Math.ceil(header.length / 4) * 4;
  const items = artifact.vocabulary.productIds;
  const out = new Uint8Array(16 + headerPadded + items.length * 4 + artifact.model.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, header.length, true);
  view.setUint32(12, items.length, true);
  out.set(header, 16);
  let at = 16 + headerPadded;
  for (const id of items) {
    view.setInt32(at, id, true);
    at += 4;
  }
  out.set(artifact.model, at);
  return out;
}

export function decodeSequenceArtifact(bytes: Uint8Array): SequenceArtifact {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Magpie sequence-model artifact');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`unsupported sequence-model artifact format ${version}`);
  const headerLength = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as { config: Record<string, unknown> };
  let at = 16 + Math.ceil(headerLength / 4) * 4;
  const productIds = new Int32Array(count);
  for (let i = 0; i < count; i++, at += 4) productIds[i] = view.getInt32(at, true);
  return { model: bytes.slice(at), vocabulary: new ItemVocabulary(productIds), config: header.config };
}

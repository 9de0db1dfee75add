import type { FusionModel } from '../ranking/learned-fusion';

const MAGIC = 'MGSM';

/** What a stored ITEM_ENCODER version holds: the content encoder's bytes and the fusion weights. */
export interface SearchModelArtifact {
  /** Bytes of `saveContentEncoder` (@magpie/ml). */
  encoder: Uint8Array;
  /** Null: no judged queries to fit fusion on; the engine falls back to reciprocal rank fusion. */
  fusion: FusionModel | null;
}

/** "MGSM" | uint32 LE JSON length | JSON {fusion} | encoder bytes. */
export function encodeSearchModelArtifact(artifact: SearchModelArtifact): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ fusion: artifact.fusion }));
  const out = new Uint8Array(8 + header.length + artifact.encoder.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, header.length, true);
  out.set(header, 8);
  out.set(artifact.encoder, 8 + header.length);
  return out;
}

export function decodeSearchModelArtifact(bytes: Uint8Array): SearchModelArtifact {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('Not a Magpie search model artifact (bad magic bytes)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw new Error('Truncated search model artifact');
  const { fusion } = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as { fusion: FusionModel | null };
  return { encoder: bytes.slice(8 + length), fusion };
}

/** A search-model artifact, or bare content-encoder bytes (then without a fitted fusion). */
export function searchModelFromBytes(bytes: Uint8Array): SearchModelArtifact {
  const isArtifact = bytes.length >= 4 && new TextDecoder().decode(bytes.subarray(0, 4)) === MAGIC;
  return isArtifact ? decodeSearchModelArtifact(bytes) : { encoder: bytes, fusion: null };
}

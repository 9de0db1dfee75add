import * as tf from '@tensorflow/tfjs';

/** What identifies a kind of model file: 4 magic bytes, a format name and its version. */
export interface ModelFormat {
  magic: string;
  name: string;
  version: number;
  /** For error messages ("sequence model", "content encoder"). */
  what: string;
}

/**
 * Model bytes: magic | uint32 LE header length | header JSON {modelTopology, weightSpecs} | weight data.
 * Written through a `tf.io.withSaveHandler` IOHandler (the same artifacts any tf.io handler would get),
 * so storing elsewhere is a matter of another handler. `topology` is the model's own JSON (config, vocabulary...).
 */
export async function saveModelBytes(format: ModelFormat, topology: object, weights: ReadonlyMap<string, tf.Tensor>): Promise<Uint8Array> {
  const named = [...weights].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  let captured: tf.io.ModelArtifacts | null = null;
  const handler = tf.io.withSaveHandler(async (artifacts) => {
    captured = artifacts;
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
  if (!handler.save) throw new Error('tf.io.withSaveHandler gave a handler without save()');
  const modelTopology = { ...topology, format: format.name, version: format.version };
  await handler.save({ modelTopology, weightSpecs: specs, weightData: data, format: format.name, generatedBy: 'magpie' });
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts?.weightData) throw new Error(`Saving the ${format.what} produced no weights`);
  const header = new TextEncoder().encode(JSON.stringify({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs }));
  const weightBytes = new Uint8Array(joinWeightData(artifacts.weightData));
  const out = new Uint8Array(8 + header.length + weightBytes.length);
  out.set(new TextEncoder().encode(format.magic), 0);
  new DataView(out.buffer).setUint32(4, header.length, true);
  out.set(header, 8);
  out.set(weightBytes, 8 + header.length);
  return out;
}

/** Parses model bytes back into the model's topology JSON and named tensors (through `tf.io.fromMemory`). */
export async function loadModelBytes(format: ModelFormat, bytes: Uint8Array): Promise<{ topology: Record<string, unknown>; tensors: Map<string, tf.Tensor> }> {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== format.magic) throw new Error(`Not a Magpie ${format.what} (bad magic bytes)`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new Error(`Truncated ${format.what} (header runs past the end)`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { modelTopology?: Record<string, unknown>; weightSpecs?: tf.io.WeightsManifestEntry[] };
  const topology = header.modelTopology;
  if (topology?.format !== format.name || topology.version !== format.version) throw new Error(`Unsupported ${format.what} format ${String(topology?.format)} v${String(topology?.version)}`);
  // a copy: `bytes` may be a view (a Node Buffer's slice() is one too) into a larger ArrayBuffer
  const weightData = new Uint8Array(bytes.subarray(8 + headerLength)).buffer;
  const source = tf.io.fromMemory({ modelTopology: topology, weightSpecs: header.weightSpecs ?? [], weightData });
  if (!source.load) throw new Error('tf.io.fromMemory gave a handler without load()');
  const artifacts = await source.load();
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error(`The ${format.what} has no weights`);
  const expected = artifacts.weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (expected !== weightData.byteLength) throw new Error(`The ${format.what}'s weights are ${weightData.byteLength} bytes, expected ${expected}`);
  const decoded = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  return { topology, tensors: new Map<string, tf.Tensor>(artifacts.weightSpecs.map((s) => [s.name, decoded[s.name]])) };
}

function joinWeightData(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

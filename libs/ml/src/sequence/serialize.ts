import * as tf from '@tensorflow/tfjs';
import { resolveSequenceConfig } from './defaults';
import type { SequenceModelConfig } from './types';
import type { Weights } from './weights';

const MAGIC = 'MGSQ';
const FORMAT = 'magpie-sequence-model';
const VERSION = 1;

interface Topology {
  format: typeof FORMAT;
  version: number;
  config: SequenceModelConfig;
}

/**
 * Model bytes: "MGSQ" | uint32 LE header length | header JSON {modelTopology, weightSpecs} | weight data.
 * Written through a `tf.io.withSaveHandler` IOHandler (the same artifacts any tf.io handler would get),
 * so storing elsewhere is a matter of another handler.
 */
export async function saveSequenceModel(config: SequenceModelConfig, weights: Weights): Promise<Uint8Array> {
  const named = [...weights].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  let captured: tf.io.ModelArtifacts | null = null;
  const handler = tf.io.withSaveHandler(async (artifacts) => {
    captured = artifacts;
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
  const topology: Topology = { format: FORMAT, version: VERSION, config };
  if (!handler.save) throw new Error('tf.io.withSaveHandler gave a handler without save()');
  await handler.save({ modelTopology: { ...topology }, weightSpecs: specs, weightData: data, format: FORMAT, generatedBy: 'magpie' });
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts?.weightData) throw new Error('Saving the sequence model produced no weights');
  const header = new TextEncoder().encode(JSON.stringify({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs }));
  const weightBytes = new Uint8Array(joinWeightData(artifacts.weightData));
  const out = new Uint8Array(8 + header.length + weightBytes.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, header.length, true);
  out.set(header, 8);
  out.set(weightBytes, 8 + header.length);
  return out;
}

/** Parses model bytes back into a config and named tensors (through `tf.io.fromMemory`). */
export async function loadSequenceWeights(bytes: Uint8Array): Promise<{ config: SequenceModelConfig; tensors: Map<string, tf.Tensor> }> {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('Not a Magpie sequence model (bad magic bytes)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new Error('Truncated sequence model (header runs past the end)');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { modelTopology?: Partial<Topology>; weightSpecs?: tf.io.WeightsManifestEntry[] };
  const topology = header.modelTopology;
  if (topology?.format !== FORMAT || topology.version !== VERSION || !topology.config) throw new Error(`Unsupported sequence model format ${String(topology?.format)} v${String(topology?.version)}`);
  const weightData = bytes.slice(8 + headerLength).buffer;
  const source = tf.io.fromMemory({ modelTopology: { ...topology }, weightSpecs: header.weightSpecs ?? [], weightData });
  if (!source.load) throw new Error('tf.io.fromMemory gave a handler without load()');
  const artifacts = await source.load();
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('Sequence model has no weights');
  const expected = artifacts.weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (expected !== weightData.byteLength) throw new Error(`Sequence model weights are ${weightData.byteLength} bytes, expected ${expected}`);
  const decoded = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  const tensors = new Map<string, tf.Tensor>(artifacts.weightSpecs.map((s) => [s.name, decoded[s.name]]));
  const config = resolveSequenceConfig(topology.config);
  return { config, tensors };
}

function joinWeightData(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

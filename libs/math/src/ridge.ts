/** A fitted linear map y = x·W + b (row vectors), `weights` dIn × dOut row-major. */
export interface LinearMap {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * Ridge regression of Y (n × dOut) on X (n × dIn), both row-major, with an unpenalised intercept:
 * W = (XcᵀXc + αI)⁻¹ XcᵀYc on column-centred Xc, Yc; b = ȳ − x̄·W. Solved by Cholesky (α > 0 keeps
 * the system positive definite).
 */
export function fitRidge(data: { x: ArrayLike<number>; y: ArrayLike<number>; rows: number; inputs: number; outputs: number; alpha: number }): LinearMap {
  const { x, y, rows: n, inputs: dIn, outputs: dOut, alpha } = data;
  if (x.length !== n * dIn || y.length !== n * dOut) throw new RangeError(`fitRidge: expected ${n}×${dIn} inputs and ${n}×${dOut} outputs`);
  if (!(alpha > 0)) throw new RangeError(`fitRidge: alpha must be > 0; got ${alpha}`);
  const meanX = columnMeans(x, n, dIn);
  const meanY = columnMeans(y, n, dOut);
  const gram = new Float64Array(dIn * dIn);
  const cross = new Float64Array(dIn * dOut);
  const xr = new Float64Array(dIn);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dIn; i++) xr[i] = x[r * dIn + i] - meanX[i];
    for (let i = 0; i < dIn; i++) {
      for (let j = 0; j <= i; j++) gram[i * dIn + j] += xr[i] * xr[j];
      for (let k = 0; k < dOut; k++) cross[i * dOut + k] += xr[i] * (y[r * dOut + k] - meanY[k]);
    }
  }
  for (let i = 0; i < dIn; i++) {
    gram[i * dIn + i] += alpha;
    for (let j = 0; j < i; j++) gram[j * dIn + i] = gram[i * dIn + j];
  }
  const weights = choleskySolve(gram, cross, dIn, dOut);
  const bias = Float64Array.from(meanY);
  for (let i = 0; i < dIn; i++) for (let k = 0; k < dOut; k++) bias[k] -= meanX[i] * weights[i * dOut + k];
  return { inputs: dIn, outputs: dOut, weights, bias };
}

/** y = x·W + b for each row of x (rows × map.inputs), row-major. */
export function applyLinearMap(map: LinearMap, x: ArrayLike<number>, rows: number): Float32Array {
  const out = new Float32Array(rows * map.outputs);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < map.outputs; k++) {
      let v = map.bias[k];
      for (let i = 0; i < map.inputs; i++) v += x[r * map.inputs + i] * map.weights[i * map.outputs + k];
      out[r * map.outputs + k] = v;
    }
  }
  return out;
}

function columnMeans(m: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const means = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) means[c] += m[r * cols + c];
  for (let c = 0; c < cols; c++) means[c] /= Math.max(1, rows);
  return means;
}

/** Solves A·X = B for symmetric positive-definite A (d × d) and B (d × k): A = LLᵀ, then two triangular solves. */
function choleskySolve(a: Float64Array, b: Float64Array, d: number, k: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let p = 0; p < j; p++) sum -= l[i * d + p] * l[j * d + p];
      if (i === j) {
        if (sum <= 0) throw new RangeError('choleskySolve: matrix is not positive definite');
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  const z = new Float64Array(d * k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < d; i++) {
      let sum = b[i * k + c];
      for (let p = 0; p < i; p++) sum -= l[i * d + p] * z[p * k + c];
      z[i * k + c] = sum / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let sum = z[i * k + c];
      for (let p = i + 1; p < d; p++) sum -= l[p * d + i] * z[p * k + c];
      z[i * k + c] = sum / l[i * d + i];
    }
  }
  return z;
}

// Small dense linear algebra for key-driver analysis: correlation matrices and the symmetric
// eigen-decomposition (cyclic Jacobi). Matrices are a few predictors wide, so clarity beats speed.

export type Matrix = number[][];

/** Eigenvalues (descending) and unit eigenvectors (columns of `vectors`) of a symmetric matrix. */
export function symmetricEigen(input: Matrix): { values: number[]; vectors: Matrix } {
  const n = input.length;
  const a = input.map((row) => [...row]);
  const v: Matrix = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        // The rotation angle that zeroes a[p][q] (Golub & Van Loan, symmetric Schur decomposition).
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return {
    values: order.map((i) => a[i][i]),
    vectors: v.map((row) => order.map((i) => row[i])),
  };
}

/** Product of two matrices. */
export function multiply(x: Matrix, y: Matrix): Matrix {
  return x.map((row) => y[0].map((_, j) => row.reduce((sum, xik, k) => sum + xik * y[k][j], 0)));
}

/** Matrix times vector. */
export function apply(x: Matrix, v: number[]): number[] {
  return x.map((row) => row.reduce((sum, xij, j) => sum + xij * v[j], 0));
}

/** V · f(Λ) · Vᵀ: a function of a symmetric matrix through its eigen-decomposition. */
export function spectralMap(eigen: { values: number[]; vectors: Matrix }, f: (lambda: number) => number): Matrix {
  const { values, vectors } = eigen;
  const n = values.length;
  return vectors.map((_, i) => vectors.map((_, j) => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += vectors[i][k] * f(values[k]) * vectors[j][k];
    return sum;
  }));
}

/**
 * Pearson correlations of each column with every other, from rows of equal length, each row
 * counted `weights[r]` times (the bootstrap's resample counts; default once). The n-1 cancels.
 * A constant column gives NaN correlations, which callers must refuse.
 */
export function correlationMatrix(rows: number[][], weights?: ArrayLike<number>): Matrix {
  const p = rows[0]?.length ?? 0;
  const mean = new Float64Array(p);
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const w = weights ? weights[r] : 1;
    if (w === 0) continue;
    const row = rows[r];
    total += w;
    for (let j = 0; j < p; j++) mean[j] += w * row[j];
  }
  for (let j = 0; j < p; j++) mean[j] /= total;
  // Upper triangle of the (weighted) cross-product matrix, flat: runs once per bootstrap resample.
  const cov = new Float64Array(p * p);
  const centred = new Float64Array(p);
  for (let r = 0; r < rows.length; r++) {
    const w = weights ? weights[r] : 1;
    if (w === 0) continue;
    const row = rows[r];
    for (let j = 0; j < p; j++) centred[j] = row[j] - mean[j];
    for (let i = 0; i < p; i++) {
      const wi = w * centred[i];
      for (let j = i; j < p; j++) cov[i * p + j] += wi * centred[j];
    }
  }
  const out: Matrix = [];
  for (let i = 0; i < p; i++) {
    const line = new Array<number>(p);
    for (let j = 0; j < p; j++) {
      line[j] = i === j ? 1 : cov[Math.min(i, j) * p + Math.max(i, j)] / Math.sqrt(cov[i * p + i] * cov[j * p + j]);
    }
    out.push(line);
  }
  return out;
}

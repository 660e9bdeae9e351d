package dev.recstream.model.embed;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The leading left singular vectors of a sparse matrix A by randomized subspace iteration (Halko,
 * Martinsson and Tropp 2011, algorithms 4.4 and 5.1). With l = rank + oversample:
 *
 * <ol>
 *   <li>Ω: cols × l standard Gaussian from a seeded {@link Random}; Q = qr(A Ω);
 *   <li>q times: Q = qr(A · qr(Aᵀ Q)) — re-orthonormalising after every product keeps the small
 *       singular directions from being lost to rounding;
 *   <li>B = Qᵀ A (l × cols), formed as its transpose Aᵀ Q with the sparse product;
 *   <li>the SVD of that tall cols × l matrix, Bᵀ = W Σ Vᵀ, gives B = V Σ Wᵀ, so U = Q V.
 * </ol>
 *
 * A need not be symmetric: the caller passes Aᵀ explicitly. Sparse products are plain loops over
 * CSR ({@link CsrMatrix#multiply}); QR and the small SVD are EJML's.
 */
final class RandomizedSvd {
  private RandomizedSvd() {}

  /**
   * U (rows × k, row-major) and the k singular values, both in descending order of the singular
   * values; k = min(rank, rows, cols).
   */
  record Factors(DMatrixRMaj u, double[] singularValues) {}

  /** The top {@code rank} left factors of {@code a}, given {@code aT} = aᵀ. */
  static Factors leftFactors(
      CsrMatrix a, CsrMatrix aT, int rank, int oversample, int powerIterations, long seed) {
    int l = Math.min(rank + oversample, Math.min(a.rows(), a.cols()));
    DMatrixRMaj q = orthonormal(product(a, gaussian(a.cols(), l, seed)));
    for (int i = 0; i < powerIterations; i++) {
      DMatrixRMaj z = orthonormal(product(aT, q));
      q = orthonormal(product(a, z));
    }
    return factorsOf(q, product(aT, q), Math.min(rank, l));
  }

  /** U = Q V from the SVD of Bᵀ = Aᵀ Q, truncated to k columns. */
  private static Factors factorsOf(DMatrixRMaj q, DMatrixRMaj bT, int k) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(bT.numRows, bT.numCols, false, true, true);
    if (!svd.decompose(bT)) {
      throw new IllegalStateException("randomized SVD: the projected matrix's SVD did not converge");
    }
    int count = svd.numberOfSingularValues();
    double[] singular = svd.getSingularValues().clone();
    DMatrixRMaj v = svd.getV(null, false);
    SingularOps_DDRM.descendingOrder(null, false, singular, count, v, false);
    DMatrixRMaj u = CommonOps_DDRM.mult(q, v, null);
    double[] top = Arrays.copyOf(singular, k);
    return new Factors(CommonOps_DDRM.extract(u, 0, u.numRows, 0, k), top);
  }

  private static DMatrixRMaj gaussian(int rows, int cols, long seed) {
    Random random = new Random(seed);
    DMatrixRMaj omega = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < omega.data.length; i++) {
      omega.data[i] = random.nextGaussian();
    }
    return omega;
  }

  private static DMatrixRMaj product(CsrMatrix sparse, DMatrixRMaj dense) {
    DMatrixRMaj out = new DMatrixRMaj(sparse.rows(), dense.numCols);
    sparse.multiply(dense.data, dense.numCols, out.data);
    return out;
  }

  /**
   * An orthonormal basis of y's columns: Householder QR, or — when QR gives up, as it does on a
   * small catalog whose co-occurring items leave whole columns exactly zero below the diagonal —
   * the left singular vectors of y, which span the same space.
   */
  static DMatrixRMaj orthonormal(DMatrixRMaj y) {
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(y.numRows, y.numCols);
    if (qr.decompose(y.copy())) {
      return qr.getQ(null, true);
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(y.numRows, y.numCols, true, false, true);
    if (!svd.decompose(y.copy())) {
      throw new IllegalStateException("randomized SVD: neither QR nor SVD could orthonormalise a "
          + y.numRows + "×" + y.numCols + " matrix");
    }
    return svd.getU(null, false);
  }
}

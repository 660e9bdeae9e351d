package dev.recstream.model.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RandomizedSvd")
class RandomizedSvdTest {
  private static final int N = 60;
  private static final int RANK = 6;

  /**
   * A = V diag(λ) Vᵀ with a random orthogonal V and a slowly decaying spectrum λ_i = 1 / (i + 1):
   * symmetric positive semi-definite, so U·S·Uᵀ is its rank-k approximation, and hard enough that
   * plain random projection without power iterations would be visibly off.
   */
  private static DMatrixRMaj symmetricMatrix() {
    DMatrixRMaj v = RandomMatrices_DDRM.orthogonal(N, N, new Random(11));
    DMatrixRMaj scaled = v.copy();
    for (int r = 0; r < N; r++) {
      for (int c = 0; c < N; c++) {
        scaled.set(r, c, v.get(r, c) / (c + 1.0));
      }
    }
    return CommonOps_DDRM.multTransB(scaled, v, null);
  }

  private static double[][] rowsOf(DMatrixRMaj m) {
    double[][] rows = new double[m.numRows][];
    for (int r = 0; r < m.numRows; r++) {
      rows[r] = Arrays.copyOfRange(m.data, r * m.numCols, (r + 1) * m.numCols);
    }
    return rows;
  }

  /** ‖A − U·S·Uᵀ‖_F. */
  private static double reconstructionError(DMatrixRMaj a, DMatrixRMaj u, double[] singular) {
    DMatrixRMaj us = u.copy();
    for (int r = 0; r < us.numRows; r++) {
      for (int c = 0; c < us.numCols; c++) {
        us.set(r, c, u.get(r, c) * singular[c]);
      }
    }
    return NormOps_DDRM.normF(CommonOps_DDRM.subtract(a, CommonOps_DDRM.multTransB(us, u, null), null));
  }

  private static double[] exactSingularValues(DMatrixRMaj a) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(N, N, false, false, false);
    assertTrue(svd.decompose(a.copy()));
    double[] values = svd.getSingularValues().clone();
    Arrays.sort(values);
    for (int i = 0; i < values.length / 2; i++) {
      double swap = values[i];
      values[i] = values[values.length - 1 - i];
      values[values.length - 1 - i] = swap;
    }
    return values;
  }

  @Test
  @DisplayName("the rank-k reconstruction is as good as the exact SVD's, within 0.01% (one power iteration would miss that)")
  void matchesExactSvd() {
    DMatrixRMaj a = symmetricMatrix();
    CsrMatrix sparse = CsrMatrix.fromDense(rowsOf(a));
    RandomizedSvd.Factors factors = RandomizedSvd.leftFactors(sparse, sparse.transpose(), RANK, 10, 4, 42L);

    double[] exact = exactSingularValues(a);
    double bestError = 0;
    for (int i = RANK; i < N; i++) {
      bestError += exact[i] * exact[i];
    }
    bestError = Math.sqrt(bestError);
    double error = reconstructionError(a, factors.u(), factors.singularValues());
    assertTrue(error <= bestError * 1.0001, "error " + error + " vs optimal " + bestError);
    for (int i = 0; i < RANK; i++) {
      assertEquals(exact[i], factors.singularValues()[i], 1e-6 * exact[i], "singular value " + i);
    }
  }

  @Test
  @DisplayName("U has orthonormal columns, ordered by descending singular value")
  void orthonormalAndOrdered() {
    CsrMatrix sparse = CsrMatrix.fromDense(rowsOf(symmetricMatrix()));
    RandomizedSvd.Factors factors = RandomizedSvd.leftFactors(sparse, sparse.transpose(), RANK, 10, 4, 42L);
    DMatrixRMaj gram = CommonOps_DDRM.multTransA(factors.u(), factors.u(), null);
    assertTrue(MatrixFeatures_DDRM.isIdentity(gram, 1e-10));
    double[] singular = factors.singularValues();
    for (int i = 1; i < singular.length; i++) {
      assertTrue(singular[i - 1] >= singular[i], Arrays.toString(singular));
    }
  }
}

package dev.recstream.trainer.rank;

/**
 * How {@link RankerTraining} fits the logistic regression.
 *
 * <p>LibLinear minimizes {@code ½‖w‖² + C·Σᵢ logloss(i)}. Dividing by {@code C·n} shows this is
 * the mean log-loss plus {@code (λ/2)‖w‖²} with {@code λ = 1/(C·n)}, i.e. {@code C = 1/(λ·n)}:
 * the L2 ≈ 1e-4 of MODEL-NOTES on 1.6 M rows is {@code C ≈ 0.00625} (see {@link
 * #withPenalty(double, int)}). LibLinear also penalizes the intercept, as an extra feature fixed
 * at 1 — harmless on z-scored features.
 *
 * @param solver which Tribuo trainer fits the model
 * @param cost LibLinear's C (LIBLINEAR only), &gt; 0
 * @param epsilon LibLinear's termination tolerance on the gradient norm, relative to the
 *     initial one (LIBLINEAR only), &gt; 0
 * @param maxIterations LibLinear's limit on Newton iterations (LIBLINEAR only), &gt; 0
 * @param sgdEpochs passes over the data (SGD only), &gt; 0
 * @param sgdLearningRate AdaGrad's initial learning rate (SGD only), &gt; 0
 * @param sgdMinibatchSize examples per gradient step (SGD only), &gt; 0
 * @param seed the seed of either trainer's shuffling
 */
public record RankerOptions(
    Solver solver,
    double cost,
    double epsilon,
    int maxIterations,
    int sgdEpochs,
    double sgdLearningRate,
    int sgdMinibatchSize,
    long seed) {

  /** The Tribuo trainer behind {@link RankerTraining}. */
  public enum Solver {
    /**
     * LibLinear's L2-regularized logistic regression (L2R_LR, a trust-region Newton method): the
     * exact optimum of the convex problem.
     */
    LIBLINEAR,
    /**
     * Tribuo's LinearSGDTrainer with the LogMulticlass objective and AdaGrad. It has no L2 term
     * (only the number of epochs limits the weights), so it approaches LIBLINEAR's optimum only
     * with enough epochs and a tuned step — compare the two on validation.
     */
    SGD
  }

  /** Checks every field, naming the first one out of range. */
  public RankerOptions {
    if (solver == null) {
      throw new IllegalArgumentException("RankerOptions.solver must be LIBLINEAR or SGD, not null.");
    }
    requirePositive("RankerOptions.cost", cost);
    requirePositive("RankerOptions.epsilon", epsilon);
    requirePositive("RankerOptions.maxIterations", maxIterations);
    requirePositive("RankerOptions.sgdEpochs", sgdEpochs);
    requirePositive("RankerOptions.sgdLearningRate", sgdLearningRate);
    requirePositive("RankerOptions.sgdMinibatchSize", sgdMinibatchSize);
  }

  /**
   * LIBLINEAR with C = 1, tolerance 1e-3 (tighter than LibLinear's 0.01 default, to converge
   * fully), at most 1,000 iterations; for SGD 10 epochs, AdaGrad rate 0.5, minibatches of 1.
   */
  public static RankerOptions defaults() {
    return new RankerOptions(Solver.LIBLINEAR, 1.0, 1e-3, 1000, 10, 0.5, 1, 12345L);
  }

  /**
   * The LibLinear cost equivalent to an L2 penalty {@code λ} on the mean log-loss over {@code
   * rows} examples: {@code C = 1/(λ·n)}.
   */
  public static double costForPenalty(double lambda, int rows) {
    requirePositive("costForPenalty lambda", lambda);
    requirePositive("costForPenalty rows", rows);
    return 1.0 / (lambda * rows);
  }

  /** These options with another solver. */
  public RankerOptions withSolver(Solver newSolver) {
    return new RankerOptions(newSolver, cost, epsilon, maxIterations, sgdEpochs, sgdLearningRate, sgdMinibatchSize, seed);
  }

  /** These options with LibLinear's cost set directly. */
  public RankerOptions withCost(double newCost) {
    return new RankerOptions(solver, newCost, epsilon, maxIterations, sgdEpochs, sgdLearningRate, sgdMinibatchSize, seed);
  }

  /** These options with the cost for an L2 penalty {@code λ} over {@code rows} examples. */
  public RankerOptions withPenalty(double lambda, int rows) {
    return withCost(costForPenalty(lambda, rows));
  }

  /** These options with LibLinear's termination tolerance. */
  public RankerOptions withEpsilon(double newEpsilon) {
    return new RankerOptions(solver, cost, newEpsilon, maxIterations, sgdEpochs, sgdLearningRate, sgdMinibatchSize, seed);
  }

  /** These options with another number of SGD epochs. */
  public RankerOptions withSgdEpochs(int epochs) {
    return new RankerOptions(solver, cost, epsilon, maxIterations, epochs, sgdLearningRate, sgdMinibatchSize, seed);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, not " + value + ".");
    }
  }
}

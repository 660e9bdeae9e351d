package dev.recstream.model.eval;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * The leave-one-out split of CONTRACT §7: per user with at least {@value #MIN_ITEMS} items, the
 * last item is the test item, the second last the validation item and the rest training. Users
 * with fewer items are not evaluated, but their whole sequence is still training data.
 *
 * <p>A split is seen through one of two views of the same shape — what a model is fitted on and,
 * per evaluated user, the history and the target:
 *
 * <ul>
 *   <li>the test view ({@link #of}): fit on every sequence without its test item (models that
 *       need a validation item take each sequence's last one themselves); target = test item;
 *   <li>the {@link #validationView()}: fit on every sequence without its last two items; target =
 *       validation item. Use it for model selection, so the test item is never looked at.
 * </ul>
 *
 * <p>In both views a user with fewer than {@value #MIN_ITEMS} items contributes the whole
 * sequence to the fit input: none of its items is a validation or test item.
 */
public final class LeaveOneOut {
  /** The fewest items a user needs to be evaluated: one training, one validation, one test item. */
  public static final int MIN_ITEMS = 3;

  private final List<UserSequence> users;
  private final int numItems;
  private final int itemsHeldOut;
  private final List<int[]> fitInput = new ArrayList<>();
  private final List<HeldOutItem> heldOut = new ArrayList<>();

  private LeaveOneOut(List<UserSequence> users, int numItems, int itemsHeldOut) {
    this.users = users;
    this.numItems = numItems;
    this.itemsHeldOut = itemsHeldOut;
    for (UserSequence user : users) {
      split(user);
    }
  }

  /**
   * The test view of {@code data}'s split.
   *
   * @throws IllegalArgumentException when a sequence holds an index outside 1..vocabulary size
   */
  public static LeaveOneOut of(SequenceDataset data) {
    int numItems = data.items().size();
    List<UserSequence> users = data.users();
    for (int u = 0; u < users.size(); u++) {
      checkIndices(u, users.get(u), numItems);
    }
    return new LeaveOneOut(users, numItems, 1);
  }

  /** The same split one step earlier: fit without the last two items, targets = validation items. */
  public LeaveOneOut validationView() {
    return isValidationView() ? this : new LeaveOneOut(users, numItems, 2);
  }

  /** Whether this is the validation view (targets are validation items, not test items). */
  public boolean isValidationView() {
    return itemsHeldOut == 2;
  }

  /** The number of items in the vocabulary: indices run from 1 to numItems. */
  public int numItems() {
    return numItems;
  }

  /**
   * What a model is fitted on: one sequence per user with at least one item left, in dataset
   * order. Each call returns fresh arrays, so a model that changes its input cannot change the
   * split for the next model.
   */
  public List<int[]> fitInput() {
    List<int[]> copy = new ArrayList<>(fitInput.size());
    for (int[] sequence : fitInput) {
      copy.add(sequence.clone());
    }
    return copy;
  }

  /**
   * Checks that at least one user is evaluated, so that a run on unusable data stops once, with
   * this sentence, rather than failing every model the same way.
   *
   * @throws IllegalArgumentException when no user has at least {@value #MIN_ITEMS} items
   */
  public void requireEvaluatedUsers() {
    if (heldOut.isEmpty()) {
      throw new IllegalArgumentException(
          "data: no user has at least " + MIN_ITEMS + " items, so there is nothing to evaluate");
    }
  }

  /** The evaluated users, in dataset order: each one's history and held-out target. */
  public List<HeldOutItem> heldOut() {
    return List.copyOf(heldOut);
  }

  private void split(UserSequence user) {
    int n = user.length();
    if (n >= MIN_ITEMS) {
      int cut = n - itemsHeldOut;
      fitInput.add(user.prefix(cut));
      heldOut.add(new HeldOutItem(user.userId(), user.prefix(cut), user.items()[cut]));
    } else if (n > 0) {
      fitInput.add(user.items().clone());
    }
  }

  private static void checkIndices(int position, UserSequence user, int numItems) {
    for (int item : user.items()) {
      if (item < 1 || item > numItems) {
        throw new IllegalArgumentException(
            "users[" + position + "] (" + user.userId() + "): item index " + item
                + " is outside the vocabulary 1.." + numItems);
      }
    }
  }
}

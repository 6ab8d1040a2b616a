package io.nagare.connectors.kafka.internal;

import java.util.Optional;

/**
 * The transactional ids of an exactly-once Kafka sink: {@code <prefix>-<subtask>-<n>}, where
 * {@code subtask} is the 0-based index of the writer's subtask and {@code n} the slot in its pool.
 * The suffix is exactly two decimal numbers, so ids of prefixes that extend one another ({@code
 * orders} and {@code orders-1}) cannot be mistaken for each other.
 */
public final class TransactionalIds {
  private TransactionalIds() {}

  /** {@code <prefix>-<subtask>-<n>}. */
  public static String of(String prefix, int subtask, int n) {
    return prefix + "-" + subtask + "-" + n;
  }

  /** The subtask and slot of {@code transactionalId} if it is an id of {@code prefix}. */
  public static Optional<Parsed> parse(String prefix, String transactionalId) {
    if (!transactionalId.startsWith(prefix + "-")) {
      return Optional.empty();
    }
    String rest = transactionalId.substring(prefix.length() + 1);
    int dash = rest.indexOf('-');
    if (dash <= 0 || dash == rest.length() - 1) {
      return Optional.empty();
    }
    String subtask = rest.substring(0, dash);
    String n = rest.substring(dash + 1);
    if (!isNumber(subtask) || !isNumber(n)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Parsed(Integer.parseInt(subtask), Integer.parseInt(n)));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The parts of a parsed id. */
  public record Parsed(int subtask, int n) {}
}

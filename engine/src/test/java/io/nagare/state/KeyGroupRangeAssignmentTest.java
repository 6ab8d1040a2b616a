package io.nagare.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyGroupRangeAssignmentTest {
  private static final int MAX_PARALLELISM = 128;

  @Test
  void everyKeyGroupBelongsToExactlyOneSubtask() {
    for (int parallelism = 1; parallelism <= 10; parallelism++) {
      int[] owners = new int[MAX_PARALLELISM];
      for (int index = 0; index < parallelism; index++) {
        KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(MAX_PARALLELISM, parallelism, index);
        for (int keyGroup = range.getStartKeyGroup(); keyGroup <= range.getEndKeyGroup(); keyGroup++) {
          owners[keyGroup]++;
        }
      }
      for (int keyGroup = 0; keyGroup < MAX_PARALLELISM; keyGroup++) {
        assertThat(owners[keyGroup]).as("owners of key group %d at parallelism %d", keyGroup, parallelism)
            .isEqualTo(1);
      }
    }
  }

  @Test
  void rangesAreContiguousAndCoverAllKeyGroups() {
    for (int parallelism = 1; parallelism <= 10; parallelism++) {
      int nextStart = 0;
      for (int index = 0; index < parallelism; index++) {
        KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(MAX_PARALLELISM, parallelism, index);
        assertThat(range.getStartKeyGroup()).as("start of subtask %d of %d", index, parallelism).isEqualTo(nextStart);
        assertThat(range.size()).isGreaterThan(0);
        nextStart = range.getEndKeyGroup() + 1;
      }
      assertThat(nextStart).as("end of the last range at parallelism %d", parallelism).isEqualTo(MAX_PARALLELISM);
    }
  }

  @Test
  void operatorIndexFormulaAgreesWithRanges() {
    for (int parallelism = 1; parallelism <= 10; parallelism++) {
      for (int keyGroup = 0; keyGroup < MAX_PARALLELISM; keyGroup++) {
        int index = keyGroup * parallelism / MAX_PARALLELISM;
        assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(MAX_PARALLELISM, parallelism, keyGroup))
            .isEqualTo(index);
        assertThat(KeyGroupRangeAssignment.rangeForOperatorIndex(MAX_PARALLELISM, parallelism, index).contains(keyGroup))
            .as("range of subtask %d of %d contains key group %d", index, parallelism, keyGroup)
            .isTrue();
      }
    }
  }

  @Test
  void keyGroupsOfFixedKeysAreStable() {
    assertThat(KeyGroupRangeAssignment.assignToKeyGroup("a", 128)).isEqualTo(81);
    assertThat(KeyGroupRangeAssignment.assignToKeyGroup(42L, 128)).isEqualTo(29);
    assertThat(KeyGroupRangeAssignment.assignToKeyGroup(7, 128)).isEqualTo(113);
    assertThat(KeyGroupRangeAssignment.assignToKeyGroup("nagare", 1024)).isEqualTo(470);
  }

  @Test
  void keyGroupIsWithinBoundsAndIndependentOfParallelism() {
    for (long key = -500; key < 500; key++) {
      int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, MAX_PARALLELISM);
      assertThat(keyGroup).isBetween(0, MAX_PARALLELISM - 1);
      for (int parallelism = 1; parallelism <= 10; parallelism++) {
        int index = KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, parallelism);
        assertThat(KeyGroupRangeAssignment.rangeForOperatorIndex(MAX_PARALLELISM, parallelism, index).contains(keyGroup))
            .isTrue();
      }
    }
  }

  @Test
  void nullKeysAreRejectedWithAHint() {
    assertThatThrownBy(() -> KeyGroupRangeAssignment.assignToKeyGroup(null, MAX_PARALLELISM))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key selector");
  }

  @Test
  void defaultMaxParallelism() {
    assertThat(KeyGroupRangeAssignment.defaultMaxParallelism(1)).isEqualTo(128);
    assertThat(KeyGroupRangeAssignment.defaultMaxParallelism(100)).isEqualTo(256);
    assertThat(KeyGroupRangeAssignment.defaultMaxParallelism(200)).isEqualTo(512);
    assertThat(KeyGroupRangeAssignment.defaultMaxParallelism(30000)).isEqualTo(32768);
  }

  @Test
  void parallelismAboveMaxParallelismIsRejected() {
    assertThatThrownBy(() -> KeyGroupRangeAssignment.rangeForOperatorIndex(4, 5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Parallelism 5 exceeds max parallelism 4");
  }
}

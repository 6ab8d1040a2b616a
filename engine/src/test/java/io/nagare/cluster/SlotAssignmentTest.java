package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.cluster.SlotAssignment.Slot;
import io.nagare.cluster.SlotAssignment.Subtask;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotAssignmentTest {

  private static Map<String, Integer> free(Object... tmAndSlots) {
    Map<String, Integer> free = new LinkedHashMap<>();
    for (int i = 0; i < tmAndSlots.length; i += 2) {
      free.put((String) tmAndSlots[i], (Integer) tmAndSlots[i + 1]);
    }
    return free;
  }

  @Test
  void subtasksWithTheSameIndexShareASlotAndSlotsAreSpreadOverTaskManagers() throws Exception {
    Map<Subtask, Slot> placement = SlotAssignment.assign("w2c", Map.of(0, 2, 1, 4), free("tm-a", 2, "tm-b", 2));
    assertThat(placement).hasSize(6)
        .containsEntry(new Subtask(0, 0), new Slot("tm-a", 0))
        .containsEntry(new Subtask(0, 1), new Slot("tm-b", 0))
        .containsEntry(new Subtask(1, 0), new Slot("tm-a", 0))
        .containsEntry(new Subtask(1, 1), new Slot("tm-b", 0))
        .containsEntry(new Subtask(1, 2), new Slot("tm-a", 1))
        .containsEntry(new Subtask(1, 3), new Slot("tm-b", 1));
  }

  @Test
  void theTaskManagerWithMostFreeSlotsIsServedFirst() throws Exception {
    Map<Subtask, Slot> placement = SlotAssignment.assign("job", Map.of(0, 3), free("tm-a", 1, "tm-b", 3));
    assertThat(placement.values()).containsExactly(new Slot("tm-b", 0), new Slot("tm-a", 0), new Slot("tm-b", 1));
  }

  @Test
  void aJobNeedingMoreSlotsThanAreFreeIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> SlotAssignment.assign("big", Map.of(0, 1, 1, 5), free("tm-a", 2, "tm-b", 2)))
        .isInstanceOf(SlotAssignment.NotEnoughSlotsException.class)
        .hasMessage("Job 'big' needs 5 slots (its highest parallelism); the cluster has 4 free on 2 task managers."
            + " Start more task managers (scripts/taskmanager.sh start) or lower the parallelism.");
  }
}

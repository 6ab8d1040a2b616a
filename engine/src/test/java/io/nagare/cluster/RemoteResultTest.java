package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;

/** A remote job's result keeps the types of its accumulators, as a local run's does. */
class RemoteResultTest {

  @Test
  void accumulatorsComeBackWithTheTypeTheJobMade() throws Exception {
    JsonNode answer = new ObjectMapper().readTree("""
        {"job": {"state": "FINISHED", "name": "counts"}, "net-runtime": 12, "restarts": 0,
         "accumulators": {"distinct": 5, "lines": 7, "share": 1.5, "name": "x", "ok": true},
         "accumulator-types": {"distinct": "Long", "lines": "Integer", "share": "Double", "name": "String",
                               "ok": "Boolean"}}
        """);

    JobExecutionResult result = RemoteExecutorFactory.resultOf("job-1", answer);

    long distinct = result.getAccumulatorResult("distinct");
    assertThat(distinct).isEqualTo(5L);
    assertThat((Object) result.getAccumulatorResult("distinct")).isInstanceOf(Long.class);
    assertThat((Object) result.getAccumulatorResult("lines")).isEqualTo(7);
    assertThat((Object) result.getAccumulatorResult("share")).isEqualTo(1.5);
    assertThat((Object) result.getAccumulatorResult("name")).isEqualTo("x");
    assertThat((Object) result.getAccumulatorResult("ok")).isEqualTo(true);
  }
}

package io.nagare.api.environment;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.connector.SubmissionCheck;
import io.nagare.api.transformations.OneInputTransformation;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.SourceTransformation;
import io.nagare.api.transformations.Transformation;
import io.nagare.api.transformations.TwoInputTransformation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@link SubmissionCheck}s of a pipeline's sources, sinks and operators before it is
 * submitted, in the order they were added; the first failure stops the submission. Runs on the
 * thread calling {@code execute}.
 */
final class SubmissionChecks {
  private SubmissionChecks() {}

  /**
   * @throws IllegalArgumentException naming the operator and what its check found, the check's own
   *     exception as the cause
   */
  static void run(List<Transformation<?>> transformations, Configuration configuration) {
    Map<String, String> claims = new HashMap<>();
    for (Transformation<?> t : transformations) {
      for (Object candidate : candidates(t)) {
        if (candidate instanceof SubmissionCheck check) {
          runOne(check, t.getName(), configuration, claims);
        }
      }
    }
  }

  private static Object[] candidates(Transformation<?> t) {
    if (t instanceof SourceTransformation<?> s) {
      return new Object[] {s.getSource()};
    }
    OperatorSpec spec = null;
    if (t instanceof OneInputTransformation<?, ?> o) {
      spec = o.getOperator();
    } else if (t instanceof TwoInputTransformation<?, ?, ?> o) {
      spec = o.getOperator();
    }
    return spec == null ? new Object[0] : new Object[] {spec.getFunction(), spec.getSettings()};
  }

  private static void runOne(SubmissionCheck check, String operatorName, Configuration configuration,
      Map<String, String> claims) {
    SubmissionCheck.Context context = new SubmissionCheck.Context() {
      @Override
      public Configuration jobConfiguration() {
        return configuration;
      }

      @Override
      public String operatorName() {
        return operatorName;
      }

      @Override
      public void claimExclusive(String resource, String value) {
        String key = resource + "\u0000" + value;
        String holder = claims.putIfAbsent(key, operatorName);
        if (holder != null) {
          throw new IllegalArgumentException("'" + operatorName + "' and '" + holder + "' both use " + resource + " '"
              + value + "'; give each its own");
        }
      }
    };
    try {
      check.checkSubmission(context);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Job refused: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalArgumentException("Job refused: '" + operatorName + "' failed its check: " + e, e);
    }
  }
}

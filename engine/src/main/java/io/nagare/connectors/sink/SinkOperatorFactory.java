package io.nagare.connectors.sink;

import io.nagare.api.connector.SubmissionCheck;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.operators.OneInputStreamOperator;
import io.nagare.api.operators.OneInputStreamOperatorFactory;

/**
 * What {@code DataStream.sinkTo} adds to a job: creates the operator that runs {@code sink} in each
 * subtask, and passes the submission check on to the sink if it has one.
 *
 * @param <IN> the type of the records the sink takes
 */
public final class SinkOperatorFactory<IN> implements OneInputStreamOperatorFactory<IN, Void>, SubmissionCheck {
  private static final long serialVersionUID = 1L;

  private final Sink<IN> sink;

  public SinkOperatorFactory(Sink<IN> sink) {
    if (sink == null) {
      throw new IllegalArgumentException("sinkTo: the sink must not be null");
    }
    this.sink = sink;
  }

  /** The sink this factory runs. */
  public Sink<IN> sink() {
    return sink;
  }

  @Override
  public OneInputStreamOperator<IN, Void> createOperator() {
    return new SinkWriterOperator<>(sink);
  }

  @Override
  public void checkSubmission(Context context) throws Exception {
    if (sink instanceof SubmissionCheck) {
      ((SubmissionCheck) sink).checkSubmission(context);
    }
  }

  @Override
  public String toString() {
    return sink.getClass().getName();
  }
}

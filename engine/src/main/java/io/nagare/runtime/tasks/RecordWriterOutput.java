package io.nagare.runtime.tasks;

import io.nagare.runtime.streamrecord.WatermarkStatus;

import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.runtime.io.TaskCancelledException;
import io.nagare.runtime.operators.OperatorException;
import io.nagare.runtime.operators.Output;
import io.nagare.runtime.operators.TaskInfoImpl;
import io.nagare.runtime.partitioner.KeyExtractionException;
import java.io.IOException;

/** An operator's output into a network edge: records are serialized by the edge's writer. Subtask thread only. */
final class RecordWriterOutput<T> implements Output<T> {
  private final RecordWriter<T> writer;
  private final String operatorName;
  private final TaskInfoImpl taskInfo;

  RecordWriterOutput(RecordWriter<T> writer, String operatorName, TaskInfoImpl taskInfo) {
    this.writer = writer;
    this.operatorName = operatorName;
    this.taskInfo = taskInfo;
  }

  @Override
  public void collect(T record, long timestamp) {
    try {
      writer.emit(record, timestamp);
    } catch (KeyExtractionException e) {
      throw new OperatorException(operatorName, taskInfo.getIndexOfThisSubtask(), taskInfo.getNumberOfParallelSubtasks(),
          "failed to route a record (the key selector of the next operator threw on " + record + ")", e.getCause());
    } catch (IOException | RuntimeException e) {
      if (e instanceof TaskCancelledException) {
        throw (TaskCancelledException) e;
      }
      throw new OperatorException(operatorName, taskInfo.getIndexOfThisSubtask(), taskInfo.getNumberOfParallelSubtasks(),
          "could not serialize its output record " + record, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskCancelledException("interrupted while waiting for a network buffer");
    }
  }

  @Override
  public void emitWatermarkStatus(WatermarkStatus status) {
    writer.broadcastEvent(status == WatermarkStatus.IDLE ? StreamEvent.WatermarkStatusEvent.IDLE
        : StreamEvent.WatermarkStatusEvent.ACTIVE);
  }

  @Override
  public void emitWatermark(long watermark) {
    writer.broadcastEvent(new StreamEvent.Watermark(watermark));
  }
}

package io.nagare.api.source;

import java.io.Serializable;

/**
 * A source of records, split for parallel reading: the {@link SplitEnumerator} (one per source, in
 * the job manager) finds splits and assigns them to {@link SourceReader}s (one per parallel
 * subtask). Positions live in the splits, so a checkpoint of the readers' splits and the
 * enumerator's unassigned ones is where the source resumes after a failure.
 *
 * @param <T> record type
 * @param <SplitT> split type
 * @param <EnumChkT> the enumerator's checkpoint type
 */
public interface Source<T, SplitT extends SourceSplit, EnumChkT> extends Serializable {
  Boundedness getBoundedness();

  SplitEnumerator<SplitT, EnumChkT> createEnumerator(SplitEnumeratorContext<SplitT> context) throws Exception;

  SplitEnumerator<SplitT, EnumChkT> restoreEnumerator(SplitEnumeratorContext<SplitT> context, EnumChkT checkpoint)
      throws Exception;

  SourceReader<T, SplitT> createReader(SourceReaderContext context) throws Exception;

  SimpleVersionedSerializer<SplitT> getSplitSerializer();

  SimpleVersionedSerializer<EnumChkT> getEnumeratorCheckpointSerializer();
}

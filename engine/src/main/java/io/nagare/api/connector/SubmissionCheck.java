package io.nagare.api.connector;

import io.nagare.api.configuration.Configuration;

/**
 * Implemented by sources and sinks that can tell, before a job runs, that it cannot work: a setting
 * that contradicts the job's configuration or the external system's limits, or a resource two
 * operators of the job would fight over. {@code execute} calls every check in the client, before
 * anything is submitted; the first failure stops the submission with its message.
 */
public interface SubmissionCheck {
  /**
   * Checks the source or sink in the job about to be submitted.
   *
   * @throws IllegalArgumentException (or any exception) whose message names what is wrong and the
   *     setting to change
   */
  void checkSubmission(Context context) throws Exception;

  /** What a check can see of the job. */
  interface Context {
    /** The job's configuration (checkpointing, parallelism, every {@code -D} setting). */
    Configuration jobConfiguration();

    /** The name of the checked operator. */
    String operatorName();

    /**
     * Claims {@code value} of {@code resource} (say the Kafka transactional id prefix "orders") for
     * this operator alone in the job.
     *
     * @throws IllegalArgumentException naming both operators if another one claimed it already
     */
    void claimExclusive(String resource, String value);
  }
}

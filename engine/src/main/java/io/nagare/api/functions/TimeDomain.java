package io.nagare.api.functions;

/** Which clock a timer belongs to. */
public enum TimeDomain {
  /** Timestamps of the records, advanced by watermarks. */
  EVENT_TIME,
  /** The wall clock of the machine running the subtask. */
  PROCESSING_TIME
}

package io.nagare.connectors.opensearch;

/**
 * One request of a bulk request that OpenSearch refused for good (not a 429, which the sink
 * retries): what a {@link FailureHandler} is given.
 *
 * @param request the refused request
 * @param status the item's HTTP status, such as 400 for a document the mapping rejects
 * @param type OpenSearch's error type, such as {@code mapper_parsing_exception}
 * @param reason OpenSearch's reason, with the reason of its cause if it has one
 * @param record which record made the request, as in {@code the 3rd record since the last checkpoint}
 */
public record ItemFailure(DocumentRequest request, int status, String type, String reason, String record) {
  /** The failure as the sink's messages show it: the request, the record, the status, the type and the reason. */
  public String describe() {
    return request + " (" + record + "): " + status + " " + type + ": " + reason;
  }
}

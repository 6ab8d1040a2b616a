/**
 * What sources and sinks share: {@link io.nagare.api.connector.SubmissionCheck}, the checks a
 * connector runs before its job is submitted. The sink API is in {@code sink2}, the source API in
 * {@code io.nagare.api.source}.
 */
package io.nagare.api.connector;

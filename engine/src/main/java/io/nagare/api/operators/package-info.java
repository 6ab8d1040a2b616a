/**
 * The public operator extension point: {@link io.nagare.api.operators.OneInputStreamOperator}
 * and its factory, added to a job with {@code DataStream.transform}. New operator kinds (the sink
 * writer of {@code sinkTo}, connectors' own operators) are written here, not in the runtime.
 */
package io.nagare.api.operators;

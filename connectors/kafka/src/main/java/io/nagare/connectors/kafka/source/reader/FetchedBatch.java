package io.nagare.connectors.kafka.source.reader;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer poll gave, handed from the fetcher thread to the subtask thread: records in
 * offset order per partition, then the bounded partitions that reached their stopping offset with
 * these records (their splits end once the records are emitted). Built by the fetcher, then only
 * read by the subtask thread.
 */
final class FetchedBatch {
  final List<ConsumerRecord<byte[], byte[]>> records;
  final List<TopicPartition> finished = new ArrayList<>();

  FetchedBatch(List<ConsumerRecord<byte[], byte[]>> records) {
    this.records = records;
  }

  boolean isEmpty() {
    return records.isEmpty() && finished.isEmpty();
  }
}

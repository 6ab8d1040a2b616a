package io.nagare.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nagare.fs.HadoopFileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An ended job's REST answers, by path ({@code /jobs/<id>}, {@code /jobs/<id>/checkpoints}, …),
 * stored as one JSON file named after the job in an archive directory, in Flink's format: {@code
 * {"archive": [{"path": "/jobs/<id>", "json": "<the answer as a string>"}, …]}}. Written aside and
 * renamed, so a reader never sees half a file. Immutable.
 */
public record JobArchive(String jobId, Map<String, String> answers) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Builds an archive from answers (JSON-serialisable objects) by path. */
  public static JobArchive of(String jobId, Map<String, Object> answers) throws IOException {
    Map<String, String> json = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : answers.entrySet()) {
      json.put(e.getKey(), JSON.writeValueAsString(e.getValue()));
    }
    return new JobArchive(jobId, json);
  }

  /**
   * Writes the archive to {@code <directory>/<jobId>}.
   *
   * @throws IOException naming the file if it cannot be written
   */
  public void writeTo(String directory) throws IOException {
    Path dir = new Path(directory);
    FileSystem fs = HadoopFileSystems.of(dir);
    Path aside = new Path(dir, "." + jobId + ".inprogress");
    Path file = new Path(dir, jobId);
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("archive");
    answers.forEach((path, json) -> list.addObject().put("path", path).put("json", json));
    try (OutputStream out = fs.create(aside, true)) {
      JSON.writeValue(out, root);
    }
    fs.delete(file, false);
    if (!fs.rename(aside, file)) {
      throw new IOException("Cannot rename " + aside + " to " + file);
    }
  }

  /**
   * Reads the archive {@code file}.
   *
   * @throws IOException naming the file if it cannot be read or is not an archive
   */
  public static JobArchive read(FileSystem fs, Path file) throws IOException {
    JsonNode root;
    try (InputStream in = fs.open(file)) {
      root = JSON.readTree(in);
    }
    JsonNode list = root == null ? null : root.get("archive");
    if (list == null || !list.isArray()) {
      throw new IOException(file + " is not a job archive: it has no \"archive\" list");
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (JsonNode entry : list) {
      answers.put(entry.get("path").asText(), entry.get("json").asText());
    }
    return new JobArchive(file.getName(), answers);
  }
}

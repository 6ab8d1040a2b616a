package io.nagare.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The jobs a job manager runs, kept where a successor can read them: on YARN the application's
 * staging directory on HDFS, so a new ApplicationMaster attempt resumes every job the previous
 * one ran from its latest completed checkpoint. A job is written when it is submitted and removed
 * when it ends. Layout: {@code <dir>/<jobId>/job.graph} (the Java-serialized plan) and {@code
 * job.jar}, each written to a temporary name and renamed, so a file is whole or absent; a job
 * directory without both files is incomplete and skipped. Called on the job manager's thread.
 */
public final class JobStore {
  /** A stored job: its id, plan and jar. */
  public record StoredJob(String jobId, byte[] jobGraph, byte[] jar) {}

  private final Path dir;
  private final Configuration hadoop;

  public JobStore(String dir, Configuration hadoop) {
    this.dir = new Path(dir);
    this.hadoop = hadoop;
  }

  /** Keeps job {@code jobId}; the graph is written last, so only complete jobs are read back. */
  public void put(String jobId, byte[] jobGraph, byte[] jar) throws IOException {
    FileSystem fs = dir.getFileSystem(hadoop);
    Path job = new Path(dir, jobId);
    write(fs, new Path(job, "job.jar"), jar);
    write(fs, new Path(job, "job.graph"), jobGraph);
  }

  private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".inprogress");
    try (OutputStream out = fs.create(temporary, true)) {
      out.write(bytes);
    }
    fs.delete(file, false);
    if (!fs.rename(temporary, file)) {
      throw new IOException("Could not rename " + temporary + " to " + file);
    }
  }

  /** Forgets job {@code jobId}. */
  public void remove(String jobId) throws IOException {
    dir.getFileSystem(hadoop).delete(new Path(dir, jobId), true);
  }

  /** Every complete stored job. */
  public List<StoredJob> jobs() throws IOException {
    FileSystem fs = dir.getFileSystem(hadoop);
    List<StoredJob> jobs = new ArrayList<>();
    if (!fs.exists(dir)) {
      return jobs;
    }
    for (FileStatus job : fs.listStatus(dir)) {
      Path graph = new Path(job.getPath(), "job.graph");
      Path jar = new Path(job.getPath(), "job.jar");
      if (job.isDirectory() && fs.exists(graph) && fs.exists(jar)) {
        jobs.add(new StoredJob(job.getPath().getName(), read(fs, graph), read(fs, jar)));
      }
    }
    return jobs;
  }

  private static byte[] read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }
}

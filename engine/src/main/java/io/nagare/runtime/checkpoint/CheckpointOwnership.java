package io.nagare.runtime.checkpoint;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which run of a job owns the job's checkpoint directory. A run that resumes the job (a new
 * ApplicationMaster attempt, a job manager that took over) claims the directory; a stale run (the
 * attempt YARN replaced, still running somewhere) then can no longer complete a checkpoint there,
 * and what it completed in the moment between its last look and the claim is never picked up.
 *
 * <p>File {@code <job dir>/_owner}, version 1: int magic {@value #MAGIC}, int version, UTF token
 * of the owning run, long id of the job's own checkpoint it resumed from (-1 if none). It is
 * written to a temporary name and renamed over the old one; without the file (between the two,
 * or in a directory no run has claimed) every completed checkpoint counts. A completed checkpoint
 * counts if the owner wrote it or its id is at most the one the owner resumed from: everything a
 * stale run completes after the claim has a higher id, since the owner resumed from the latest.
 *
 * <p>Stateless; the file system serialises the processes that read and write the file.
 */
final class CheckpointOwnership {
  static final String FILE = "_owner";
  private static final int MAGIC = 0x4e474f57;
  private static final int VERSION = 1;

  private CheckpointOwnership() {}

  /** The run that owns a job's checkpoints, and the checkpoint of the job's own it resumed from (-1: none). */
  record Owner(String token, long resumedFrom) {
    /** True if a completed checkpoint {@code checkpointId} that run {@code writer} wrote counts. */
    boolean accepts(String writer, long checkpointId) {
      return token.equals(writer) || checkpointId <= resumedFrom;
    }
  }

  /** The owner of {@code jobDirectory}'s checkpoints, or null if no run has claimed it. */
  static Owner read(FileSystem fs, Path jobDirectory) throws IOException {
    Path file = new Path(jobDirectory, FILE);
    try (FSDataInputStream in = fs.open(file)) {
      DataInputStream data = new DataInputStream(in);
      if (data.readInt() != MAGIC) {
        throw new IOException(file + " is not a nagare checkpoint owner file");
      }
      int version = data.readInt();
      if (version != VERSION) {
        throw new IOException(file + " has version " + version + "; this version of nagare reads " + VERSION);
      }
      return new Owner(data.readUTF(), data.readLong());
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** Makes {@code owner} the owner of {@code jobDirectory}'s checkpoints. */
  static void write(FileSystem fs, Path jobDirectory, Owner owner) throws IOException {
    Path file = new Path(jobDirectory, FILE);
    Path temporary = new Path(jobDirectory, "." + FILE + "." + owner.token());
    try (FSDataOutputStream out = fs.create(temporary, true)) {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(MAGIC);
      data.writeInt(VERSION);
      data.writeUTF(owner.token());
      data.writeLong(owner.resumedFrom());
      data.flush();
    }
    fs.delete(file, false);
    if (!fs.rename(temporary, file)) {
      throw new IOException("Could not rename " + temporary + " to " + file);
    }
  }
}

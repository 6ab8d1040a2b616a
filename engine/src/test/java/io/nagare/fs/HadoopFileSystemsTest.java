package io.nagare.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.connectors.file.CountingTestFileSystem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFileSystemsTest {
  @Test
  void theCloseRetryDelayIsShortenedWhenOnlyHadoopsDefaultsSetIt() {
    Configuration conf = HadoopFileSystems.withNagareDefaults(new Configuration(false));
    assertThat(conf.getInt(HadoopFileSystems.CLOSE_RETRY_DELAY_KEY, -1)).isEqualTo(50);
  }

  @Test
  void aSiteFilesCloseRetryDelayIsKept() {
    Configuration conf = new Configuration(false);
    conf.addResource(new ByteArrayInputStream(("<configuration><property><name>"
        + HadoopFileSystems.CLOSE_RETRY_DELAY_KEY + "</name><value>700</value></property></configuration>")
        .getBytes(StandardCharsets.UTF_8)), "hdfs-site.xml");
    assertThat(HadoopFileSystems.withNagareDefaults(conf).getInt(HadoopFileSystems.CLOSE_RETRY_DELAY_KEY, -1))
        .isEqualTo(700);
  }

  @Test
  void theProcessConfigurationIsLoadedOnceAndCarriesTheSetting() {
    assertThat(HadoopFileSystems.configuration()).isSameAs(HadoopFileSystems.configuration());
    assertThat(HadoopFileSystems.configuration().get(HadoopFileSystems.CLOSE_RETRY_DELAY_KEY)).isEqualTo("50");
  }

  @Test
  void filePathsShareOneChecksummedLocalFileSystemAndOtherSchemesGoThroughHadoop(@TempDir java.nio.file.Path dir)
      throws Exception {
    Path file = new Path(dir.toUri().toString(), "part");
    FileSystem fs = HadoopFileSystems.of(file);
    assertThat(fs).isInstanceOf(LocalFileSystem.class).isSameAs(HadoopFileSystems.of(new Path("file:///tmp")))
        .as("not Hadoop's cached instance, whose first use logs a user in")
        .isNotSameAs(FileSystem.get(java.net.URI.create("file:///"), HadoopFileSystems.configuration()));
    try (FSDataOutputStream out = fs.create(file)) {
      out.writeUTF("state");
    }
    assertThat(fs.open(file).readUTF()).isEqualTo("state");
    assertThat(Files.exists(dir.resolve(".part.crc"))).as("the checksum file Hadoop's local file system writes")
        .isTrue();
    assertThat(HadoopFileSystems.of(new Path("testfs:///tmp"))).isInstanceOf(CountingTestFileSystem.class);
  }

  @Test
  void filesAndDirectoriesGetHadoopsModeBitsSetWithoutAChmodProcess(@TempDir java.nio.file.Path dir) throws Exception {
    FileSystem fs = HadoopFileSystems.of(new Path(dir.toUri().toString()));
    assertThat(((LocalFileSystem) fs).getRaw()).isInstanceOf(NioRawLocalFileSystem.class);
    Path sub = new Path(dir.toUri().toString(), "a/b");
    assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
        .isEqualTo("rwxr-x---");
    Path file = new Path(sub, "f");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20,
        null)) {
      out.write(1);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/f"))))
        .isEqualTo("rw-r-----");
    fs.setPermission(file, new FsPermission((short) 0604));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/f"))))
        .isEqualTo("rw----r--");
    assertThat(NioRawLocalFileSystem.posix(new FsPermission((short) 0751)))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x--x"));
  }
}

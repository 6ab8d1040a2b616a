package io.nagare.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

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
}

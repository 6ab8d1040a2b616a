package io.nagare.client.cli;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.configuration.YarnOptions;
import io.nagare.client.yarn.YarnSessions;
import java.io.OutputStream;
import java.io.PrintStream;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/** Turns the {@code yarn-session} target into the remote target at the session's REST endpoint. */
final class YarnTargets {
  private YarnTargets() {}

  /**
   * {@code configuration} itself unless its target is {@code yarn-session}; then a copy whose
   * target is {@code remote} at the REST endpoint of the session {@code yarn.application.id}
   * names (or the one deployed last), found through the ResourceManager, with the secret from the
   * application's staging directory ({@code cluster.secret-credentials}); says on {@code err}
   * which session it uses.
   */
  static Configuration resolve(Configuration configuration, PrintStream err) throws Exception {
    if (!configuration.get(CoreOptions.EXECUTION_TARGET).equals("yarn-session")) {
      return configuration;
    }
    try (YarnSessions sessions = new YarnSessions(configuration, new YarnConfiguration(), null, null,
        new PrintStream(OutputStream.nullOutputStream()))) {
      YarnSessions.Session session = sessions.find();
      err.println("Using YARN session " + session.applicationId() + (configuration.get(YarnOptions.APPLICATION_ID)
          .isBlank() ? " (the one this user started last)" : "") + " at " + session.client().address());
      return new Configuration(configuration).set(CoreOptions.EXECUTION_TARGET, "remote")
          .set(ClusterOptions.REST_URL, session.client().address())
          .set(ClusterOptions.SECRET_CREDENTIALS, session.secretFile().toString());
    }
  }
}

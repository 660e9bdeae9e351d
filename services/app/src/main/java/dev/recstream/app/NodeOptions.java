package dev.recstream.app;

import dev.recstream.shared.config.Setting;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that {@code dev} and {@code run} share. */
final class NodeOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (JSON or YAML); environment variables win over it, flags over both.")
  Path configFile;

  @Option(names = "--http-port", paramLabel = "N", description = "HTTP port of the gateway (0 = any free port).")
  Integer httpPort;

  @Option(names = "--services", paramLabel = "LIST", defaultValue = "all",
      description = "Services this node runs: all, none, or a list of store,metrics,scoring,training,ingestion,gateway (default: ${DEFAULT-VALUE}).")
  String services;

  /** The settings given as flags, which win over file and environment. */
  Map<Setting, Object> flags() {
    Map<Setting, Object> flags = new EnumMap<>(Setting.class);
    if (httpPort != null) {
      flags.put(Setting.HTTP_PORT, httpPort);
    }
    return flags;
  }
}

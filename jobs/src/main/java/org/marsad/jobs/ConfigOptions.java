package org.marsad.jobs;

import com.typesafe.config.Config;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.marsad.config.MarsadConfig;
import picocli.CommandLine.Option;

/** {@code --conf} and {@code --set}, shared by every command that reads the configuration. */
public final class ConfigOptions {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description =
          "Extra HOCON configuration over conf/marsad.conf (an empty value: none, for schedulers"
              + " that always pass the option).")
  File conf;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override one configuration key (repeatable), e.g. ingest.arabic.min_share=0.3.")
  List<String> sets = new ArrayList<>();

  /** The effective configuration: --set over --conf over the defaults. */
  Config load() {
    return MarsadConfig.load(conf == null || conf.getPath().isEmpty() ? null : conf, sets);
  }
}

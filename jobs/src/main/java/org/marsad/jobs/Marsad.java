package org.marsad.jobs;

import java.io.PrintWriter;
import org.marsad.config.MarsadConfig.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code marsad} command: one sub-command per job. The same class is the {@code --class} of
 * {@code spark-submit}. Exit status: 0 success, 2 bad arguments (one line on stderr, before Spark
 * starts), 1 a failed job.
 */
@Command(
    name = "marsad",
    mixinStandardHelpOptions = true,
    version = "marsad 0.1.0",
    description = "Entity mentions, trends and co-occurrence in Arabic news, as Spark batch jobs.",
    subcommands = {
      IngestCommand.class,
      ExtractCommand.class,
      DiscoverCommand.class,
      AnalyticsCommands.Trends.class,
      AnalyticsCommands.Cooccur.class,
      AnalyticsCommands.Events.class,
      PipelineCommand.class,
      CatalogCommand.class,
      EvalMentionsCommand.class,
      QueryCommand.class,
      DemoCommand.class,
      GraphCommand.class,
      ReportCommand.class,
      GenerateCommand.class,
      NerCommands.TrainClusters.class,
      NerCommands.TrainNer.class,
      CommandLine.HelpCommand.class
    })
public final class Marsad implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Exit status of a run refused because another run is writing its tables (EX_TEMPFAIL). */
  public static final int LOCKED = 75;

  /** Runs a command line and returns its exit status (tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Marsad());
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println(
              "marsad: "
                  + ex.getMessage()
                  + " (see: "
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ex instanceof UsageException || ex instanceof InvalidConfigException) {
            err.println("marsad: " + ex.getMessage());
            return 2;
          }
          if (ex instanceof WriterLock.LockedException) {
            err.println("marsad: " + ex.getMessage());
            return LOCKED;
          }
          Throwable root = ex;
          while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
          }
          err.println("marsad: " + commandLine.getCommandName() + " failed: " + oneLine(root));
          org.slf4j.LoggerFactory.getLogger(Marsad.class).debug("failure", ex);
          return 1;
        });
    return cli.execute(args);
  }

  static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}

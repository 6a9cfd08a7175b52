package dev.sqlup.local.cli;

import dev.sqlup.local.runtime.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sqlup} command line. Exit codes: 0 success, 1 a function or remote error, 2 a user
 * error (one line on stderr saying what is wrong and what to do; no stack trace).
 *
 * <p>More commands ({@code demo}) are added with {@link CommandLine#addSubcommand} on {@link
 * #commandLine()} or by listing them in {@code subcommands} below.
 */
@Command(
    name = "sqlup",
    mixinStandardHelpOptions = true,
    version = "sqlup 0.1.0",
    description =
        "sqlup local runtime and client: run the SAM template locally, invoke functions, draw the workflow, drive the API.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      InvokeCommand.class,
      GraphCommand.class,
      ClientCommands.Instances.class,
      ClientCommands.Options.class,
      ClientCommands.Upgrade.class,
      ClientCommands.Task.class,
      ClientCommands.Tasks.class,
      InventoryCommands.Discover.class,
      InventoryCommands.Instance.class,
      InventoryCommands.Register.class,
      InventoryCommands.Update.class,
      InventoryCommands.Delete.class,
      InventoryCommands.Hosts.class,
      CutoverCommands.Watch.class,
      CutoverCommands.Approve.class,
      CutoverCommands.Reschedule.class,
      CampaignCommands.class,
      CommandLine.HelpCommand.class
    })
public final class SqlupCli implements Runnable {
  public static final int USER_ERROR = 2;
  public static final int FAILED = 1;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: user errors become one line and exit code 2. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SqlupCli());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserException) {
            commandLine.getErr().println("sqlup: " + ex.getMessage());
            commandLine.getErr().flush();
            return USER_ERROR;
          }
          throw ex;
        });
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr()
              .println(
                  "sqlup: "
                      + ex.getMessage()
                      + " (see: "
                      + c.getCommandSpec().qualifiedName()
                      + " --help)");
          c.getErr().flush();
          return USER_ERROR;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.Services;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The scheduled EventBridge trigger: runs one {@link Sweeper} pass; the event body is not used. */
public final class SweeperHandler implements RequestStreamHandler {
  private final Sweeper sweeper;

  public SweeperHandler() {
    this(Services.fromEnvironment());
  }

  public SweeperHandler(Services services) {
    this(new Sweeper(WorkflowServices.workflow(services), services.tasks(), services.instances(),
        new SfnExecutions(services.sfn(), services.env(Services.UPGRADE_STATE_MACHINE_ARN))));
  }

  SweeperHandler(Sweeper sweeper) {
    this.sweeper = sweeper;
  }

  public Sweeper.Report sweep() {
    return sweeper.sweep();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    PhaseHandler.JSON.writeValue(output, sweeper.sweep());
  }
}

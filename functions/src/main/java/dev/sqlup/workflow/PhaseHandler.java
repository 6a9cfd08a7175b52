package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.domain.UpgradeRejected;
import dev.sqlup.workflow.plan.CatchUpNotConvergingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Base of every phase handler: JSON in and out as {@link UpgradeState}, and one place that turns
 * failures into the error names the state machine's Retry and Catch match on (Java Lambda reports the
 * thrown class's name as the error): {@link TransientEngineException}, {@link ThrottledException},
 * {@link UpgradeFailedException}. Anything else keeps its own name and is caught as States.ALL.
 */
public abstract class PhaseHandler implements RequestStreamHandler {
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  protected final Workflow workflow;

  protected PhaseHandler(Workflow workflow) {
    this.workflow = workflow;
  }

  /** The phase's work on a typed state; what tests call. */
  public final UpgradeState handle(UpgradeState state) {
    if (state == null || state.taskId() == null || state.instanceId() == null) {
      throw new IllegalArgumentException("InvalidPayload: taskId and instanceId are required");
    }
    try {
      return run(state);
    } catch (TransientDataPlaneException e) {
      throw new TransientEngineException(e.getMessage(), e);
    } catch (PermanentDataPlaneException e) {
      throw new UpgradeFailedException("DataPlaneFailed", e.getMessage(), e);
    } catch (CatchUpNotConvergingException e) {
      throw new UpgradeFailedException("CatchUpNotConverging", e.getMessage(), e);
    } catch (UpgradeRejected e) {
      throw new UpgradeFailedException(e.code(), e.getMessage(), e);
    } catch (AwsServiceException e) {
      if (e.isThrottlingException()) {
        throw new ThrottledException(e.getMessage(), e);
      }
      if (e.statusCode() >= 500) {
        throw new TransientEngineException(e.getMessage(), e);
      }
      throw e;
    } catch (SdkClientException e) {
      throw new TransientEngineException(e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e.getClass().getName().equals("dev.sqlup.store.StaleVersionException")) {
        throw new TransientEngineException(e.getMessage(), e);
      }
      throw e;
    }
  }

  protected abstract UpgradeState run(UpgradeState state);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    UpgradeState state = JSON.readValue(input, UpgradeState.class);
    JSON.writeValue(output, handle(state));
  }
}

package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.json.Json;
import dev.sqlup.store.TaskNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The waiting loop's listener ({@code lambda:invoke.waitForTaskToken} in state {@code
 * WaitForSwitch}): stores the task token the API answers when the switch setting changes, or
 * answers it at once when the setting changed already ({@link SwitchChangeListener}). Either way it
 * returns normally, so a wake-up is never counted as a Lambda error; DynamoDB and Step Functions
 * trouble becomes {@link TransientEngineException} or {@link ThrottledException} (retried by the
 * state's policy; once the retries are spent the loop falls back to polling).
 */
public final class ListenForSwitchChangeHandler
    implements RequestStreamHandler, SnapStartPriming.Primed {
  private final Services services;
  private final SwitchChangeListener listener;
  private SnapStartPriming priming;

  public ListenForSwitchChangeHandler() {
    this(Services.fromEnvironment());
    services.dynamoDb();
    priming().register();
  }

  public ListenForSwitchChangeHandler(Services services) {
    this.services = services;
    this.listener =
        new SwitchChangeListener(
            services.tasks(), services.instances(), services.switchWake(), services.clock());
  }

  @Override
  public synchronized SnapStartPriming priming() {
    if (priming == null) {
      // Read-only: the payload's JSON and the read of a task that does not exist.
      priming =
          new SnapStartPriming(getClass().getSimpleName())
              .step(
                  "payload JSON in, task " + SnapStartPriming.MISSING_ID + " not found",
                  () -> {
                    SwitchListen in =
                        Json.read(
                            Json.writeBytes(
                                new SwitchListen(
                                    SnapStartPriming.MISSING_ID,
                                    SnapStartPriming.MISSING_ID,
                                    SwitchPlan.immediate(),
                                    "token")),
                            SwitchListen.class);
                    try {
                      handle(in);
                      throw new IllegalStateException("a task that does not exist was listened");
                    } catch (TaskNotFoundException expected) {
                      // the read path of every listen, up to the store's answer
                    }
                  });
    }
    return priming;
  }

  /** One listen on a typed payload; what tests call. */
  public Map<String, Object> handle(SwitchListen in) {
    if (in == null || in.taskId() == null || in.taskToken() == null) {
      throw new IllegalArgumentException("InvalidPayload: taskId and taskToken are required");
    }
    try {
      SwitchChangeListener.Outcome outcome = listener.listen(in);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("listening", outcome.listening());
      if (outcome.reason() != null) {
        out.put("woken", outcome.reason());
      }
      return out;
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
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    SwitchListen in;
    try {
      in = Json.read(input.readAllBytes(), SwitchListen.class);
    } catch (Json.MalformedJson e) {
      throw new IllegalArgumentException("InvalidPayload: " + e.detail(), e);
    }
    LambdaLogger logger = context == null ? null : context.getLogger();
    JsonLog log =
        JsonLog.to(logger == null ? line -> {} : logger::log, services.clock(), null)
            .with("taskId", in.taskId())
            .with("instanceId", in.instanceId())
            .with("phase", "ListenForSwitchChange");
    Map<String, Object> out = log.during(() -> handle(in));
    log.info(Boolean.TRUE.equals(out.get("listening")) ? "listening" : "woken", out);
    Json.write(out, output);
  }
}

package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An unexpected error in a route is answered 500 InternalError and logged as one JSON line with its
 * ids.
 */
class InternalErrorLogTest {
  @Test
  void internalError_isOneJsonLine_withInstanceIdAndRoute() {
    List<String> lines = new ArrayList<>();
    ApiHandler failing =
        new ApiHandler(new Services(Map.of(), Clock.systemUTC())) {
          @Override
          protected PrimingRequest primingRequest() {
            throw new UnsupportedOperationException();
          }

          @Override
          protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
            throw new IllegalStateException("boom");
          }
        };
    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent()
            .withHttpMethod("GET")
            .withResource("/instances/{instanceId}")
            .withPathParameters(Map.of("instanceId", "rm-1"));

    APIGatewayProxyResponseEvent r = failing.handleRequest(event, context(lines));

    assertThat(r.getStatusCode()).isEqualTo(500);
    assertThat(lines).hasSize(1);
    assertThat(Json.readObject(lines.get(0)))
        .containsEntry("level", "ERROR")
        .containsEntry("message", "InternalError")
        .containsEntry("instanceId", "rm-1")
        .containsEntry("phase", "api GET /instances/{instanceId}")
        .containsEntry("error", "java.lang.IllegalStateException: boom")
        .containsKey("requestId");
  }

  static Context context(List<String> lines) {
    return new Context() {
      @Override
      public String getAwsRequestId() {
        return "req-1";
      }

      @Override
      public String getLogGroupName() {
        return "g";
      }

      @Override
      public String getLogStreamName() {
        return "s";
      }

      @Override
      public String getFunctionName() {
        return "f";
      }

      @Override
      public String getFunctionVersion() {
        return "$LATEST";
      }

      @Override
      public String getInvokedFunctionArn() {
        return "arn";
      }

      @Override
      public CognitoIdentity getIdentity() {
        return null;
      }

      @Override
      public ClientContext getClientContext() {
        return null;
      }

      @Override
      public int getRemainingTimeInMillis() {
        return 1000;
      }

      @Override
      public int getMemoryLimitInMB() {
        return 1024;
      }

      @Override
      public LambdaLogger getLogger() {
        return new LambdaLogger() {
          @Override
          public void log(String message) {
            lines.add(message);
          }

          @Override
          public void log(byte[] message) {
            lines.add(new String(message));
          }
        };
      }
    };
  }
}

package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.config.Services;
import dev.sqlup.domain.UpgradeRejected;
import dev.sqlup.store.Json;
import dev.sqlup.store.StoreException;
import dev.sqlup.store.UpgradeInProgressException;
import java.util.Map;

/**
 * The template every route handler follows: parse, call the domain and the store, answer JSON. Errors
 * become {@code {"code","message","requestId"}} (plus {@code field} and extras) with a stable code;
 * only unexpected failures are 5xx.
 */
abstract class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  protected final Services services;

  protected ApiHandler(Services services) {
    this.services = services;
  }

  /** The route's work; returns the response or throws {@link ApiException}. */
  protected abstract APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event);

  @Override
  public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String requestId = requestId(event, context);
    try {
      if (event == null) {
        throw ApiException.invalid("event", "no request");
      }
      return handle(event);
    } catch (ApiException e) {
      return error(e, requestId);
    } catch (UpgradeInProgressException e) {
      return error(new ApiException(409, e.code(), null, e.getMessage(), Map.of("taskId", e.activeTaskId())), requestId);
    } catch (dev.sqlup.store.InvalidNextTokenException e) {
      return error(ApiException.invalid("nextToken", e.getMessage()), requestId);
    } catch (StoreException e) {
      return error(new ApiException(statusOf(e.code()), e.code(), null, e.getMessage(), null), requestId);
    } catch (UpgradeRejected e) {
      return error(new ApiException(422, e.code(), e.field(), e.getMessage(), null), requestId);
    } catch (RuntimeException e) {
      if (context != null && context.getLogger() != null) {
        context.getLogger().log("InternalError " + requestId + ": " + e);
      } else {
        System.err.println("InternalError " + requestId + ": " + e);
      }
      return error(new ApiException(500, "InternalError", null, "internal error; retry later", null), requestId);
    }
  }

  private static int statusOf(String code) {
    return switch (code) {
      case "InstanceNotFound", "TaskNotFound" -> 404;
      case "InvalidParameter" -> 400;
      default -> 409;
    };
  }

  private static String requestId(APIGatewayProxyRequestEvent event, Context context) {
    if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "local";
  }

  static APIGatewayProxyResponseEvent json(int status, Object body) {
    try {
      return new APIGatewayProxyResponseEvent().withStatusCode(status)
          .withHeaders(Map.of("Content-Type", "application/json"))
          .withBody(Json.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static APIGatewayProxyResponseEvent error(ApiException e, String requestId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    body.put("requestId", requestId);
    if (e.field() != null) {
      body.put("field", e.field());
    }
    e.extra().forEach(body::put);
    return json(e.status(), body);
  }
}

package dev.sqlup.workflow.campaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.json.Json;
import dev.sqlup.store.CampaignNotFoundException;
import dev.sqlup.workflow.ThrottledException;
import dev.sqlup.workflow.TransientEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The template of the campaign machine's Lambda steps: the state's JSON in as {@link CampaignStep},
 * the step's result out. Errors get the names the campaign policy of
 * statemachine/retry-policies.json retries: {@link TransientEngineException} (DynamoDB 5xx,
 * network), {@link ThrottledException}; anything else (a campaign that does not exist, a bad
 * payload) is not retried.
 */
public abstract class CampaignStepHandler implements RequestStreamHandler, SnapStartPriming.Primed {
  protected final Services services;
  private SnapStartPriming priming;

  protected CampaignStepHandler(Services services) {
    this.services = services;
  }

  /**
   * What the Lambda runtime's constructor adds: the DynamoDB client at init and the priming
   * registered.
   */
  protected final void initForLambda() {
    services.dynamoDb();
    priming().register();
  }

  @Override
  public final synchronized SnapStartPriming priming() {
    if (priming == null) {
      // Read-only: the campaign read path (a campaign that does not exist) and the payload's JSON.
      priming =
          new SnapStartPriming(getClass().getSimpleName())
              .step(
                  "read a campaign that does not exist",
                  () -> {
                    if (CampaignServices.campaigns(services)
                        .find(SnapStartPriming.MISSING_ID)
                        .isPresent()) {
                      throw new IllegalStateException(
                          "a campaign named " + SnapStartPriming.MISSING_ID + " exists");
                    }
                  })
              .step(
                  "payload JSON",
                  () -> Json.read(Json.writeBytes(CampaignStep.of("cp-x", 0)), CampaignStep.class));
    }
    return priming;
  }

  protected abstract CampaignStep run(CampaignStep in);

  public final CampaignStep handle(CampaignStep in) {
    if (in == null || in.campaignId() == null) {
      throw new IllegalArgumentException("InvalidPayload: campaignId is required");
    }
    try {
      return run(in);
    } catch (CampaignNotFoundException e) {
      throw new IllegalArgumentException("CampaignNotFound: " + e.getMessage(), e);
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
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    CampaignStep in;
    try {
      in = Json.read(input.readAllBytes(), CampaignStep.class);
    } catch (Json.MalformedJson e) {
      throw new IllegalArgumentException("InvalidPayload: " + e.detail(), e);
    }
    Json.write(handle(in), output);
  }
}

package dev.sqlup.proof.security;

import static dev.sqlup.proof.CfnTemplate.list;
import static dev.sqlup.proof.CfnTemplate.map;
import static dev.sqlup.proof.CfnTemplate.properties;

import dev.sqlup.proof.CfnTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Security rules read from template.yaml, each returning the violations it finds (empty = pass):
 * every API route requires AWS_IAM, and no IAM statement allows {@code *} actions on {@code *}
 * resources.
 */
public final class TemplateSecurity {
  private static final List<String> BROAD_MANAGED_POLICIES =
      List.of("AdministratorAccess", "PowerUserAccess", "IAMFullAccess");

  private TemplateSecurity() {}

  /** One IAM statement and where it sits. */
  public record Statement(String where, List<String> actions, List<String> resources) {
    public boolean wildcardActionAndResource() {
      return actions.stream().anyMatch(a -> a.equals("*") || a.equals("*:*"))
          && resources.stream().anyMatch(r -> r.equals("*"));
    }

    public boolean wildcardResource() {
      return resources.stream().anyMatch(r -> r.equals("*"));
    }
  }

  /**
   * Routes not protected by AWS_IAM: API events without an IAM authorizer of their own or of their
   * API (explicit {@code AWS::Serverless::Api}, or the implicit one configured in {@code
   * Globals.Api}), {@code Authorizer: NONE} overrides, unauthenticated CORS preflights, HTTP APIs
   * without IAM, and raw {@code AWS::ApiGateway::Method}s with another authorization type.
   */
  public static List<String> routesWithoutIam(CfnTemplate template) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> globalApiAuth =
        map(map(map(template.root().get("Globals")).get("Api")).get("Auth"));
    template
        .resourcesOfType("AWS::Serverless::Api")
        .forEach(
            (id, api) -> {
              Map<String, Object> auth = map(properties(api).get("Auth"));
              Object def =
                  auth.getOrDefault("DefaultAuthorizer", globalApiAuth.get("DefaultAuthorizer"));
              if (!"AWS_IAM".equals(def)) {
                problems.add(id + ": DefaultAuthorizer is " + def + ", not AWS_IAM");
              }
              if (properties(api).get("Cors") != null
                  || map(map(template.root().get("Globals")).get("Api")).get("Cors") != null) {
                Object preflight =
                    auth.getOrDefault(
                        "AddDefaultAuthorizerToCorsPreflight",
                        globalApiAuth.getOrDefault("AddDefaultAuthorizerToCorsPreflight", true));
                if (Boolean.FALSE.equals(preflight)) {
                  problems.add(id + ": CORS preflight (OPTIONS) routes are unauthenticated");
                }
              }
              if (properties(api).get("DefinitionBody") != null
                  || properties(api).get("DefinitionUri") != null) {
                problems.add(
                    id
                        + ": an OpenAPI definition bypasses the SAM route checks; check its security schemes");
              }
            });
    template
        .resourcesOfType("AWS::Serverless::HttpApi")
        .forEach(
            (id, api) -> {
              Map<String, Object> auth = map(properties(api).get("Auth"));
              if (!Boolean.TRUE.equals(auth.get("EnableIamAuthorizer"))
                  || !"AWS_IAM".equals(auth.get("DefaultAuthorizer"))) {
                problems.add(id + ": HTTP API without AWS_IAM as default authorizer");
              }
            });
    template
        .resourcesOfType("AWS::ApiGateway::Method")
        .forEach(
            (id, m) -> {
              Object type = properties(m).get("AuthorizationType");
              if (!"AWS_IAM".equals(type) && !"OPTIONS".equals(properties(m).get("HttpMethod"))) {
                problems.add(id + ": AuthorizationType " + type);
              }
            });
    template
        .resourcesOfType("AWS::Serverless::Function")
        .forEach(
            (fnId, fn) -> {
              map(properties(fn).get("Events"))
                  .forEach(
                      (eventId, raw) -> {
                        Map<String, Object> event = map(raw);
                        String type = String.valueOf(event.get("Type"));
                        if (!type.equals("Api") && !type.equals("HttpApi")) {
                          return;
                        }
                        Map<String, Object> p = properties(event);
                        String route =
                            fnId
                                + "."
                                + eventId
                                + " ("
                                + p.get("Method")
                                + " "
                                + p.get("Path")
                                + ")";
                        Object own = map(p.get("Auth")).get("Authorizer");
                        if (own != null) {
                          if (!"AWS_IAM".equals(own)) {
                            problems.add(route + ": Authorizer " + own);
                          }
                          return;
                        }
                        Object apiRef =
                            map(p.get(type.equals("Api") ? "RestApiId" : "ApiId")).get("Ref");
                        if (apiRef == null) {
                          // The implicit API: only Globals.Api.Auth can protect it.
                          if (type.equals("HttpApi")
                              || !"AWS_IAM".equals(globalApiAuth.get("DefaultAuthorizer"))) {
                            problems.add(
                                route + ": implicit API without an AWS_IAM default authorizer");
                          }
                        } else if (!template.resources().containsKey(apiRef.toString())) {
                          problems.add(route + ": refers to unknown API " + apiRef);
                        }
                      });
            });
    return problems;
  }

  /**
   * Every IAM statement of the template (roles, policies, SAM Policies entries, managed policy
   * names).
   */
  public static List<Statement> statements(CfnTemplate template) {
    List<Statement> out = new ArrayList<>();
    template
        .resources()
        .forEach(
            (id, r) -> {
              String type = String.valueOf(r.get("Type"));
              Map<String, Object> p = properties(r);
              switch (type) {
                case "AWS::IAM::Role" -> {
                  for (Object pol : list(p.get("Policies"))) {
                    addDocument(
                        out,
                        id + "/" + map(pol).get("PolicyName"),
                        map(map(pol).get("PolicyDocument")));
                  }
                  for (Object arn : list(p.get("ManagedPolicyArns"))) {
                    addManaged(out, id, arn);
                  }
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy" ->
                    addDocument(out, id, map(p.get("PolicyDocument")));
                case "AWS::Serverless::Function", "AWS::Serverless::StateMachine" -> {
                  for (Object pol : list(p.get("Policies"))) {
                    if (pol instanceof String name) {
                      addManaged(out, id, name);
                    } else if (map(pol).containsKey("Statement")) {
                      addDocument(out, id, map(pol));
                    } else {
                      // A SAM policy template: its parameters name the resource; '*' there means
                      // every resource.
                      map(pol)
                          .forEach(
                              (templateName, params) ->
                                  map(params)
                                      .forEach(
                                          (k, v) -> {
                                            if ("*".equals(v)) {
                                              out.add(
                                                  new Statement(
                                                      id + "/" + templateName,
                                                      List.of("*"),
                                                      List.of("*")));
                                            }
                                          }));
                    }
                  }
                }
                default -> {}
              }
            });
    return out;
  }

  private static void addManaged(List<Statement> out, String id, Object arnOrName) {
    String s = String.valueOf(arnOrName);
    if (BROAD_MANAGED_POLICIES.stream().anyMatch(s::endsWith)) {
      out.add(new Statement(id + "/" + s, List.of("*"), List.of("*")));
    }
  }

  private static void addDocument(List<Statement> out, String where, Map<String, Object> document) {
    int i = 0;
    for (Object raw : list(document.get("Statement"))) {
      Map<String, Object> s = map(raw);
      i++;
      if (!"Allow".equals(s.get("Effect"))) {
        continue;
      }
      List<String> actions = list(s.get("Action")).stream().map(Objects::toString).toList();
      List<String> resources = list(s.get("Resource")).stream().map(Objects::toString).toList();
      if (s.containsKey("NotAction") || s.containsKey("NotResource")) {
        // "everything but" is as broad as a wildcard.
        actions = s.containsKey("NotAction") ? List.of("*") : actions;
        resources = s.containsKey("NotResource") ? List.of("*") : resources;
      }
      out.add(new Statement(where + "#" + i, actions, resources));
    }
  }
}

package io.switchboard.e2e;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the isolation matrix fills the path parameters of the merged OpenAPI document. A template
 * with a path parameter that no rule here matches fails the matrix: a new endpoint is covered by
 * adding a rule (or, with a reason, an exclusion), never skipped silently.
 */
final class IsolationRules {

  /** What a path parameter names. */
  enum Scope {
    /** One of user A's resources: user B must be refused (404, or 403) and change nothing. */
    OWNED,
    /**
     * A key inside the caller's own namespace (e.g. a permission override by skill and action): B
     * acts on B's own data only; A's must survive (checked after the matrix).
     */
    OWN_NAMESPACE,
    /**
     * The global catalog every user reads (skills, models, provider catalogues; writes are admin
     * only): B may read it, but no answer may carry anything of A's.
     */
    SHARED
  }

  /** A template pattern, what it names, and the fixture kind (or literal) for each parameter. */
  record Rule(Pattern template, Scope scope, Map<String, String> params) {}

  /**
   * First match wins. Values are fixture kinds ({@code IsolationFixture.ids}) or {@code =literal}.
   */
  static final List<Rule> RULES =
      List.of(
          rule("^/api/agents/\\{id}", Scope.OWNED, Map.of("id", "agent")),
          // Admin operations on A's account: B (a plain user) is refused as for any account.
          rule("^/api/admin/users/\\{id}", Scope.OWNED, Map.of("id", "account")),
          rule("^/api/sessions/\\{id}", Scope.OWNED, Map.of("id", "session")),
          rule("^/api/vault/\\{id}", Scope.OWNED, Map.of("id", "credential")),
          rule("^/api/hooks/\\{id}", Scope.OWNED, Map.of("id", "hook")),
          rule("^/api/pipelines/templates/\\{id}", Scope.OWNED, Map.of("id", "template")),
          rule("^/api/pipelines/\\{id}", Scope.OWNED, Map.of("id", "run")),
          rule("^/api/notifications/\\{id}", Scope.OWNED, Map.of("id", "notification")),
          rule(
              "^/api/skills/permissions/\\{skillId}/\\{action}$",
              Scope.OWN_NAMESPACE,
              Map.of("skillId", "=time", "action", "=now")),
          rule(
              "^/api/skills/\\{skillId}/tools/\\{toolName}/execute$",
              Scope.SHARED,
              Map.of("skillId", "=time", "toolName", "=now")),
          rule("^/api/skills/\\{id}", Scope.SHARED, Map.of("id", "=time")),
          rule("^/api/models/providers/\\{provider}/", Scope.SHARED, Map.of("provider", "=openai")),
          rule("^/api/models/\\{name}", Scope.SHARED, Map.of("name", "model")),
          rule("^/api/models/\\{idOrName}/", Scope.SHARED, Map.of("idOrName", "model")));

  /**
   * Operations with a path parameter the matrix does not run, each with its reason. Keep it short.
   */
  static final Map<String, String> EXCLUDED =
      Map.of(
          // A passkey is created only by a WebAuthn authenticator's attestation; the matrix has
          // none. auth-service's PasskeyCeremonyTest registers one (software authenticator) and
          // deletes it as another user: 404.
          "DELETE /api/auth/passkey/{id}", "needs a WebAuthn authenticator to create A's passkey");

  /**
   * Body (and query) fields that reference a resource, and the fixture kinds to try in them: B
   * naming A's resource there must be refused like a path id.
   */
  static final Map<String, List<String>> REFERENCES =
      Map.of(
          "sessionId", List.of("session"),
          "templateId", List.of("template"),
          "credentialId", List.of("credential"),
          "agentId", List.of("agent"),
          "requestId", List.of("chatApproval", "pipelineApproval"),
          "runId", List.of("run"),
          "hookId", List.of("hook"),
          "notificationId", List.of("notification"));

  private IsolationRules() {}

  static Rule find(String template) {
    for (Rule rule : RULES) {
      if (rule.template().matcher(template).find()) {
        return rule;
      }
    }
    return null;
  }

  private static Rule rule(String regex, Scope scope, Map<String, String> params) {
    return new Rule(Pattern.compile(regex), scope, params);
  }
}

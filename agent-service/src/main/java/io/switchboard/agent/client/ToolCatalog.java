package io.switchboard.agent.client;

import io.switchboard.agent.client.SkillDtos.PermissionOverride;
import io.switchboard.agent.client.SkillDtos.ToolDef;
import io.switchboard.agent.client.SkillDtos.ToolList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The one place that knows how the agent loop learns a user's tools and stores a remembered answer.
 * skill-service guarantees no internal tool listing, so this reads the public {@code GET
 * /api/skills/tools/all} with the user's own token (forwarded from the request that queues the
 * work) and writes overrides through the public {@code PUT /api/skills/permissions}. When an
 * internal equivalent lands, only this class changes. Bounded by the REST client's timeouts; a
 * failure is logged and degrades, never fails the caller.
 */
@ApplicationScoped
public class ToolCatalog {

  private static final Logger LOG = Logger.getLogger(ToolCatalog.class);

  private final SkillUserClient client;
  private final SkillClient internal;

  public ToolCatalog(@RestClient SkillUserClient client, @RestClient SkillClient internal) {
    this.client = client;
    this.internal = internal;
  }

  /**
   * The tools for work started by another service (a pipeline stage, a hook) where no user token
   * exists: skill-service's {@code GET /internal/tools}, with this service's token.
   */
  public List<ToolDef> toolsForService() {
    try {
      ToolList list = internal.tools();
      return list == null || list.tools() == null ? List.of() : list.tools();
    } catch (WebApplicationException | ProcessingException e) {
      LOG.warnf("No tools from skill-service, answering without: %s", e.getMessage());
      return List.of();
    }
  }

  /**
   * The user's tools, or none when skill-service cannot say (the agent then answers without tools
   * rather than not at all; the warning is logged).
   */
  public List<ToolDef> tools(String userToken) {
    try {
      ToolList list = client.tools("Bearer " + userToken);
      return list == null || list.tools() == null ? List.of() : list.tools();
    } catch (WebApplicationException | ProcessingException e) {
      LOG.warnf("No tools from skill-service, answering without: %s", e.getMessage());
      return List.of();
    }
  }

  /** Makes an approval answer lasting; false when skill-service did not take it. */
  public boolean remember(String userToken, String skillId, String tool, boolean allow) {
    PermissionOverride override =
        new PermissionOverride(skillId, tool, allow ? "allow" : "deny", "remembered approval");
    try (Response response = client.override("Bearer " + userToken, override)) {
      return response.getStatus() / 100 == 2;
    } catch (WebApplicationException | ProcessingException e) {
      LOG.warnf("skill-service did not store a remembered permission: %s", e.getMessage());
      return false;
    }
  }
}

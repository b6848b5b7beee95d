package io.switchboard.skill.builtin.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.skill.builtin.BuiltinSkill;
import io.switchboard.skill.client.VaultUserClient;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Schemas;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code vault}: the names (and types) of the caller's credentials, so a model can reference one as
 * {@code {{secret:NAME}}}. Never a value: it reads vault-service's metadata list with the user's
 * own token.
 */
@ApplicationScoped
public class VaultSkill implements BuiltinSkill {

  static final int MAX_NAMES = 200;

  private static final List<ToolSpec> TOOLS =
      List.of(
          new ToolSpec(
              "list",
              "Lists the names of your stored credentials (never their values). Use one in a"
                  + " tool argument as {{secret:NAME}}.",
              Schemas.parse("{\"type\":\"object\",\"additionalProperties\":false}"),
              PermissionLevel.ALLOW));

  private final VaultUserClient vault;

  public VaultSkill(@RestClient VaultUserClient vault) {
    this.vault = vault;
  }

  @Override
  public String id() {
    return "vault";
  }

  @Override
  public String description() {
    return "Names of your vault credentials, to reference as {{secret:NAME}}; never values.";
  }

  @Override
  public List<ToolSpec> tools() {
    return TOOLS;
  }

  @Override
  public ToolOutcome call(String tool, JsonNode arguments, ToolContext context) {
    if (context.userBearer() == null) {
      return ToolOutcome.error(
          "vault.list is only available on the user's own calls (vault-service has no internal"
              + " list yet)");
    }
    VaultUserClient.Page page;
    try {
      page = vault.list("Bearer " + context.userBearer(), MAX_NAMES);
    } catch (WebApplicationException e) {
      return ToolOutcome.error("vault-service answered " + e.getResponse().getStatus());
    } catch (ProcessingException e) {
      return ToolOutcome.error("vault-service is unreachable");
    }
    ArrayNode names = JsonNodeFactory.instance.arrayNode();
    for (VaultUserClient.Entry entry : page.credentials()) {
      names.addObject().put("name", entry.name()).put("credentialType", entry.credentialType());
    }
    return ToolOutcome.ok(
        JsonNodeFactory.instance.objectNode().put("total", page.total()).set("credentials", names));
  }
}

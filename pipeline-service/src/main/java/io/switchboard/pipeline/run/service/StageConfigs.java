package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.pipeline.client.AgentClient.RunRequest;
import io.switchboard.pipeline.client.SkillClient.ToolRequest;
import io.switchboard.pipeline.run.service.RunTransitions.Work;
import io.switchboard.pipeline.template.service.References;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A stage's config with its references rendered, as the calls of each stage type need it. */
@ApplicationScoped
public class StageConfigs {

  private final ObjectMapper json;

  public StageConfigs(ObjectMapper json) {
    this.json = json;
  }

  public ObjectMapper json() {
    return json;
  }

  public JsonNode config(Work w) {
    try {
      return json.readTree(w.stage().config);
    } catch (Exception e) {
      throw new IllegalStateException("Unreadable config of stage " + w.stage().id, e);
    }
  }

  /** A text field of the config, rendered; "" when absent. */
  public String render(Work w, String field) {
    JsonNode value = config(w).get(field);
    return value == null || value.isNull()
        ? ""
        : References.render(value.asText(), w.input(), w.outputs());
  }

  public RunRequest agentRun(Work w) {
    JsonNode c = config(w);
    List<String> skills = null;
    if (c.hasNonNull("skills")) {
      skills = new ArrayList<>();
      for (JsonNode s : c.get("skills")) {
        skills.add(s.asText());
      }
    }
    return new RunRequest(
        w.run().userId,
        w.run().id,
        w.stage().name,
        render(w, "prompt"),
        c.hasNonNull("topic") ? c.get("topic").asText() : null,
        c.hasNonNull("model") ? c.get("model").asText() : null,
        skills);
  }

  /** The tool stage's call; {@code approvalRequestId}: the user's approval of it, or null. */
  public ToolRequest toolRequest(Work w, UUID approvalRequestId) {
    JsonNode c = config(w);
    return new ToolRequest(
        w.run().userId,
        c.get("skillId").asText(),
        c.get("tool").asText(),
        References.renderAll(c.get("arguments"), w.input(), w.outputs()),
        approvalRequestId);
  }
}

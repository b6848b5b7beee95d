package io.switchboard.pipeline.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated stage of a template, defaults filled in; stored as JSON and copied into runs. */
@Schema(name = "PipelineStageDefinition")
public record StageDefinition(
    String name, String type, JsonNode config, int maxRetries, int timeoutSeconds) {

  public static final String AGENT = "agent";
  public static final String TOOL = "tool";
  public static final String APPROVAL = "approval";
  public static final String NOTIFY = "notify";
  public static final List<String> TYPES = List.of(AGENT, TOOL, APPROVAL, NOTIFY);
}

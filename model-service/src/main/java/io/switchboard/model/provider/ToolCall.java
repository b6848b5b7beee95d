package io.switchboard.model.provider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tool the model wants called; {@code arguments} is always a JSON object. */
@Schema(name = "ToolCall")
public record ToolCall(
    @NotBlank @Size(max = 200) String id,
    @NotBlank @Size(max = 200) String name,
    @Schema(implementation = Object.class) ObjectNode arguments) {

  public ToolCall {
    if (arguments == null) {
      arguments = JsonNodeFactory.instance.objectNode();
    }
  }
}

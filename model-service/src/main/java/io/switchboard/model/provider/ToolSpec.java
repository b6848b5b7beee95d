package io.switchboard.model.provider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tool the model may call: its name, what it does, and a JSON Schema of its arguments. */
@Schema(name = "ToolSpec")
public record ToolSpec(
    @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String name,
    @Size(max = 4000) String description,
    @Schema(implementation = Object.class) ObjectNode inputSchema) {

  public ToolSpec {
    if (inputSchema == null) {
      inputSchema = JsonNodeFactory.instance.objectNode().put("type", "object");
    }
  }
}

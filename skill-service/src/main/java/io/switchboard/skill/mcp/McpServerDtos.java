package io.switchboard.skill.mcp;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin body that registers an MCP server. */
public final class McpServerDtos {

  public static final String NAME_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

  private McpServerDtos() {}

  @Schema(name = "RegisterMcpServerRequest")
  public record RegisterRequest(
      @Schema(description = "The skill id: lower case letters, digits, single '-'")
          @NotNull @Size(min = 1, max = 40) @Pattern(regexp = NAME_PATTERN, message = "must be lower case letters, digits and '-'") String name,
      @Size(max = 500) String description,
      @NotNull @Pattern(regexp = "stdio|http", message = "must be stdio or http") String transport,
      @Schema(description = "stdio: the executable") @Size(max = 1000) String command,
      @Size(max = 50) List<@NotNull @Size(max = 1000) String> args,
      @Schema(description = "http: the streamable HTTP endpoint") @Size(max = 2048) String url,
      @Schema(description = "stdio: environment of the process; never shown") @Size(max = 50) Map<
                  @Pattern(
                      regexp = "[A-Za-z_][A-Za-z0-9_]{0,99}",
                      message = "is not a variable name")
                  String,
                  @NotNull @Size(max = 4096) String>
              env) {}
}

package io.switchboard.skill.mcp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered MCP server; its name is the skill id. */
@Entity
@Table(name = "mcp_server")
public class McpServer extends PanacheEntityBase {

  public static final String STDIO = "stdio";
  public static final String HTTP = "http";

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  public String description;

  /** {@link #STDIO} or {@link #HTTP} (streamable HTTP). */
  @Column(nullable = false)
  public String transport;

  public String command;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public List<String> args;

  public String url;

  /** Environment of a stdio server's process; never shown (values may be keys). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, String> env;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_by", nullable = false)
  public UUID createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static McpServer byName(String name) {
    return find("name", name).firstResult();
  }
}

package io.switchboard.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What the dashboards show of the agents: {@code switchboard_agents_running} (agents working or
 * waiting for approval) and {@code switchboard_approvals_pending}. Counted in the database on each
 * scrape, so every replica reports the same platform-wide figure (dashboards take the max).
 */
@ApplicationScoped
public class AgentMetrics {

  private static final Logger LOG = Logger.getLogger(AgentMetrics.class);

  private final DataSource dataSource;
  private final MeterRegistry registry;

  public AgentMetrics(DataSource dataSource, MeterRegistry registry) {
    this.dataSource = dataSource;
    this.registry = registry;
  }

  void register(@Observes StartupEvent event) {
    Gauge.builder(
            "switchboard.agents.running",
            this,
            m ->
                m.count(
                    "SELECT count(*) FROM agent WHERE deleted_at IS NULL"
                        + " AND status IN ('running', 'awaiting_approval')"))
        .description("Agents working or waiting for an approval")
        .register(registry);
    Gauge.builder(
            "switchboard.approvals.pending",
            this,
            m ->
                m.count(
                    "SELECT count(*) FROM approval WHERE status = 'pending' AND expires_at >"
                        + " now()"))
        .description("Approval requests waiting for an answer")
        .register(registry);
  }

  private double count(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : Double.NaN;
    } catch (SQLException e) {
      LOG.debugf("Metric query failed: %s", e.getMessage());
      return Double.NaN;
    }
  }
}

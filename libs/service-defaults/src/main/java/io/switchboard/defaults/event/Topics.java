package io.switchboard.defaults.event;

import java.util.List;

/** The Kafka topics of the platform (ARCHITECTURE.md, "Messages"), named once. */
public final class Topics {

  /** Agent lifecycle, messages and tool calls; key: agentId. */
  public static final String AGENT_EVENTS = "agent.events";

  /** Work for the agent runtime, so one agent's work runs on one replica in order; key: agentId. */
  public static final String AGENT_COMMANDS = "agent.commands";

  /** Session revocations and account changes; key: userId. */
  public static final String AUTH_EVENTS = "auth.events";

  /** Approval requests and their outcomes; key: userId. */
  public static final String APPROVAL_EVENTS = "approval.events";

  /** Pipeline run and stage transitions; key: runId. */
  public static final String PIPELINE_EVENTS = "pipeline.events";

  /** Notifications for a user; key: userId. */
  public static final String NOTIFICATIONS = "notifications";

  public static final List<String> ALL =
      List.of(
          AGENT_EVENTS,
          AGENT_COMMANDS,
          AUTH_EVENTS,
          APPROVAL_EVENTS,
          PIPELINE_EVENTS,
          NOTIFICATIONS);

  private Topics() {}
}

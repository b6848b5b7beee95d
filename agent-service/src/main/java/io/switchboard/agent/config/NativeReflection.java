package io.switchboard.agent.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.agent.agent.rest.AgentDtos;
import io.switchboard.agent.approval.service.ApprovalView;
import io.switchboard.agent.chat.rest.ChatDtos;
import io.switchboard.agent.client.ModelDtos;
import io.switchboard.agent.client.SkillDtos;
import io.switchboard.agent.event.EventLog;

/**
 * Records Jackson reads or writes outside a JAX-RS signature (entities of a {@code Response}, the
 * stored tool snapshot and tool calls, event data, idempotency fingerprints): kept for a native
 * image.
 */
@RegisterForReflection(
    targets = {
      AgentDtos.AgentView.class,
      AgentDtos.CreateRequest.class,
      AgentDtos.MessageAccepted.class,
      ChatDtos.ChatRequest.class,
      ChatDtos.ChatResponse.class,
      ChatDtos.ChatAwaiting.class,
      ApprovalView.class,
      EventLog.AgentEventView.class,
      EventLog.EventPage.class,
      ModelDtos.CompletionRequest.class,
      ModelDtos.CompletionResponse.class,
      ModelDtos.ChatMessage.class,
      ModelDtos.ToolCall.class,
      ModelDtos.ToolSpec.class,
      ModelDtos.Usage.class,
      SkillDtos.ToolDef.class,
      SkillDtos.ToolList.class,
      SkillDtos.PermissionCheck.class,
      SkillDtos.PermissionAnswer.class,
      SkillDtos.ExecuteRequest.class,
      SkillDtos.ExecuteResult.class,
      SkillDtos.ResolveRequest.class,
      SkillDtos.PermissionOverride.class
    })
public final class NativeReflection {

  private NativeReflection() {}
}

package io.switchboard.agent.session.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import io.switchboard.agent.event.Texts;
import io.switchboard.agent.session.Message;
import io.switchboard.agent.session.Session;
import io.switchboard.agent.session.rest.SessionDtos.MessageList;
import io.switchboard.agent.session.rest.SessionDtos.MessageView;
import io.switchboard.agent.session.rest.SessionDtos.SessionList;
import io.switchboard.agent.session.rest.SessionDtos.SessionView;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** A user's sessions and their transcripts. */
@ApplicationScoped
public class SessionService {

  private final ObjectMapper json;

  public SessionService(ObjectMapper json) {
    this.json = json;
  }

  @Transactional
  public SessionList list(UUID userId, PageRequest page) {
    var query = Session.<Session>find("userId", Sort.descending("updatedAt").and("id"), userId);
    long total = query.count();
    List<SessionView> items =
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(SessionView::of)
            .toList();
    return new SessionList(items, page.meta(total));
  }

  @Transactional
  public Session get(UUID userId, UUID id) {
    Session s = Session.findById(id);
    if (s == null || !s.userId.equals(userId)) {
      throw ProblemException.notFound("Session");
    }
    return s;
  }

  /**
   * The {@code limit} messages before the message {@code before} (or the newest), oldest first;
   * {@code hasMore} when older ones exist.
   */
  @Transactional
  public MessageList messages(UUID userId, UUID sessionId, int limit, UUID before) {
    get(userId, sessionId);
    long bound = Long.MAX_VALUE;
    if (before != null) {
      Message cursor = Message.findById(before);
      if (cursor == null || !cursor.sessionId.equals(sessionId)) {
        throw ProblemException.validation("before", "is not a message of this session");
      }
      bound = cursor.pos;
    }
    List<Message> newest =
        Message.<Message>find(
                "sessionId = ?1 and pos < ?2", Sort.descending("pos"), sessionId, bound)
            .range(0, limit)
            .list();
    boolean hasMore = newest.size() > limit;
    List<Message> page = new ArrayList<>(newest.subList(0, Math.min(limit, newest.size())));
    Collections.reverse(page);
    return new MessageList(page.stream().map(this::view).toList(), hasMore);
  }

  /** Appends a message to a session's transcript; {@code toolCalls} is JSON text or null. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Message append(
      Session session,
      UUID id,
      String role,
      String content,
      String toolCalls,
      String toolCallId,
      String model) {
    Message m = new Message();
    m.id = id == null ? UUID.randomUUID() : id;
    m.sessionId = session.id;
    m.userId = session.userId;
    m.role = role;
    m.content = content == null ? "" : Texts.clean(content);
    m.toolCalls = toolCalls;
    m.toolCallId = toolCallId;
    m.model = model;
    m.createdAt = Instant.now();
    m.persist();
    session.messageCount++;
    session.updatedAt = m.createdAt;
    return m;
  }

  /** The whole transcript, oldest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Message> transcript(UUID sessionId) {
    return Message.<Message>find("sessionId", Sort.by("pos"), sessionId).list();
  }

  public MessageView view(Message m) {
    try {
      return new MessageView(
          m.id,
          m.role,
          m.content,
          m.toolCalls == null ? null : json.readTree(m.toolCalls),
          m.toolCallId,
          m.model,
          m.createdAt);
    } catch (IOException e) {
      throw new IllegalStateException("Stored tool calls are not JSON", e);
    }
  }
}
